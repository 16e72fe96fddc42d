package dev.outreach.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.outreach.Gateway;
import dev.outreach.testing.EmbeddedPostgresServer;
import dev.outreach.testing.GatewayProcess;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway processes on one PostgreSQL database, driven at once: a person is decided one touch
 * at a time across both, an opt-out or erasure acknowledged by one blocks the next touch on the
 * other, the one audit chain verifies on both, and the shared outbox is delivered once, by both.
 */
class TwoInstancesTest {

    private static final ObjectMapper JSON = Gateway.objectMapper();
    private static final int LEADS = 30;

    @TempDir
    Path dir;

    @Test
    void twoInstancesShareOneDatabaseWithoutADoubleSendOrAMissedOptOut() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(GatewayProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, String> env = new HashMap<>();
        env.put("OUTREACH_STORE_URL", EmbeddedPostgresServer.freshDatabaseUrl("twoinstances"));
        env.put("OUTREACH_SMTP_HOST", "127.0.0.1");
        env.put("OUTREACH_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()));
        env.put("OUTREACH_SMTP_STARTTLS", "false");
        env.put("OUTREACH_PACING_ENABLED", "false"); // pacing is tested in DomainPacingTest; here it would only slow the drain
        try (GatewayProcess a = new GatewayProcess(dir.resolve("a"), dir.resolve("a.log"), env).start();
             GatewayProcess b = new GatewayProcess(dir.resolve("b"), dir.resolve("b.log"), env).start()) {
            JsonNode created = JSON.readTree(a.post("/api/v1/keys", GatewayProcess.ADMIN_KEY, null,
                    "{\"name\":\"campaigns\",\"role\":\"INTEGRATION\"}").body());
            String key = created.path("key").asText();
            for (int i = 0; i < LEADS; i++) {
                assertThat(a.post("/api/v1/leads", GatewayProcess.ADMIN_KEY, null, "{\"id\":\"two-" + i
                        + "\",\"email\":\"two-" + i + "@example.com\",\"firstName\":\"Ann\",\"company\":\"Globex\","
                        + "\"country\":\"US\"}").statusCode()).isEqualTo(201);
            }

            // Every lead is sent the same follow-up through both instances at the same moment.
            List<String> accepted = sendToEveryLeadThroughBothAtOnce(a, b, key);
            assertThat(accepted).as("exactly one send per person passes policy.duplicate").hasSize(LEADS);

            // An opt-out acknowledged by A blocks the next touch decided by B, and an erasure by B on A.
            for (int i = 0; i < 5; i++) {
                assertThat(a.post("/api/v1/suppressions", GatewayProcess.ADMIN_KEY, null, "{\"type\":\"EMAIL\","
                        + "\"value\":\"two-" + i + "@example.com\",\"reason\":\"UNSUBSCRIBE\",\"source\":\"test\"}")
                        .statusCode()).isEqualTo(201);
                assertThat(blockingRules(b, key, i)).contains("canspam.suppression");
            }
            for (int i = 5; i < 10; i++) {
                assertThat(b.post("/api/v1/subjects/erase", GatewayProcess.ADMIN_KEY, null,
                        "{\"email\":\"two-" + i + "@example.com\"}").statusCode()).isEqualTo(200);
                assertThat(blockingRules(a, key, i)).contains("gdpr.erased");
            }

            awaitDelivered(smtp, accepted.size() - 5, Instant.now().plusSeconds(60));
            for (GatewayProcess instance : List.of(a, b)) {
                JsonNode verify = JSON.readTree(instance.get("/api/v1/audit/verify", GatewayProcess.ADMIN_KEY).body());
                assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
            }
            Map<String, Integer> received = new HashMap<>();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                received.merge(m.getMessageID().replaceAll("^<|>$", ""), 1, Integer::sum);
            }
            assertThat(received.values()).as("each message delivered once").containsOnly(1);
            assertThat(accepted).containsAll(received.keySet());
            assertThat(Files.readString(dir.resolve("a.log"))).as("A drained the outbox too").contains(" sent ");
            assertThat(Files.readString(dir.resolve("b.log"))).as("B drained the outbox too").contains(" sent ");
        } finally {
            smtp.stop();
        }
    }

    private static List<String> sendToEveryLeadThroughBothAtOnce(GatewayProcess a, GatewayProcess b, String key)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<JsonNode>> answers = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            String body = "{\"leadId\":\"two-" + i + "\",\"template\":\"presentation-summary\","
                    + "\"data\":{\"repName\":\"Bob\"}}";
            CountDownLatch go = new CountDownLatch(1);
            for (GatewayProcess instance : List.of(a, b)) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return JSON.readTree(instance.post("/api/v1/emails", key, null, body).body());
                }));
            }
            go.countDown();
        }
        List<String> accepted = new ArrayList<>();
        for (Future<JsonNode> f : answers) {
            JsonNode r = f.get();
            if (r.path("decision").asText().equals("ALLOW")) {
                accepted.add(r.path("messageId").asText());
            } else {
                assertThat(r.path("reasons").findValuesAsText("rule")).contains("policy.duplicate");
            }
        }
        pool.shutdown();
        return accepted;
    }

    private static List<String> blockingRules(GatewayProcess instance, String key, int lead) throws Exception {
        // By address: after an erasure the lead no longer holds one, but the person is still recognised.
        JsonNode r = JSON.readTree(instance.post("/api/v1/checks", key, null, "{\"channel\":\"EMAIL\",\"email\":\"two-"
                + lead + "@example.com\",\"template\":\"negotiation-check-in\"}").body());
        assertThat(r.path("decision").asText()).as(r.toString()).isEqualTo("BLOCK");
        return r.path("reasons").findValuesAsText("rule");
    }

    private static void awaitDelivered(GreenMail smtp, int atLeast, Instant deadline) throws InterruptedException {
        while (smtp.getReceivedMessages().length < atLeast && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(smtp.getReceivedMessages().length).isGreaterThanOrEqualTo(atLeast);
    }
}
