package dev.outreach.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.outreach.Gateway;
import dev.outreach.testing.EmbeddedPostgresServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real gateway process, killed with SIGKILL at random moments while idempotent sends arrive,
 * then restarted, for 20 cycles; afterwards every unanswered request is retried. Every acknowledged
 * send is in the outbox exactly once, no retry makes a second message, the audit chain verifies,
 * and the queued mail reaches the SMTP server within 30 s of the last restart.
 */
class KillNineTest {

    private static final String ADMIN = "crash-admin-key-0123456789";
    private static final int LEADS = 240;
    private static final int CYCLES = 20;
    private static final ObjectMapper JSON = Gateway.objectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private GreenMail smtp;
    private Process process;
    private int port;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        smtp.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void acknowledgedSendsSurviveKillNineExactlyOnce(String engine) throws Exception {
        Map<String, String> env = environment(engine);
        start(env);
        String key = createKey();
        for (int i = 0; i < LEADS; i++) {
            assertThat(post("/api/v1/leads", ADMIN, null, "{\"id\":\"crash-" + i + "\",\"email\":\"crash-" + i
                    + "@example.com\",\"firstName\":\"Ann\",\"company\":\"Globex\",\"country\":\"US\"}").statusCode())
                    .isEqualTo(201);
        }
        Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
        Random random = new Random(42);
        int kills = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            if (cycle > 0) {
                start(env);
            }
            sendUntilKilled(key, acknowledged, 100 + random.nextInt(900));
            kills++;
        }
        start(env);
        for (int i = 0; i < LEADS; i++) {
            HttpResponse<String> r = post("/api/v1/emails", key, "crash-key-" + i, send(i));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            String messageId = JSON.readTree(r.body()).path("messageId").asText();
            String first = acknowledged.putIfAbsent(i, messageId);
            assertThat(messageId).as("retry of lead %d answers with its first message", i)
                    .isEqualTo(first == null ? messageId : first);
        }

        assertThat(kills).isEqualTo(CYCLES);
        awaitDelivered(key, acknowledged.values(), Instant.now().plusSeconds(30));
        // Every message the SMTP server saw is an acknowledged one, one per lead: no retry made a second
        // message. (A kill between the relay's acceptance and "SENT" re-delivers the same Message-ID:
        // delivery is at least once, documented in OutboxDispatcher.)
        Map<String, Integer> received = receivedMessageIds();
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged.values());
        assertThat(acknowledged).hasSize(LEADS);
        JsonNode verify = JSON.readTree(get("/api/v1/audit/verify", ADMIN).body());
        assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
    }

    /** Sends from three threads until the process is killed after {@code millis}. */
    private void sendUntilKilled(String key, Map<Integer, String> acknowledged, int millis) throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger next = new AtomicInteger(new Random().nextInt(LEADS));
        ExecutorService senders = Executors.newFixedThreadPool(3);
        for (int t = 0; t < 3; t++) {
            senders.submit(() -> {
                while (!killed.get()) {
                    int i = Math.floorMod(next.getAndIncrement(), LEADS);
                    try {
                        HttpResponse<String> r = post("/api/v1/emails", key, "crash-key-" + i, send(i));
                        if (r.statusCode() == 202) {
                            String id = JSON.readTree(r.body()).path("messageId").asText();
                            String first = acknowledged.putIfAbsent(i, id);
                            if (first != null && !first.equals(id)) {
                                throw new AssertionError("lead " + i + " got a second message " + id + " after " + first);
                            }
                        }
                    } catch (IOException e) {
                        // no answer: killed mid-request; retried later with the same key
                    }
                }
                return null;
            });
        }
        Thread.sleep(millis);
        killed.set(true);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        senders.shutdown();
        assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private Map<String, String> environment(String engine) {
        port = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("OUTREACH_HTTP_PORT", String.valueOf(port));
        env.put("OUTREACH_HTTP_HOST", "127.0.0.1");
        env.put("OUTREACH_PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
        env.put("OUTREACH_PUBLIC_ALLOW_PLAIN_HTTP", "true");
        env.put("OUTREACH_DATA_DIR", dir.resolve("data").toString());
        env.put("OUTREACH_TEMPLATES_DIR", Path.of("templates").toAbsolutePath().toString());
        env.put("OUTREACH_LISTS_DIR", dir.resolve("lists").toString());
        env.put("OUTREACH_SENDER_POSTAL_ADDRESS", "Acme Corp, 100 Main Street, Springfield, IL 62701, USA");
        env.put("OUTREACH_SMTP_HOST", "127.0.0.1");
        env.put("OUTREACH_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()));
        env.put("OUTREACH_SMTP_STARTTLS", "false");
        env.put("OUTREACH_OUTBOX_POLL_INTERVAL", "PT0.2S");
        env.put("OUTREACH_ADMIN_KEY", ADMIN);
        if (engine.equals("postgresql")) {
            env.put("OUTREACH_STORE_URL", EmbeddedPostgresServer.freshDatabaseUrl("crash"));
        }
        return env;
    }

    private void start(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.outreach.Main", "serve");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("gateway.log").toFile()));
        process = pb.start();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("gateway process exited; see its log").isTrue();
            try {
                if (get("/health", null).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("gateway did not answer /health within 60 s");
    }

    private String createKey() throws Exception {
        HttpResponse<String> r = post("/api/v1/keys", ADMIN, null, "{\"name\":\"crash-tool\",\"role\":\"INTEGRATION\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("key").asText();
    }

    private static String send(int i) {
        return "{\"leadId\":\"crash-" + i + "\",\"template\":\"presentation-summary\",\"data\":{\"repName\":\"Bob\"}}";
    }

    private void awaitDelivered(String key, Iterable<String> messageIds, Instant deadline) throws Exception {
        List<String> waiting = new ArrayList<>();
        messageIds.forEach(waiting::add);
        while (!waiting.isEmpty() && Instant.now().isBefore(deadline)) {
            String id = waiting.get(0);
            JsonNode status = JSON.readTree(get("/api/v1/emails/" + id, key).body());
            if (status.path("status").asText().equals("SENT")) {
                waiting.remove(0);
            } else {
                assertThat(status.path("status").asText()).isIn("QUEUED", "RETRYING");
                assertThat(status.path("nextAttemptAt").isNull()).as("a waiting message says when").isFalse();
                Thread.sleep(100);
            }
        }
        assertThat(waiting).as("messages still queued 30 s after the restart").isEmpty();
    }

    /** Message-ID → how many times the SMTP server received it. */
    private Map<String, Integer> receivedMessageIds() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            String id = m.getMessageID().replaceAll("^<|>$", "");
            counts.merge(id, 1, Integer::sum);
        }
        return counts;
    }

    private HttpResponse<String> post(String path, String key, String idempotencyKey, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
