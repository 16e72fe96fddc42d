package dev.outreach.web;

import dev.outreach.policy.SuppressionReason;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.config.ConfigKey;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.SuppressionEntry;
import dev.outreach.testing.MutableClock;
import dev.outreach.web.RunningGateway.Reply;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.outreach.web.GdprApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure end to end, on SQLite and on PostgreSQL: a subject with touches, consents, a revocation
 * review, stored responses, outbox messages and their .eml copies, and audit entries is erased; the
 * export afterwards finds nothing readable, the audit chain still verifies and shows the person as
 * erased, and the same address imported again is blocked by {@code gdpr.erased} on the next send.
 */
class ErasureTest {

    private static final Instant START = Instant.parse("2026-11-27T14:05:00Z");
    private static final String EMAIL = "greta.gruber@gruber-bau.example";
    private static final String PHONE = "+4915123456789";
    /** Every readable trace of the person that the setup stores somewhere. */
    private static final List<String> PERSONAL = List.of("greta", "gruber", "4915123456789", "151 23456789",
            "203.0.113.44", "Mozilla/5.0 (Greta)", "kannst du cancel machen?");
    private static final AtomicInteger databases = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    /** Store settings for the dialect: SQLite in the data dir (the default), or a fresh PostgreSQL database. */
    static Map<ConfigKey, String> store(String dialect) throws Exception {
        if (dialect.equals("sqlite")) {
            return Map.of();
        }
        String name = "erasure_" + databases.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return Map.of(ConfigKey.STORE_URL, postgres.getJdbcUrl("postgres", name), ConfigKey.STORE_USERNAME, "postgres",
                ConfigKey.STORE_PASSWORD, "postgres");
    }

