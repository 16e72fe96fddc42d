package dev.outreach.gateway;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.outreach.config.ConfigKey;
import dev.outreach.testing.MutableClock;
import dev.outreach.web.RunningGateway;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A relay outage seen through the API: the message waits as RETRYING and is delivered once, when the relay returns. */
class RelayOutageEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void aDownRelayLeavesTheMessageRetryingAndItIsDeliveredExactlyOnceWhenTheRelayIsBack() throws Exception {
        int relayPort = RunningGateway.freePort();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T15:00:00Z"));
        try (RunningGateway gw = RunningGateway.start(dir, Map.of(
                ConfigKey.SMTP_HOST, "127.0.0.1",
                ConfigKey.SMTP_PORT, String.valueOf(relayPort),
                ConfigKey.SMTP_STARTTLS, "false",
                ConfigKey.SMTP_CONNECT_TIMEOUT, "PT1S",
                ConfigKey.OUTBOX_POLL_INTERVAL, "PT1H"), clock)) {
            String key = gw.key("crm", "INTEGRATION");
            gw.post("/api/v1/leads", key, "{\"id\":\"l1\",\"country\":\"US\",\"email\":\"ann@example.org\",\"firstName\":\"Ann\"}");
            Reply sent = gw.post("/api/v1/emails", key, "{\"leadId\":\"l1\",\"template\":\"lead-generation-thank-you\","
                    + "\"data\":{\"repName\":\"Bob\"}}");
            String messageId = sent.text("messageId");

            gw.gateway.email().dispatcher().runOnce();
            Reply waiting = gw.get("/api/v1/emails/" + messageId, key);
            assertThat(waiting.text("status")).isEqualTo("RETRYING");
            assertThat(waiting.json().path("attempts").asInt()).isEqualTo(1);

            GreenMail relay = new GreenMail(new ServerSetup(relayPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            relay.start();
            try {
                assertThat(gw.gateway.email().dispatcher().runOnce()).as("not due yet").isZero();
                clock.advance(Duration.ofMinutes(1));
                assertThat(gw.gateway.email().dispatcher().runOnce()).isEqualTo(1);
                clock.advance(Duration.ofHours(2));
                assertThat(gw.gateway.email().dispatcher().runOnce()).isZero();

                assertThat(relay.getReceivedMessages()).hasSize(1);
                assertThat(gw.get("/api/v1/emails/" + messageId, key).text("status")).isEqualTo("SENT");
            } finally {
                relay.stop();
            }
        }
    }
}
