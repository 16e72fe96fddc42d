package dev.outreach.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.Gateway;
import dev.outreach.config.ConfigKey;
import dev.outreach.gateway.DeliveryFeedback;
import dev.outreach.gateway.DeliveryFeedback.Kind;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.OutboxStatus;
import dev.outreach.testing.EmbeddedPostgresServer;
import dev.outreach.testing.MutableClock;
import dev.outreach.web.RunningGateway;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounce and complaint rates per sender domain and day, computed on a real store (SQLite and
 * PostgreSQL) from messages the real outbox dispatcher delivered and from feedback applied through
 * {@link DeliveryFeedback}, the one path of the bounce mailbox and the ESP webhooks; read back from
 * {@code GET /api/v1/reports/compliance} (JSON and CSV).
 */
class DeliverabilityRatesTest {

    static final Instant NOV_26 = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    private RunningGateway start(String engine, MutableClock clock) {
        Map<ConfigKey, String> config = new java.util.EnumMap<>(ConfigKey.class);
        config.put(ConfigKey.SENDER_FROM_ADDRESS, "sales@acme.example");
        // The tests dispatch the outbox themselves (runOnce), so each message's send day is the clock's.
        config.put(ConfigKey.OUTBOX_POLL_INTERVAL, "PT24H");
        // On a stopped clock, pacing would space the messages to one recipient domain forever.
        config.put(ConfigKey.PACING_ENABLED, "false");
        if (engine.equals("postgresql")) {
            config.put(ConfigKey.STORE_URL, EmbeddedPostgresServer.freshDatabaseUrl("rates"));
        }
        return RunningGateway.start(dir, config, clock);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void eachBounceAndComplaintCountsAgainstItsMessagesSenderDomainAndDayAndTheRestIsUnattributed(String engine)
            throws Exception {
        MutableClock clock = new MutableClock(NOV_26);
        try (RunningGateway gw = start(engine, clock)) {
            String crm = gw.key("crm", "INTEGRATION");
            String officer = gw.key("officer", "COMPLIANCE");
            DeliveryFeedback feedback = gw.gateway.email().deliverability().feedback();

            // 26 Nov: four messages from acme.example through the API, two from a second sender domain.
            List<String> acme26 = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                acme26.add(send(gw, crm, "a26-" + i));
            }
            // The API sends From the one configured address; mail of a second sender domain (another
            // instance's configuration) enters the same outbox and is dispatched the same way.
            List<String> news26 = List.of(enqueue(gw, "news-1", "news.example", clock.instant()),
                    enqueue(gw, "news-2", "news.example", clock.instant()));
            assertThat(gw.gateway.email().dispatcher().runOnce()).isEqualTo(6);
            assertThat(gw.gateway.store().outbox().find(acme26.get(0)).orElseThrow().status()).isEqualTo(OutboxStatus.SENT);

            // 27 Nov: two more from acme.example.
            clock.advance(Duration.ofDays(1));
            List<String> acme27 = List.of(send(gw, crm, "a27-1"), send(gw, crm, "a27-2"));
            assertThat(gw.gateway.email().dispatcher().runOnce()).isEqualTo(2);

            // Feedback arrives on 27 Nov, about messages of both days.
            apply(feedback, "ses", "c-1", Kind.COMPLAINT, acme26.get(0));
            apply(feedback, "mailbox", "dsn-1", Kind.HARD_BOUNCE, acme26.get(1));
            apply(feedback, "sendgrid", "sb-1", Kind.SOFT_BOUNCE, acme26.get(2));
            apply(feedback, "sendgrid", "sb-1", Kind.SOFT_BOUNCE, acme26.get(2)); // a replay counts once
            apply(feedback, "postmark", "sb-2", Kind.SOFT_BOUNCE, acme26.get(2));
            apply(feedback, "mailgun", "c-2", Kind.COMPLAINT, news26.get(1));
            apply(feedback, "ses", "c-3", Kind.COMPLAINT, acme27.get(0));
            apply(feedback, "ses", "u-1", Kind.UNSUBSCRIBE, acme27.get(1)); // not a bounce or complaint
            // Feedback that names no message we sent: counted, on the day it was received.
            assertThat(feedback.apply(new DeliveryFeedback.Event("mailbox", "dsn-2", Kind.HARD_BOUNCE,
                    "someone@example.org", null, "5.1.1"))).isEqualTo(DeliveryFeedback.Outcome.SUPPRESSED);
            apply(feedback, "ses", "c-4", Kind.COMPLAINT, "not-our-message@elsewhere.example");

            Reply report = gw.get("/api/v1/reports/compliance", officer);
            assertThat(report.status()).as(report.body()).isEqualTo(200);
            JsonNode deliverability = report.json().path("deliverability");
            assertThat(deliverability.path("complaintRateLimit").asDouble()).isEqualTo(0.003);
            assertThat(deliverability.path("complaintRateWarning").asDouble()).isEqualTo(0.001);
            assertThat(deliverability.path("days")).isEqualTo(Gateway.objectMapper().readTree("""
                    [
                     {"senderDomain":"acme.example","day":"2026-11-26","delivered":4,"hardBounces":1,"softBounces":2,
                      "complaints":1,"bounceRate":0.75,"complaintRate":0.25,"aboveWarning":true,"atLimit":true},
                     {"senderDomain":"acme.example","day":"2026-11-27","delivered":2,"hardBounces":0,"softBounces":0,
                      "complaints":1,"bounceRate":0.0,"complaintRate":0.5,"aboveWarning":true,"atLimit":true},
                     {"senderDomain":"news.example","day":"2026-11-26","delivered":2,"hardBounces":0,"softBounces":0,
                      "complaints":1,"bounceRate":0.0,"complaintRate":0.5,"aboveWarning":true,"atLimit":true},
                     {"senderDomain":"unattributed","day":"2026-11-27","delivered":0,"hardBounces":1,"softBounces":0,
                      "complaints":1,"bounceRate":null,"complaintRate":null,"aboveWarning":false,"atLimit":false}
                    ]"""));

            // The window selects messages by the day they were sent; feedback about them comes along.
            Reply nov26 = gw.get("/api/v1/reports/compliance?from=2026-11-26&to=2026-11-27", officer);
            assertThat(nov26.json().path("deliverability").path("days").findValuesAsText("senderDomain"))
                    .containsExactly("acme.example", "news.example");
            assertThat(nov26.json().path("deliverability").path("days").get(0).path("complaints").asLong()).isEqualTo(1);

            Reply csv = gw.get("/api/v1/reports/compliance?format=csv", officer);
            assertThat(csv.body()).contains("deliverability,acme.example,2026-11-26 delivered,4\r\n",
                    "deliverability,acme.example,2026-11-26 complaint_rate,0.25\r\n",
                    "deliverability,unattributed,2026-11-27 hard_bounces,1\r\n",
                    "deliverability,unattributed,2026-11-27 complaint_rate,\r\n");
        }
    }

