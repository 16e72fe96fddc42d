package dev.outreach.gateway.email;

import dev.outreach.config.ConfigKey;
import dev.outreach.web.RunningGateway;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Without the sender's postal address a commercial send is a recorded BLOCK, the same as its check. */
class MissingPostalAddressTest {

    @TempDir
    Path dir;

    @Test
    void sendWithoutPostalAddressIsAnAuditedBlockAgreeingWithTheCheck() {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of(ConfigKey.SENDER_POSTAL_ADDRESS, ""))) {
            assertThat(gw.post("/api/v1/leads", RunningGateway.ADMIN_KEY, "{\"id\":\"np-1\",\"email\":"
                    + "\"np@example.com\",\"firstName\":\"Ann\",\"company\":\"Globex\",\"country\":\"US\"}").status())
                    .isEqualTo(201);
            String key = gw.key("tool", "INTEGRATION");

            Reply send = gw.post("/api/v1/emails", key,
                    "{\"leadId\":\"np-1\",\"template\":\"presentation-summary\",\"data\":{\"repName\":\"Bob\"}}");
            Reply check = gw.post("/api/v1/checks", key,
                    "{\"channel\":\"EMAIL\",\"leadId\":\"np-1\",\"template\":\"presentation-summary\"}");

            assertThat(send.status()).as(send.body()).isEqualTo(200);
            assertThat(send.text("decision")).isEqualTo("BLOCK");
            assertThat(send.json().path("reasons").findValuesAsText("rule")).containsExactly("canspam.message-content");
            assertThat(check.json().path("reasons").findValuesAsText("rule")).containsExactly("canspam.message-content");
            Reply audited = gw.get("/api/v1/audit?leadId=np-1&decision=BLOCK", RunningGateway.ADMIN_KEY);
            assertThat(audited.json().path("entries").findValuesAsText("id")).contains(send.text("auditId"));
            assertThat(gw.gateway.store().outbox().forLead("np-1")).isEmpty();
        }
    }
}
