package dev.outreach.gateway;

import dev.outreach.web.RunningGateway;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tampering with the real database behind a running gateway is caught by /api/v1/audit/verify. */
class AuditTamperEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void theAuditLogVerifiesAndAnEditedRowIsNamed() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of())) {
            String key = gw.key("crm", "INTEGRATION");
            gw.post("/api/v1/leads", key, "{\"id\":\"l1\",\"country\":\"US\",\"email\":\"audit@example.org\",\"firstName\":\"Ann\"}");
            gw.post("/api/v1/emails", key, "{\"leadId\":\"l1\",\"template\":\"lead-generation-thank-you\","
                    + "\"data\":{\"repName\":\"Bob\"}}");
            gw.post("/api/v1/checks", key, "{\"channel\":\"EMAIL\",\"email\":\"x@example.org\",\"purpose\":\"COMMERCIAL\"}");
            Reply ok = gw.get("/api/v1/audit/verify", RunningGateway.ADMIN_KEY);
            assertThat(ok.json().path("ok").asBoolean()).as(ok.body()).isTrue();
            assertThat(ok.json().path("entries").asLong()).isGreaterThanOrEqualTo(4);

            Reply sendEntry = gw.get("/api/v1/audit?kind=DECISION&leadId=l1", RunningGateway.ADMIN_KEY);
            long seq = sendEntry.json().path("entries").get(0).path("seq").asLong();

            // Someone with database access turns the recorded ALLOW into a BLOCK after the fact.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/gateway.db"));
                 Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("UPDATE audit_entries SET decision = 'BLOCK', rules = 'canspam.suppression'"
                        + " WHERE seq = " + seq + " AND decision = 'ALLOW'")).isEqualTo(1);
            }

            Reply broken = gw.get("/api/v1/audit/verify", RunningGateway.ADMIN_KEY);
            assertThat(broken.json().path("ok").asBoolean()).isFalse();
            assertThat(broken.json().path("firstBadEntry").path("seq").asLong()).isEqualTo(seq);
            assertThat(broken.json().path("detail").asText()).contains("entry " + seq);
        }
    }
}