    private static void apply(DeliveryFeedback feedback, String provider, String eventId, Kind kind, String messageId) {
        feedback.apply(new DeliveryFeedback.Event(provider, eventId, kind, null, messageId, null));
    }

    /** One lead and one follow-up email to it through the API; returns the message id. */
    private static String send(RunningGateway gw, String key, String leadId) {
        Reply lead = gw.post("/api/v1/leads", key, "{\"id\":\"" + leadId + "\",\"email\":\"" + leadId
                + "@example.org\",\"firstName\":\"Ann\",\"company\":\"Globex\",\"country\":\"US\",\"owner\":\"rep-1\"}");
        assertThat(lead.status()).as(lead.body()).isEqualTo(201);
        Reply sent = gw.post("/api/v1/emails", key, "{\"leadId\":\"" + leadId + "\",\"template\":\"presentation-summary\","
                + "\"data\":{\"repName\":\"Bob Rep\",\"nextSteps\":\"Proposal by Friday\"}}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        return sent.text("messageId");
    }

    private static String enqueue(RunningGateway gw, String id, String senderDomain, Instant now) {
        String recipient = id + "@example.net";
        byte[] mime = ("From: News <news@" + senderDomain + ">\r\nTo: " + recipient + "\r\nSubject: News\r\n"
                + "Message-ID: <" + id + "@" + senderDomain + ">\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n").getBytes(StandardCharsets.UTF_8);
        gw.gateway.store().outbox().enqueue(new OutboxMessage(id, null, recipient,
                gw.gateway.base().pseudonyms().email(recipient), mime, OutboxStatus.QUEUED, 0, now, null, now, now));
        return id;
    }
}