    static Map<String, Object> evidence(Instant capturedAt) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("text", "Yes, Acme may contact me with news about its products. I can withdraw at any time.");
        e.put("source", "web-form:newsletter");
        e.put("capturedAt", capturedAt.toString());
        e.put("ip", "203.0.113.44");
        e.put("userAgent", "Mozilla/5.0 (Greta)");
        e.put("url", "https://acme.example/newsletter");
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anErasedSubjectLeavesNothingReadableStaysBlockedAndTheChainStillVerifies(String dialect) throws Exception {
        MutableClock clock = new MutableClock(START);
        try (RunningGateway gw = RunningGateway.start(dir, store(dialect), clock)) {
            assertThat(gw.gateway.store().dialect()).isEqualTo(dialect);
            String crm = gw.key("crm", "INTEGRATION");
            String officer = gw.key("dpo", "COMPLIANCE");

            // a subject with a lead, consents, a touch and an outbox message with its .eml copy,
            // checks on both channels, a text awaiting review, and stored responses naming them
            Reply created = gw.call("POST", "/api/v1/leads", crm, json("id", "lead-g1", "email", EMAIL, "phone", PHONE,
                    "firstName", "Greta", "lastName", "Gruber", "company", "Gruber Bau", "country", "DE",
                    "region", "BY", "owner", "rep-1"), "Content-Type", "application/json", "Idempotency-Key", "lead-1");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            Instant earlier = START.minus(Duration.ofHours(1));
            assertThat(gw.post("/api/v1/consents", officer, json("leadId", "lead-g1", "channel", "EMAIL",
                    "kind", "GDPR", "evidence", evidence(earlier))).status()).isEqualTo(201);
            assertThat(gw.post("/api/v1/consents", officer, json("phone", PHONE, "channel", "SMS", "kind", "GDPR",
                    "evidence", evidence(earlier))).status()).isEqualTo(201);
            Reply sent = gw.post("/api/v1/emails", crm, json("leadId", "lead-g1", "template",
                    "lead-qualification-schedule-call", "data", Map.of("repName", "Bob Rep")));
            assertThat(sent.status()).as(sent.body()).isEqualTo(202);
            String messageId = sent.text("messageId");
            Path eml = gw.dir.resolve("data/outbox").resolve(messageId + ".eml");
            awaitFile(eml);
            assertThat(gw.post("/api/v1/checks", crm, json("channel", "SMS", "phone", PHONE, "purpose", "MARKETING"))
                    .status()).isEqualTo(200);
            assertThat(gw.post("/api/v1/sms/inbound", crm, json("from", PHONE, "to", "12345", "body",
                    "kannst du cancel machen?")).status()).isEqualTo(200);
            assertThat(gw.gateway.store().revocationReviews().findByKey(gw.gateway.base().pseudonyms().phone(PHONE)))
                    .isNotEmpty();
            assertThat(containsPersonalData(gw.post("/api/v1/subjects/export", officer, json("email", EMAIL)).body()))
                    .as("before erasure the export holds the person's data").isNotEmpty();

            clock.advance(Duration.ofMinutes(5));
            Reply receipt = gw.post("/api/v1/subjects/erase", officer, json("email", EMAIL));

            assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
            assertThat(containsPersonalData(receipt.body())).as("the receipt holds no personal data").isEmpty();
            assertThat(receipt.body()).doesNotContain("lead-g1");
            JsonNode erased = receipt.json().path("erased");
            assertThat(receipt.text("receiptId")).isNotBlank();
            assertThat(receipt.text("erasedAt")).isEqualTo(START.plus(Duration.ofMinutes(5)).toString());
            assertThat(erased.path("leads").asInt()).isEqualTo(1);
            assertThat(erased.path("suppressions.erasureAdded").asInt()).isEqualTo(2);
            assertThat(erased.path("consents").asInt()).isEqualTo(2);
            assertThat(erased.path("consents.revoked").asInt()).isEqualTo(2);
            assertThat(erased.path("outbox").asInt()).isEqualTo(1);
            assertThat(erased.path("outbox.emlFiles").asInt()).isEqualTo(1);
            assertThat(erased.path("revocation_reviews").asInt()).isEqualTo(1);
            assertThat(erased.path("idempotency_records").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(erased.path("audit_subjects").asInt()).isEqualTo(2);
            assertThat(receipt.json().path("kept").path("touches").asInt()).isEqualTo(1);
            assertThat(Files.exists(eml)).as(".eml copy deleted").isFalse();
            assertThat(gw.gateway.store().outbox().find(messageId)).isEmpty();
            JsonNode storage = receipt.json().path("storage");
            if (dialect.equals("sqlite")) {
                assertThat(storage.path("sqlite.database").asText()).startsWith("secure_delete on");
                assertThat(storage.path("sqlite.wal").asText()).startsWith("checkpointed and truncated");
                assertThat(personalDataInFiles(gw.dir.resolve("data")))
                        .as("no file under the data directory (database, -wal, -shm, outbox) holds a readable copy")
                        .isEmpty();
            } else {
                assertThat(storage.path("postgresql.tables").asText()).startsWith("VACUUM ");
                assertThat(storage.path("postgresql.wal-and-backups").asText()).contains("docs/postgresql.md");
                assertThat(personalDataInTables(gw)).as("no live table row holds a readable copy").isEmpty();
            }

            for (String subject : List.of(json("email", EMAIL), json("phone", PHONE), json("leadId", "lead-g1"))) {
                Reply export = gw.post("/api/v1/subjects/export", officer, subject);
                assertThat(export.status()).isEqualTo(200);
                assertThat(containsPersonalData(export.body())).as("export by %s after erasure", subject).isEmpty();
            }
            Reply byLead = gw.post("/api/v1/subjects/export", officer, json("leadId", "lead-g1"));
            assertThat(byLead.json().path("leads").get(0).path("email").isNull()).isTrue();
            assertThat(byLead.json().path("leads").get(0).path("stageHistory")).isNotEmpty();
            assertThat(byLead.json().path("touches")).singleElement()
                    .satisfies(t -> assertThat(t.path("recipient").asText()).isEqualTo("[erased]"));
            assertThat(byLead.json().path("auditEntries")).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.path("recipient").isNull()
                            || e.path("recipient").asText().equals("[erased]")).isTrue());

            Reply verify = gw.get("/api/v1/audit/verify", officer);
            assertThat(verify.status()).isEqualTo(200);
            assertThat(verify.json().path("ok").asBoolean()).as(verify.body()).isTrue();
            Reply audit = gw.get("/api/v1/audit?leadId=lead-g1&limit=100", officer);
            List<String> recipients = new ArrayList<>();
            audit.json().path("entries").forEach(e -> recipients.add(e.path("recipient").asText(null)));
            assertThat(recipients).contains("[erased]").doesNotContain(EMAIL, PHONE);
            List<AuditEntry> erasures = gw.gateway.store().audit().page(new AuditQuery(null, null, null, null, null,
                    null, null, "SUBJECT_ERASED", 0, 10));
            assertThat(erasures).singleElement().satisfies(e -> {
                assertThat(containsPersonalData(e.payload())).isEmpty();
                assertThat(e.payload()).contains(receipt.text("receiptId"));
            });

            // the same person imported again is never contacted
            clock.advance(Duration.ofDays(2));
            Reply again = gw.post("/api/v1/leads", crm, json("id", "lead-g2", "email", EMAIL, "phone", PHONE,
                    "firstName", "Greta", "country", "DE"));
            assertThat(again.status()).as(again.body()).isEqualTo(201);
            Reply commercial = gw.post("/api/v1/emails", crm, json("leadId", "lead-g2", "template",
                    "lead-qualification-schedule-call", "data", Map.of("repName", "Bob Rep")));
            assertThat(commercial.text("decision")).as(commercial.body()).isEqualTo("BLOCK");
            assertThat(reasons(commercial)).contains("gdpr.erased");
            Reply transactional = gw.post("/api/v1/emails", crm, json("leadId", "lead-g2", "template",
                    "closing-confirmation", "data", Map.of("repName", "Bob Rep", "orderReference", "SO-9",
                            "purchaseSummary", "1 seat")));
            assertThat(reasons(transactional)).contains("gdpr.erased");
            Reply text = gw.post("/api/v1/checks", crm, json("channel", "SMS", "phone", PHONE, "purpose",
                    "INFORMATIONAL"));
            assertThat(reasons(text)).contains("gdpr.erased");
            String key = gw.gateway.base().pseudonyms().email(EMAIL);
            assertThat(gw.gateway.store().audit().readableSubject(key))
                    .as("a blocked attempt does not remember the erased address again").isEmpty();
            assertThat(gw.gateway.store().suppressions().findByKey("EMAIL", key)).filteredOn(s ->
                    s.reason() == SuppressionReason.ERASURE).singleElement().extracting(SuppressionEntry::value).isNull();
            String erasureId = gw.gateway.store().suppressions().findByKey("EMAIL", key).stream()
                    .filter(s -> s.reason() == SuppressionReason.ERASURE).findFirst().orElseThrow().id();
            assertThat(gw.call("DELETE", "/api/v1/suppressions/" + erasureId, officer, null).status())
                    .as("an ERASURE entry cannot be removed").isEqualTo(409);
            assertThat(gw.get("/api/v1/audit/verify", officer).json().path("ok").asBoolean()).isTrue();
        }
    }

    /** Every file under the directory whose raw bytes hold a personal value, with the value found. */
    static List<String> personalDataInFiles(Path root) throws java.io.IOException {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files.stream().map(f -> f.getFileName().toString())).as("the files scanned").contains("gateway.db");
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
            containsPersonalData(bytes).forEach(p -> found.add(root.relativize(file) + ": " + p));
        }
        return found;
    }

    /** Every row of every table in the gateway's PostgreSQL schema, as text, that holds a personal value. */
    private static List<String> personalDataInTables(RunningGateway gw) throws java.sql.SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = java.sql.DriverManager.getConnection(gw.gateway.config().storeUrl(), "postgres", "postgres");
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (java.sql.ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("leads", "consents", "audit_subjects", "outbox");
            for (String table : tables) {
                try (java.sql.ResultSet rs = s.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
                    while (rs.next()) {
                        containsPersonalData(rs.getString(1)).forEach(p -> found.add(table + ": " + p));
                    }
                }
            }
        }
        return found;
    }

    private static List<String> reasons(Reply decision) {
        List<String> out = new ArrayList<>();
        decision.json().path("reasons").forEach(r -> out.add(r.path("rule").asText()));
        return out;
    }

    /** The personal values found in {@code text}, compared without case. */
    static List<String> containsPersonalData(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return PERSONAL.stream().filter(p -> lower.contains(p.toLowerCase(Locale.ROOT))).toList();
    }

    private static void awaitFile(Path file) throws InterruptedException {
        for (int i = 0; i < 100 && !Files.exists(file); i++) {
            Thread.sleep(100);
        }
        assertThat(file).exists();
    }
}
