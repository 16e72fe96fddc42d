package dev.outreach.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.Gateway;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Idempotency-Key}: a retry returns the first answer and nothing happens twice. */
class IdempotencyTest {

    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = Gateway.objectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningGateway gw;
    private static String integration;
    private static String otherIntegration;

    @BeforeAll
    static void start() {
        gw = RunningGateway.start(dir, Map.of());
        integration = gw.key("crm-sync", "INTEGRATION");
        otherIntegration = gw.key("marketing-tool", "INTEGRATION");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void sameKeyTwiceReturnsTheFirstAnswerAndSendsOnce() throws Exception {
        lead("idem-1");
        String body = send("idem-1");

        HttpResponse<String> first = post("/api/v1/emails", integration, body, "retry-idem-1");
        HttpResponse<String> second = post("/api/v1/emails", integration, body, "retry-idem-1");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(second.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(second.body()).isEqualTo(first.body());
        JsonNode decision = JSON.readTree(first.body());
        assertThat(decision.path("decision").asText()).isEqualTo("ALLOW");
        String messageId = decision.path("messageId").asText();

        awaitSent(messageId);
        assertThat(outboxFor("idem-1")).containsExactly(messageId);
        assertThat(emlFilesMentioning("idem-1@example.com")).hasSize(1);
        JsonNode touches = gw.get("/api/v1/leads/idem-1/touches", integration).json().path("touches");
        assertThat(touches).hasSize(1);
        assertThat(touches.get(0).path("reference").asText()).isEqualTo(messageId);
        assertThat(decisionsAuditedFor("idem-1")).isEqualTo(1);
    }

    @Test
    void sameKeyWithADifferentBodyIs422NamingTheHeaderAndSendsNothingMore() throws Exception {
        lead("idem-2");
        HttpResponse<String> first = post("/api/v1/emails", integration, send("idem-2"), "retry-idem-2");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        String messageId = JSON.readTree(first.body()).path("messageId").asText();

        HttpResponse<String> changed = post("/api/v1/emails", integration, json("leadId", "idem-2",
                "template", "presentation-summary", "data", Map.of("repName", "Someone Else")), "retry-idem-2");

        assertThat(changed.statusCode()).isEqualTo(422);
        assertThat(changed.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(changed.headers().firstValue("Idempotent-Replayed")).isEmpty();
        JsonNode problem = JSON.readTree(changed.body());
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("Idempotency-Key");
        assertThat(outboxFor("idem-2")).containsExactly(messageId);
        assertThat(gw.get("/api/v1/leads/idem-2/touches", integration).json().path("touches")).hasSize(1);
        assertThat(decisionsAuditedFor("idem-2")).isEqualTo(1);
    }

    @Test
    void differentKeysAreTwoDecisionsAndTheSecondIsBlockedAsDuplicate() throws Exception {
        lead("idem-3");
        String body = send("idem-3");

        HttpResponse<String> first = post("/api/v1/emails", integration, body, "idem-3-a");
        HttpResponse<String> second = post("/api/v1/emails", integration, body, "idem-3-b");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).isEmpty();
        JsonNode allowed = JSON.readTree(first.body());
        JsonNode blocked = JSON.readTree(second.body());
        assertThat(allowed.path("decision").asText()).isEqualTo("ALLOW");
        assertThat(blocked.path("decision").asText()).isEqualTo("BLOCK");
        assertThat(blocked.path("reasons").findValuesAsText("rule")).containsExactly("policy.duplicate");
        assertThat(blocked.has("messageId")).isFalse();
        assertThat(blocked.path("auditId").asText()).isNotEqualTo(allowed.path("auditId").asText());
        Instant firstAt = Instant.parse(touchesOf("idem-3").get(0).path("at").asText());
        assertThat(Instant.parse(blocked.path("nextAllowedAt").asText())).isEqualTo(firstAt.plus(Duration.ofHours(24)));

        List<JsonNode> touches = touchesOf("idem-3");
        assertThat(touches).extracting(t -> t.path("decision").asText()).containsExactly("ALLOW", "BLOCK");
        assertThat(touches.get(1).path("blockedBy")).hasSize(1);
        assertThat(touches.get(1).path("blockedBy").get(0).asText()).isEqualTo("policy.duplicate");
        assertThat(outboxFor("idem-3")).containsExactly(allowed.path("messageId").asText());
        assertThat(decisionsAuditedFor("idem-3")).isEqualTo(2);
    }

    @Test
    void theSameKeyFromAnotherApiKeyIsNotAReplay() throws Exception {
        lead("idem-4");
        String body = send("idem-4");

        HttpResponse<String> mine = post("/api/v1/emails", integration, body, "shared-key");
        HttpResponse<String> theirs = post("/api/v1/emails", otherIntegration, body, "shared-key");

        assertThat(mine.statusCode()).isEqualTo(202);
        assertThat(theirs.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(theirs.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(theirs.body()).path("reasons").findValuesAsText("rule"))
                .containsExactly("policy.duplicate");
        assertThat(outboxFor("idem-4")).hasSize(1);
    }

    @Test
    void aRejectedRequestDoesNotUseUpItsKey() throws Exception {
        lead("idem-5");
        String incomplete = json("leadId", "idem-5", "template", "presentation-summary", "data", Map.of());

        HttpResponse<String> rejected = post("/api/v1/emails", integration, incomplete, "retry-idem-5");
        HttpResponse<String> fixed = post("/api/v1/emails", integration, send("idem-5"), "retry-idem-5");

        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(202);
        assertThat(fixed.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(outboxFor("idem-5")).hasSize(1);
    }

    @Test
    void aBlockedAnswerIsReplayedToo() throws Exception {
        lead("idem-6");
        String body = send("idem-6");
        assertThat(post("/api/v1/emails", integration, body, "idem-6-a").statusCode()).isEqualTo(202);

        HttpResponse<String> blocked = post("/api/v1/emails", integration, body, "idem-6-b");
        HttpResponse<String> replayed = post("/api/v1/emails", integration, body, "idem-6-b");

        assertThat(blocked.statusCode()).isEqualTo(200);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(replayed.body()).isEqualTo(blocked.body());
        assertThat(touchesOf("idem-6")).hasSize(2);
        assertThat(decisionsAuditedFor("idem-6")).isEqualTo(2);
    }

    @Test
    void retriedLeadCreateReturnsTheFirstAnswerInsteadOfAConflict() throws Exception {
        String body = json("id", "idem-lead", "email", "idem-lead@example.com", "owner", "rep-idem");

        HttpResponse<String> first = post("/api/v1/leads", integration, body, "create-idem-lead");
        HttpResponse<String> retry = post("/api/v1/leads", integration, body, "create-idem-lead");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(gw.get("/api/v1/leads/idem-lead/stages", integration).json().path("transitions")).hasSize(1);
    }

    @Test
    void retriedLeadCreateWithoutIdCreatesOneLead() throws Exception {
        String body = json("email", "idem-noid@example.com", "owner", "rep-idem-noid");

        HttpResponse<String> first = post("/api/v1/leads", integration, body, "create-idem-noid");
        HttpResponse<String> retry = post("/api/v1/leads", integration, body, "create-idem-noid");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(gw.get("/api/v1/leads?owner=rep-idem-noid", integration).json().path("leads")).hasSize(1);
    }

    @Test
    void retriedStageMoveIsRecordedOnce() throws Exception {
        lead("idem-stage");
        String body = json("stage", "NEGOTIATION");

        HttpResponse<String> first = post("/api/v1/leads/idem-stage/stage", integration, body, "move-idem-stage");
        HttpResponse<String> retry = post("/api/v1/leads/idem-stage/stage", integration, body, "move-idem-stage");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.body()).isEqualTo(first.body());
        JsonNode transitions = gw.get("/api/v1/leads/idem-stage/stages", integration).json().path("transitions");
        assertThat(transitions).hasSize(2);
        assertThat(transitions.get(1).path("to").asText()).isEqualTo("NEGOTIATION");
    }

    // ---------------------------------------------------------------- helpers

    private static void lead(String id) {
        Reply r = gw.post("/api/v1/leads", integration, json("id", id, "email", id + "@example.com",
                "firstName", "Ann", "company", "Initech", "stage", "PRESENTATION", "owner", "rep-idem", "country", "US"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static String send(String leadId) {
        return json("leadId", leadId, "template", "presentation-summary", "data", Map.of("repName", "Sam Carter"));
    }

    private static HttpResponse<String> post(String path, String key, String body, String idempotencyKey) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gw.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> touchesOf(String leadId) {
        List<JsonNode> out = new ArrayList<>();
        gw.get("/api/v1/leads/" + leadId + "/touches", integration).json().path("touches").forEach(out::add);
        return out;
    }

    private static void awaitSent(String messageId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String status = null;
        while (System.nanoTime() < deadline) {
            status = gw.get("/api/v1/emails/" + messageId, integration).text("status");
            if ("SENT".equals(status)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("message " + messageId + " is still " + status);
    }

    private static List<String> outboxFor(String leadId) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(dbUrl());
             PreparedStatement ps = c.prepareStatement("SELECT message_id FROM outbox WHERE lead_id = ?")) {
            ps.setString(1, leadId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static long decisionsAuditedFor(String leadId) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl());
             PreparedStatement ps = c.prepareStatement(
                     "SELECT COUNT(*) FROM audit_entries WHERE lead_id = ? AND decision IS NOT NULL")) {
            ps.setString(1, leadId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Path> emlFilesMentioning(String address) throws IOException {
        Path outbox = dir.resolve("data").resolve("outbox");
        try (Stream<Path> files = Files.list(outbox)) {
            List<Path> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".eml")).toList()) {
                if (Files.readString(p, StandardCharsets.ISO_8859_1).contains("To: " + address)) {
                    out.add(p);
                }
            }
            return out;
        }
    }

    private static String dbUrl() {
        return "jdbc:sqlite:" + dir.resolve("data").resolve("gateway.db");
    }

    private static String json(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
