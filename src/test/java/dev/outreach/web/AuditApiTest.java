package dev.outreach.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.outreach.Gateway;
import dev.outreach.audit.AuditExport;
import dev.outreach.config.ConfigKey;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/audit}: search by a recipient typed plainly, by actor and rule, cursor paging
 * while entries arrive, the evidence each decision carries, exports that equal the search, and
 * verification with signed checkpoints.
 */
class AuditApiTest {

    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = Gateway.objectMapper();
    private static RunningGateway gw;
    private static String compliance;
    private static String crm;
    private static String crmId;
    private static String marketing;
    private static String marketingId;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(dir.resolve("lists/email"));
        Files.writeString(dir.resolve("lists/email/unsubscribes.txt"), "gone@example.org\n");
        gw = RunningGateway.start(dir, Map.of(ConfigKey.AUDIT_CHECKPOINT_EVERY_ENTRIES, "5"));
        compliance = gw.key("officer", "COMPLIANCE");
        Reply first = gw.post("/api/v1/keys", RunningGateway.ADMIN_KEY, "{\"name\":\"crm\",\"role\":\"INTEGRATION\"}");
        crm = first.text("key");
        crmId = first.text("id");
        Reply second = gw.post("/api/v1/keys", RunningGateway.ADMIN_KEY,
                "{\"name\":\"marketing\",\"role\":\"INTEGRATION\"}");
        marketing = second.text("key");
        marketingId = second.text("id");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void aRecipientTypedPlainlyFindsItsEntriesWhateverTheNotation() {
        check(crm, "Ann.Search@Example.COM");
        check(crm, "someone-else@example.com");

        JsonNode entries = search("recipient=" + enc("  ann.search@EXAMPLE.com ")).path("entries");

        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).path("recipient").asText()).isEqualTo("ann.search@example.com");
        assertThat(entries.get(0).path("kind").asText()).isEqualTo("CHECK");
        assertThat(entries.get(0).path("recipientKey").asText()).hasSize(64);
        assertThat(gw.get("/api/v1/audit?recipient=" + enc("not an address@"), compliance).status()).isEqualTo(400);
    }

    @Test
    void theActorFilterReturnsOnlyWhatThatKeyDid() {
        check(crm, "actor-a@example.com");
        check(marketing, "actor-b@example.com");

        JsonNode byMarketing = search("actor=" + enc("key:" + marketingId) + "&kind=CHECK").path("entries");

        assertThat(byMarketing).isNotEmpty();
        byMarketing.forEach(e -> assertThat(e.path("actor").asText()).isEqualTo("marketing (INTEGRATION, key:" + marketingId + ")"));
        assertThat(texts(byMarketing, "recipient")).contains("actor-b@example.com").doesNotContain("actor-a@example.com");
    }

    @Test
    void theRuleFilterFindsTheBlocksOfThatRuleWithEveryEvaluatedRule() {
        Reply added = gw.post("/api/v1/suppressions", compliance,
                "{\"type\":\"EMAIL\",\"value\":\"blocked.rule@example.com\",\"reason\":\"UNSUBSCRIBE\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        check(crm, "blocked.rule@example.com");

        JsonNode entries = search("rule=canspam.suppression&decision=BLOCK&recipient=blocked.rule@example.com")
                .path("entries");

        assertThat(entries).hasSize(1);
        JsonNode e = entries.get(0);
        assertThat(e.path("rules")).extracting(JsonNode::asText).contains("canspam.suppression");
        assertThat(e.path("detail").path("evaluated")).extracting(n -> n.path("rule").asText())
                .contains("canspam.suppression", "email.sender-domain");
        assertThat(search("rule=canspam.suppression&decision=ALLOW&recipient=blocked.rule@example.com")
                .path("entries")).isEmpty();
    }

    @Test
    void everyDecisionCarriesItsEvidenceIncludingTheListVersionsInForce() {
        Reply decided = gw.call("POST", "/api/v1/checks", crm,
                "{\"channel\":\"EMAIL\",\"email\":\"evidence@example.com\",\"purpose\":\"COMMERCIAL\"}",
                "Content-Type", "application/json", "Idempotency-Key", "evidence-req-1");
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        JsonNode list = gw.get("/api/v1/suppression-lists", compliance).json();
        JsonNode loaded = find(list.path("lists"), "name", "email/unsubscribes.txt");

        JsonNode entry = search("recipient=evidence@example.com").path("entries").get(0);

        assertThat(entry.path("id").asText()).isEqualTo(decided.text("auditId"));
        assertThat(entry.path("actor").asText()).isEqualTo("crm (INTEGRATION, key:" + crmId + ")");
        assertThat(entry.path("policyVersion").asText()).isEqualTo(decided.text("policyVersion"));
        JsonNode detail = entry.path("detail");
        assertThat(detail.path("idempotencyKey").asText()).isEqualTo("evidence-req-1");
        assertThat(detail.path("evaluated")).isNotEmpty();
        assertThat(detail.path("evidence").path("consentIds").isArray()).isTrue();
        JsonNode version = find(detail.path("evidence").path("lists"), "name", "email/unsubscribes.txt");
        assertThat(version.path("sha256").asText()).isEqualTo(loaded.path("sha256").asText()).hasSize(64);
        assertThat(version.path("kind").asText()).isEqualTo("EMAIL");
        assertThat(version.path("asOf").asText()).isNotBlank();
    }

    @Test
    void aDecisionNamesTheConsentRecordsInForceForTheAddress() {
        Reply consent = gw.post("/api/v1/consents", compliance, "{\"email\":\"consented@example.com\","
                + "\"channel\":\"EMAIL\",\"kind\":\"GDPR\",\"evidence\":{\"text\":\"Yes, email me offers\","
                + "\"source\":\"web-form:newsletter\",\"capturedAt\":\"2026-03-01T10:15:00Z\"}}");
        assertThat(consent.status()).as(consent.body()).isEqualTo(201);
        check(crm, "consented@example.com");

        JsonNode entry = search("recipient=consented@example.com&kind=CHECK").path("entries").get(0);

        assertThat(entry.path("detail").path("evidence").path("consentIds")).extracting(JsonNode::asText)
                .containsExactly(consent.text("id"));
    }

    @Test
    void aListLoadAndAReloadAreEachAnAuditEntry() throws Exception {
        Files.createDirectories(dir.resolve("lists/domain"));
        Files.writeString(dir.resolve("lists/domain/blocked.txt"), "blocked-domain.example\n");
        JsonNode first = await(() -> find(search("kind=LIST_LOADED&limit=1000").path("entries"), "name",
                "domain/blocked.txt"));
        String firstSha = first.path("detail").path("sha256").asText();

        Files.writeString(dir.resolve("lists/domain/blocked.txt"), "blocked-domain.example\nother.example\n");
        JsonNode reload = await(() -> {
            for (JsonNode e : search("kind=LIST_LOADED&limit=1000").path("entries")) {
                if (e.path("detail").path("name").asText().equals("domain/blocked.txt")
                        && !e.path("detail").path("sha256").asText().equals(firstSha)) {
                    return e;
                }
            }
            return null;
        });

        assertThat(first.path("actor").asText()).isEqualTo("system");
        assertThat(first.path("detail").path("entries").asLong()).isEqualTo(1);
        assertThat(reload.path("detail").path("entries").asLong()).isEqualTo(2);
        assertThat(reload.path("seq").asLong()).isGreaterThan(first.path("seq").asLong());
    }

    @Test
    void theCursorContinuesWithoutGapsOrRepeatsWhileEntriesArrive() {
        for (int i = 0; i < 3; i++) {
            check(crm, "cursor-" + i + "@example.com");
        }
        String filter = "kind=CHECK&actor=" + enc("key:" + crmId) + "&limit=2";
        List<String> seen = new ArrayList<>();
        JsonNode page = search(filter);
        page.path("entries").forEach(e -> seen.add(e.path("id").asText()));
        for (int i = 3; i < 6; i++) {
            check(crm, "cursor-" + i + "@example.com");
        }
        while (!page.path("nextCursor").isNull()) {
            page = search(filter + "&cursor=" + page.path("nextCursor").asText());
            page.path("entries").forEach(e -> seen.add(e.path("id").asText()));
        }

        List<String> all = new ArrayList<>();
        search("kind=CHECK&actor=" + enc("key:" + crmId) + "&limit=1000").path("entries")
                .forEach(e -> all.add(e.path("id").asText()));
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(all);
        assertThat(texts(search("kind=CHECK&actor=" + enc("key:" + crmId) + "&limit=1000").path("entries"),
                "recipient")).contains("cursor-5@example.com");
    }

    @Test
    void aCsvAndAJsonLinesExportHoldExactlyTheEntriesAndValuesOfTheSearch() throws Exception {
        check(crm, "export-one@example.com");
        check(marketing, "export-two@example.com");
        check(crm, "erased-later@example.com");
        String erasedKey = search("recipient=erased-later@example.com").path("entries").get(0)
                .path("recipientKey").asText();
        gw.gateway.store().audit().forgetSubject(erasedKey);
        String filter = "kind=CHECK";
        JsonNode api = search(filter + "&limit=1000").path("entries");

        Reply csv = gw.get("/api/v1/audit/export?format=csv&" + filter, compliance);
        Reply jsonl = gw.get("/api/v1/audit/export?format=jsonl&" + filter, compliance);

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith(String.join(",", AuditExport.CSV_COLUMNS) + "\r\n");
        List<Map<String, String>> rows = csvRows(csv.body());
        assertThat(rows).hasSize(api.size());
        for (int i = 0; i < api.size(); i++) {
            JsonNode e = api.get(i);
            Map<String, String> row = rows.get(i);
            for (String column : AuditExport.CSV_COLUMNS) {
                JsonNode value = e.path(column);
                if (column.equals("detail")) {
                    assertThat(JSON.readTree(row.get(column))).as("detail of entry %s", e.path("seq")).isEqualTo(value);
                    continue;
                }
                String expected = column.equals("rules") ? String.join(",", texts(value, null))
                        : value.isNull() ? "" : value.asText();
                assertThat(row.get(column)).as("%s of entry %s", column, e.path("seq")).isEqualTo(expected);
            }
        }
        assertThat(texts(api, "recipient")).contains(AuditExport.ERASED, "export-one@example.com");

        assertThat(jsonl.status()).isEqualTo(200);
        assertThat(jsonl.contentType()).startsWith("application/x-ndjson");
        String[] lines = jsonl.body().split("\n");
        assertThat(lines).hasSize(api.size());
        for (int i = 0; i < lines.length; i++) {
            assertThat(JSON.readTree(lines[i])).isEqualTo(api.get(i));
        }
    }

    @Test
    void exportRefusesBadRequestsBeforeStreamingAnything() {
        Reply noFormat = gw.get("/api/v1/audit/export", compliance);
        Reply badFormat = gw.get("/api/v1/audit/export?format=xml", compliance);
        Reply backwards = gw.get("/api/v1/audit/export?format=csv&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                compliance);
        Reply rep = gw.get("/api/v1/audit/export?format=csv", gw.key("rep-1", "REP"));

        assertThat(noFormat.status()).isEqualTo(400);
        assertThat(noFormat.json().path("errors").get(0).path("field").asText()).isEqualTo("format");
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(badFormat.json().path("detail").asText()).isEqualTo("format: must be csv or jsonl");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().path("errors").get(0).path("field").asText()).isEqualTo("to");
        assertThat(rep.status()).isEqualTo(403);
    }

    @Test
    void verifyReportsTheLastVerifiedCheckpoint() {
        for (int i = 0; i < 6; i++) {
            check(crm, "verify-" + i + "@example.com");
        }

        Reply verified = gw.get("/api/v1/audit/verify", compliance);

        assertThat(verified.json().path("ok").asBoolean()).as(verified.body()).isTrue();
        JsonNode last = verified.json().path("lastCheckpoint");
        assertThat(last.path("seq").asLong()).isPositive().isLessThanOrEqualTo(verified.json().path("entries").asLong());
        assertThat(last.path("at").asText()).isNotBlank();
        assertThat(verified.json().path("checkpoints").asLong()).isPositive();
    }

    @Test
    void aTruncatedLogIsNamedByVerifyAndACleanShutdownSealsTheHead(@TempDir Path other) throws Exception {
        Path checkpoints = other.resolve("data/audit-checkpoints.jsonl");
        long head;
        try (RunningGateway second = RunningGateway.start(other, Map.of(ConfigKey.AUDIT_CHECKPOINT_EVERY_ENTRIES,
                "1000"))) {
            String key = second.key("crm", "INTEGRATION");
            for (int i = 0; i < 3; i++) {
                second.post("/api/v1/checks", key, "{\"channel\":\"EMAIL\",\"email\":\"t" + i
                        + "@example.com\",\"purpose\":\"COMMERCIAL\"}");
            }
            head = second.gateway.store().audit().head().orElseThrow().seq();
        }
        List<String> lines = Files.readAllLines(checkpoints);
        assertThat(JSON.readTree(lines.get(lines.size() - 1)).path("seq").asLong())
                .as("the shutdown checkpoint covers the head").isEqualTo(head);

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other.resolve("data/gateway.db"));
             Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_entries WHERE seq > " + (head - 2));
        }
        try (RunningGateway restarted = RunningGateway.start(other, Map.of())) {
            // The bootstrap ADMIN key may call every route; creating another key would append an entry.
            Reply broken = restarted.get("/api/v1/audit/verify", RunningGateway.ADMIN_KEY);

            // Whatever the restart itself appended continues from the cut, still short of the checkpoint.
            long now = restarted.gateway.store().audit().head().orElseThrow().seq();
            assertThat(now).isLessThan(head);
            assertThat(broken.json().path("ok").asBoolean()).isFalse();
            assertThat(broken.json().path("detail").asText()).startsWith("entries after " + now
                    + " are missing: the last checkpoint (at ").endsWith(") covers entry " + head);
            assertThat(broken.json().path("firstBadEntry").path("seq").asLong()).isEqualTo(now + 1);
        }
    }

    // ---- helpers ----

    private static void check(String key, String email) {
        Reply r = gw.post("/api/v1/checks", key, "{\"channel\":\"EMAIL\",\"email\":\"" + email
                + "\",\"purpose\":\"COMMERCIAL\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static JsonNode search(String query) {
        Reply r = gw.get("/api/v1/audit?" + query, compliance);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Text values of a field of every element (or of the elements themselves when field is null). */
    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
        return out;
    }

    /** The element whose field (or detail's field) has the value, or null. */
    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText()) || value.equals(n.path("detail").path(field).asText())) {
                return n;
            }
        }
        return null;
    }

    private static JsonNode await(Supplier<JsonNode> probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode found = probe.get();
        while (found == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
            found = probe.get();
        }
        assertThat(found).as("awaited audit entry").isNotNull();
        return found;
    }

    private static List<Map<String, String>> csvRows(String body) throws IOException {
        CsvMapper csv = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = csv.readerFor(Map.class).with(schema).readValues(body)) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }
}
