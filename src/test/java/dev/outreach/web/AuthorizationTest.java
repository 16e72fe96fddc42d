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

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** API keys and roles: who may call what, and on whose leads. */
class AuthorizationTest {

    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = Gateway.objectMapper();
    private static RunningGateway gw;
    private static String repA;
    private static String repB;
    private static String integration;
    private static String compliance;

    @BeforeAll
    static void start() {
        gw = RunningGateway.start(dir, Map.of());
        repA = gw.key("rep-a", "REP");
        repB = gw.key("rep-b", "REP");
        integration = gw.key("crm-sync", "INTEGRATION");
        compliance = gw.key("compliance-officer", "COMPLIANCE");
        createAs(integration, "b-lead-1", "b-lead-1@example.com", "rep-b", "PRESENTATION");
        createAs(integration, "b-lead-2", "b-lead-2@example.com", "rep-b", "LEAD_GENERATION");
        createAs(integration, "a-lead-1", "a-lead-1@example.com", "rep-a", "PRESENTATION");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    // ---------------------------------------------------------------- authentication

    @Test
    void requestWithoutKeyIs401() {
        assertProblem(gw.get("/api/v1/leads", null), 401);
        assertProblem(gw.post("/api/v1/emails", null, json("to", "x@example.com", "template", "presentation-summary")),
                401);
    }

    @Test
    void unknownKeyIs401() {
        assertProblem(gw.get("/api/v1/leads", "og_not-a-key-anyone-was-given"), 401);
    }

    @Test
    void authorizationThatIsNotBearerIs401() {
        Reply basic = gw.call("GET", "/api/v1/leads", null, null, "Authorization", "Basic " + repA);

        assertProblem(basic, 401);
    }

    @Test
    void healthNeedsNoKey() {
        assertThat(gw.get("/health", null).status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- roles

    @Test
    void repOrIntegrationCallingTheAuditLogIs403() {
        assertProblem(gw.get("/api/v1/audit", repA), 403);
        assertProblem(gw.get("/api/v1/audit/verify", integration), 403);
    }

    @Test
    void repReadingAnotherRepsLeadIs403() {
        assertProblem(gw.get("/api/v1/leads/b-lead-1", repA), 403);
        assertProblem(gw.get("/api/v1/leads/b-lead-1/stages", repA), 403);
        assertProblem(gw.get("/api/v1/leads/b-lead-1/touches", repA), 403);
        assertThat(gw.get("/api/v1/leads/b-lead-1", repB).status()).isEqualTo(200);
    }

    @Test
    void repChangingAnotherRepsLeadIs403AndChangesNothing() {
        assertProblem(gw.call("PATCH", "/api/v1/leads/b-lead-2", repA, json("company", "Hijacked")), 403);
        assertProblem(gw.post("/api/v1/leads/b-lead-2/stage", repA, json("stage", "ENGAGEMENT")), 403);

        Reply lead = gw.get("/api/v1/leads/b-lead-2", integration);
        assertThat(lead.text("company")).isEqualTo("Acme");
        assertThat(lead.text("stage")).isEqualTo("LEAD_GENERATION");
        assertThat(gw.get("/api/v1/leads/b-lead-2/stages", integration).json().path("transitions")).hasSize(1);
    }

    @Test
    void repEmailingAnotherRepsLeadIs403AndSendsNothing() {
        long outbox = count("outbox");
        long touches = count("touches");

        Reply send = gw.post("/api/v1/emails", repA, json("leadId", "b-lead-1", "template", "presentation-summary",
                "data", Map.of("repName", "Rep A")));

        assertProblem(send, 403);
        assertThat(count("outbox")).isEqualTo(outbox);
        assertThat(count("touches")).isEqualTo(touches);
    }

    @Test
    void repEmailingAnotherRepsLeadByItsAddressIs403AndSendsNothing() {
        long outbox = count("outbox");
        long touches = count("touches");

        Reply send = gw.post("/api/v1/emails", repA, json("to", "B-Lead-1@example.com", "template", "presentation-summary",
                "data", Map.of("firstName", "Bea", "company", "Acme", "repName", "Rep A")));

        assertProblem(send, 403);
        assertThat(count("outbox")).isEqualTo(outbox);
        assertThat(count("touches")).isEqualTo(touches);
        assertThat(gw.get("/api/v1/leads/b-lead-1/touches", repB).json().path("touches")).isEmpty();
    }

    @Test
    void repMayEmailItsOwnLeadByItsAddress() {
        createAs(repA, "a-lead-to", "a-lead-to@example.com", null, "PRESENTATION");

        Reply send = gw.post("/api/v1/emails", repA, json("to", "a-lead-to@example.com",
                "template", "presentation-summary", "data", Map.of("repName", "Rep A")));

        assertThat(send.status()).as(send.body()).isEqualTo(202);
        JsonNode touches = gw.get("/api/v1/leads/a-lead-to/touches", repA).json().path("touches");
        assertThat(touches).hasSize(1);
        assertThat(touches.get(0).path("stage").asText()).isEqualTo("PRESENTATION");
    }

    @Test
    void repCreatingALeadForAnotherOwnerIs403AndCreatesNothing() {
        Reply create = gw.post("/api/v1/leads", repA, json("id", "stolen-1", "email", "stolen-1@example.com",
                "owner", "rep-b"));

        assertProblem(create, 403);
        assertThat(gw.get("/api/v1/leads/stolen-1", integration).status()).isEqualTo(404);
    }

    @Test
    void repCreatingALeadWithoutOwnerOwnsIt() {
        Reply create = gw.post("/api/v1/leads", repA, json("id", "own-1", "email", "own-1@example.com"));

        assertThat(create.status()).as(create.body()).isEqualTo(201);
        assertThat(create.text("owner")).isEqualTo("rep-a");
        assertThat(gw.get("/api/v1/leads/own-1", repA).status()).isEqualTo(200);
        assertProblem(gw.get("/api/v1/leads/own-1", repB), 403);
    }

    @Test
    void repListShowsOnlyItsOwnLeadsWhateverOwnerItAsksFor() {
        List<String> own = ids(gw.get("/api/v1/leads", repB));
        List<String> askedForOther = ids(gw.get("/api/v1/leads?owner=rep-a", repB));

        assertThat(own).contains("b-lead-1", "b-lead-2").doesNotContain("a-lead-1");
        assertThat(askedForOther).isEqualTo(own);
        assertThat(owners(gw.get("/api/v1/leads", repB))).containsOnly("rep-b");
    }

    @Test
    void integrationMayActOnAnyLead() {
        createAs(repA, "a-lead-int", "a-lead-int@example.com", null, "LEAD_GENERATION");

        assertThat(gw.get("/api/v1/leads/a-lead-int", integration).status()).isEqualTo(200);
        Reply patched = gw.call("PATCH", "/api/v1/leads/a-lead-int", integration, json("company", "Initech"));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        Reply moved = gw.post("/api/v1/leads/a-lead-int/stage", integration, json("stage", "PRESENTATION"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        Reply sent = gw.post("/api/v1/emails", integration, json("leadId", "a-lead-int",
                "template", "presentation-summary", "data", Map.of("repName", "Crm Sync")));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(gw.get("/api/v1/leads/a-lead-int/touches", integration).json().path("touches")).hasSize(1);
        assertThat(ids(gw.get("/api/v1/leads", integration))).contains("a-lead-1", "b-lead-1", "a-lead-int");
    }

    @Test
    void complianceManagesSuppressions() {
        Reply added = gw.post("/api/v1/suppressions", compliance,
                json("type", "EMAIL", "value", "optout@example.com", "reason", "UNSUBSCRIBE"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String id = added.text("id");

        Reply listed = gw.get("/api/v1/suppressions?type=EMAIL", compliance);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("suppressions").findValuesAsText("id")).contains(id);

        assertThat(gw.call("DELETE", "/api/v1/suppressions/" + id, compliance, null).status()).isEqualTo(204);
        assertThat(gw.gateway.store().suppressions().find(id)).isEmpty();
    }

    @Test
    void complianceSuppressionTypeIsReadWhateverItsCaseAndSpacing() {
        Reply added = gw.post("/api/v1/suppressions", compliance,
                json("type", " email ", "value", "Spaced@Example.com", "reason", "complaint"));

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.text("type")).isEqualTo("EMAIL");
        assertThat(added.text("value")).isEqualTo("spaced@example.com");
        assertThat(added.text("reason")).isEqualTo("COMPLAINT");
    }

    @Test
    void repAndIntegrationCannotManageSuppressions() {
        long before = count("suppressions");

        assertProblem(gw.post("/api/v1/suppressions", repA, json("type", "EMAIL", "value", "x1@example.com")), 403);
        assertProblem(gw.post("/api/v1/suppressions", integration, json("type", "EMAIL", "value", "x2@example.com")),
                403);
        assertProblem(gw.get("/api/v1/suppressions", repA), 403);

        assertThat(count("suppressions")).isEqualTo(before);
    }

    @Test
    void complianceCannotSendEmails() {
        long outbox = count("outbox");
        long touches = count("touches");

        Reply send = gw.post("/api/v1/emails", compliance, json("leadId", "a-lead-1",
                "template", "presentation-summary", "data", Map.of("repName", "Compliance")));

        assertProblem(send, 403);
        assertThat(count("outbox")).isEqualTo(outbox);
        assertThat(count("touches")).isEqualTo(touches);
    }

    @Test
    void complianceCannotCreateLeads() {
        assertProblem(gw.post("/api/v1/leads", compliance, json("id", "c-lead", "email", "c-lead@example.com")), 403);
        assertThat(gw.gateway.store().leads().find("c-lead")).isEmpty();
    }

    @Test
    void complianceReadsTheAuditLog() {
        Reply audit = gw.get("/api/v1/audit", compliance);

        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().path("entries").isArray()).isTrue();
    }

    // ---------------------------------------------------------------- keys

    @Test
    void adminCreatesListsAndRevokesKeysAndARevokedKeyIs401() {
        Reply created = gw.post("/api/v1/keys", RunningGateway.ADMIN_KEY, json("name", "rep-temp", "role", "REP"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        String plaintext = created.text("key");
        assertThat(created.text("name")).isEqualTo("rep-temp");
        assertThat(created.text("role")).isEqualTo("REP");
        assertThat(plaintext).isNotBlank();
        assertThat(gw.get("/api/v1/leads", plaintext).status()).isEqualTo(200);

        Reply listed = gw.get("/api/v1/keys", RunningGateway.ADMIN_KEY);
        assertThat(listed.status()).isEqualTo(200);
        JsonNode entry = byId(listed.json().path("keys"), id);
        assertThat(entry.path("name").asText()).isEqualTo("rep-temp");
        assertThat(entry.path("revokedAt").isNull()).isTrue();

        assertThat(gw.call("DELETE", "/api/v1/keys/" + id, RunningGateway.ADMIN_KEY, null).status()).isEqualTo(204);

        assertProblem(gw.get("/api/v1/leads", plaintext), 401);
        JsonNode revoked = byId(gw.get("/api/v1/keys", RunningGateway.ADMIN_KEY).json().path("keys"), id);
        assertThat(revoked.path("revokedAt").isNull()).isFalse();
    }

    @Test
    void revokingAnUnknownKeyIs404() {
        assertProblem(gw.call("DELETE", "/api/v1/keys/no-such-key", RunningGateway.ADMIN_KEY, null), 404);
    }

    @Test
    void createdKeyIsShownOnceAndNeverListed() {
        Reply created = gw.post("/api/v1/keys", RunningGateway.ADMIN_KEY, json("name", "shown-once", "role", "INTEGRATION"));
        String plaintext = created.text("key");

        Reply listed = gw.get("/api/v1/keys", RunningGateway.ADMIN_KEY);

        assertThat(listed.body()).doesNotContain(plaintext).doesNotContain(RunningGateway.ADMIN_KEY);
        for (JsonNode key : listed.json().path("keys")) {
            assertThat(key.has("key")).isFalse();
            assertThat(key.has("keyHash")).isFalse();
        }
    }

    @Test
    void storedKeyIsItsSha256HashAndNoColumnHoldsThePlaintext() throws SQLException {
        Reply created = gw.post("/api/v1/keys", RunningGateway.ADMIN_KEY, json("name", "hashed-key", "role", "REP"));
        String id = created.text("id");
        String plaintext = created.text("key");

        List<Map<String, String>> rows = apiKeyRows();

        assertThat(rows).isNotEmpty();
        for (Map<String, String> row : rows) {
            for (String value : row.values()) {
                if (value != null) {
                    assertThat(value).doesNotContain(plaintext).doesNotContain(RunningGateway.ADMIN_KEY);
                }
            }
        }
        Map<String, String> row = rows.stream().filter(r -> id.equals(r.get("id"))).findFirst().orElseThrow();
        assertThat(row.get("key_hash")).isEqualTo(sha256Hex(plaintext));
    }

    @Test
    void onlyAdminManagesKeys() {
        assertProblem(gw.post("/api/v1/keys", integration, json("name", "sneaky", "role", "ADMIN")), 403);
        assertProblem(gw.post("/api/v1/keys", compliance, json("name", "sneaky", "role", "ADMIN")), 403);
        assertProblem(gw.get("/api/v1/keys", repA), 403);
        List<String> names = gw.get("/api/v1/keys", RunningGateway.ADMIN_KEY).json().path("keys").findValuesAsText("name");
        assertThat(names).doesNotContain("sneaky");
    }

    // ---------------------------------------------------------------- helpers

    private static void createAs(String key, String id, String email, String owner, String stage) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("email", email);
        body.put("firstName", "First");
        body.put("company", "Acme");
        body.put("country", "US");
        body.put("stage", stage);
        if (owner != null) {
            body.put("owner", owner);
        }
        Reply r = gw.post("/api/v1/leads", key, write(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static JsonNode byId(JsonNode keys, String id) {
        for (JsonNode k : keys) {
            if (id.equals(k.path("id").asText())) {
                return k;
            }
        }
        throw new AssertionError("no key " + id + " in " + keys);
    }

    private static List<String> ids(Reply list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return list.json().path("leads").findValuesAsText("id");
    }

    private static List<String> owners(Reply list) {
        List<String> out = new ArrayList<>();
        list.json().path("leads").forEach(l -> out.add(l.path("owner").asText()));
        return out;
    }

    private static List<Map<String, String>> apiKeyRows() throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(dbUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM api_keys")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i).toLowerCase(), rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static long count(String table) {
        try (Connection c = DriverManager.getConnection(dbUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String dbUrl() {
        return "jdbc:sqlite:" + dir.resolve("data").resolve("gateway.db");
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertProblem(Reply r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("status").asInt()).isEqualTo(status);
    }

    private static String json(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return write(m);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
