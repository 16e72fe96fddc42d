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

/**
 * A warm-up daily cap is counted from the store (messages marked SENT today from that sending
 * domain), so a restarted gateway on the same data keeps to it, and the API says why a message waits.
 */
class WarmupAcrossRestartEndToEndTest {

    private static final String WARMUP_REASON = "waiting: warm-up of sending domain example.com allows 2 messages on day 1";

    @TempDir
    Path dir;

    @Test
    void aRestartedGatewayStillHoldsTheDailyCapAndTheMessageSaysWhyItWaitsAndUntilWhen() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T15:00:00Z"));
        GreenMail relay = new GreenMail(new ServerSetup(RunningGateway.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        Map<ConfigKey, String> config = Map.of(
                ConfigKey.SMTP_HOST, "127.0.0.1",
                ConfigKey.SMTP_PORT, String.valueOf(relay.getSmtp().getPort()),
                ConfigKey.SMTP_STARTTLS, "false",
                ConfigKey.OUTBOX_POLL_INTERVAL, "PT1H",
                ConfigKey.PACING_WARMUP_DOMAINS, "example.com:2026-11-27",
                ConfigKey.PACING_WARMUP_FIRST_DAY_CAP, "2");
        try {
            String key;
            try (RunningGateway gw = RunningGateway.start(dir, config, clock)) {
                key = gw.key("crm", "INTEGRATION");
                for (String lead : new String[] {"l1", "l2", "l3"}) {
                    send(gw, key, lead);
                }
                gw.gateway.email().dispatcher().runOnce();
                assertThat(relay.getReceivedMessages()).as("the first day's cap").hasSize(2);
            }

            clock.advance(Duration.ofHours(2));
            try (RunningGateway restarted = RunningGateway.start(dir, config, clock)) {
                String fourth = send(restarted, key, "l4");
                restarted.gateway.email().dispatcher().runOnce();

                assertThat(relay.getReceivedMessages()).as("still capped after the restart").hasSize(2);
                Reply waiting = restarted.get("/api/v1/emails/" + fourth, key);
                assertThat(waiting.text("status")).isEqualTo("RETRYING");
                assertThat(waiting.json().path("attempts").asInt()).isZero();
                assertThat(waiting.text("lastError")).isEqualTo(WARMUP_REASON);
                assertThat(waiting.text("nextAttemptAt")).isEqualTo("2026-11-28T00:00:00Z");

                clock.advance(Duration.ofHours(8)); // the next day, whose cap is 3
                restarted.gateway.email().dispatcher().runOnce();
                assertThat(relay.getReceivedMessages()).hasSize(4);
                assertThat(restarted.get("/api/v1/emails/" + fourth, key).text("status")).isEqualTo("SENT");
            }
        } finally {
            relay.stop();
        }
    }

    private static String send(RunningGateway gw, String key, String lead) {
        gw.post("/api/v1/leads", key, "{\"id\":\"" + lead + "\",\"country\":\"US\",\"email\":\"" + lead
                + "@" + lead + ".example.org\",\"firstName\":\"Ann\"}");
        Reply sent = gw.post("/api/v1/emails", key, "{\"leadId\":\"" + lead + "\",\"template\":\"lead-generation-thank-you\","
                + "\"data\":{\"repName\":\"Bob\"}}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        return sent.text("messageId");
    }
}
