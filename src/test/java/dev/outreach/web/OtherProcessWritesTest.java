package dev.outreach.web;

import dev.outreach.Gateway;
import dev.outreach.gateway.Actor;
import dev.outreach.gateway.Role;
import dev.outreach.policy.SuppressionReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command run beside the serving gateway (another process on the same SQLite file, like
 * {@code subject} or {@code import leads}) writes facts the server has never seen. The server reads
 * nothing for recipients it holds nothing about, so it must learn of those writes before its next
 * decision: the first check after the other process committed already sees them.
 */
class OtherProcessWritesTest {

    private static final String CALL = "{\"channel\":\"CALL\",\"phone\":\"+12125550143\",\"purpose\":\"TELEMARKETING\","
            + "\"dialer\":\"MANUAL\",\"at\":\"2026-12-07T16:00:00Z\"}";

    @TempDir
    Path dir;

    @Test
    void anUnsubscribeWrittenByAnotherProcessBlocksTheServersNextCheck() {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of())) {
            String crm = gw.key("crm", "INTEGRATION");
            String email = "{\"channel\":\"EMAIL\",\"email\":\"ann@acme-widgets.com\",\"purpose\":\"COMMERCIAL\"}";
            RunningGateway.Reply before = gw.post("/api/v1/checks", crm, email);
            assertThat(before.status()).as(before.body()).isEqualTo(200);
            assertThat(before.json().path("reasons").toString()).doesNotContain("canspam.suppression");

            try (Gateway otherProcess = new Gateway(gw.gateway.config(), Clock.systemUTC())) {
                String key = otherProcess.base().pseudonyms().email("ann@acme-widgets.com");
                otherProcess.permissions().suppressions().addByKey("EMAIL", key, "ann@acme-widgets.com",
                        SuppressionReason.UNSUBSCRIBE, "cli", "test");
            }

            RunningGateway.Reply after = gw.post("/api/v1/checks", crm, email);
            assertThat(after.json().path("decision").asText()).as(after.body()).isEqualTo("BLOCK");
            assertThat(after.json().path("reasons").toString()).as(after.body()).contains("canspam.suppression");
        }
    }

    @Test
    void aDoNotCallRequestWrittenByAnotherProcessBlocksTheServersNextCallCheck() {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of())) {
            String crm = gw.key("crm", "INTEGRATION");
            RunningGateway.Reply before = gw.post("/api/v1/checks", crm, CALL);
            assertThat(before.status()).as(before.body()).isEqualTo(200);
            assertThat(before.json().path("reasons").toString()).doesNotContain("tcpa.company-dnc");

            try (Gateway otherProcess = new Gateway(gw.gateway.config(), Clock.systemUTC())) {
                otherProcess.permissions().consents().revokePhone("+12125550143", null, "cli",
                        new Actor.KeyHolder("cli", "cli", Role.ADMIN));
            }

            RunningGateway.Reply after = gw.post("/api/v1/checks", crm, CALL);
            assertThat(after.json().path("decision").asText()).as(after.body()).isEqualTo("BLOCK");
            assertThat(after.json().path("reasons").toString()).as(after.body()).contains("tcpa.company-dnc");
        }
    }
}
