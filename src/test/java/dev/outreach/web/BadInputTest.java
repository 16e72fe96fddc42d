package dev.outreach.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.Gateway;
import dev.outreach.config.ConfigKey;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input is a 4xx problem+json naming the field, and changes nothing: no lead, no suppression,
 * no decision, no touch, nothing queued, no .eml written.
 */
class BadInputTest {

    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = Gateway.objectMapper();
    private static RunningGateway gw;
    private static String integration;
    private static String compliance;

    /** What the store and the outbox folder held before the test's request. */
    private record State(long leads, long transitions, long suppressions, long touches, long outbox, long audit,
                         long emlFiles) {
    }

    private State before;

    @BeforeAll
    static void start() {
        gw = RunningGateway.start(dir, Map.of());
        integration = gw.key("crm-sync", "INTEGRATION");
        compliance = gw.key("compliance-officer", "COMPLIANCE");
        Reply lead = gw.post("/api/v1/leads", integration, json("id", "known-1", "email", "known-1@example.com",
                "firstName", "Kim", "company", "Initech", "stage", "PRESENTATION", "owner", "rep-known"));
        assertThat(lead.status()).as(lead.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @BeforeEach
    void snapshot() {
        before = state(gw);
    }

    /** Every test here sends bad input only; none may leave a trace. */
    @AfterEach
    void nothingChanged() {
        assertThat(state(gw)).isEqualTo(before);
    }

    // ---------------------------------------------------------------- leads

    @Test
    void malformedEmailIsRejectedNamingTheFieldAndCreatesNothing() {
        Reply r = createLead(json("id", "bad-email", "email", "ann@@example", "owner", "rep-x"));

        assertProblem(r, 400, "email");
        assertThat(gw.gateway.store().leads().find("bad-email")).isEmpty();
    }

    @Test
    void emailWithCrlfHeaderInjectionIsRejectedOnLeadCreate() {
        Reply r = createLead(json("id", "crlf-lead", "email", "ann@example.com\r\nBcc: x@evil.test", "owner", "rep-x"));

        assertProblem(r, 400, "email");
        assertThat(r.body()).doesNotContain("evil.test");
        assertThat(gw.gateway.store().leads().find("crlf-lead")).isEmpty();
    }

    @Test
    void emailWithCrlfHeaderInjectionIsRejectedOnSendTo() {
        Reply r = gw.post("/api/v1/emails", integration, json("to", "ann@example.com\r\nBcc: x@evil.test",
                "template", "presentation-summary",
                "data", Map.of("firstName", "Ann", "company", "Initech", "repName", "Sam")));

        assertProblem(r, 400, "to");
        assertThat(r.body()).doesNotContain("evil.test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "abc", "+1 305 555 01234"})
    void unparseableOrImpossiblePhoneIsRejectedNamingPhone(String phone) {
        Reply r = createLead(json("id", "bad-phone", "email", "bad-phone@example.com", "phone", phone, "owner", "rep-x"));

        assertProblem(r, 400, "phone");
        assertThat(gw.gateway.store().leads().find("bad-phone")).isEmpty();
    }

    @Test
    void phoneWithNoSuchAreaCodeIsRejectedNamingPhone() {
        Reply r = createLead(json("id", "bad-phone", "email", "bad-phone@example.com", "phone", "+1 999 555 0123",
                "owner", "rep-x"));

        assertProblem(r, 400, "phone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"USA", "XX", "U"})
    void badCountryIsRejectedNamingCountry(String country) {
        Reply r = createLead(json("id", "bad-country", "email", "bad-country@example.com", "country", country,
                "owner", "rep-x"));

        assertProblem(r, 400, "country");
        assertThat(gw.gateway.store().leads().find("bad-country")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus_Mons", "EST5", "not a zone"})
    void badTimeZoneIsRejectedNamingTimeZone(String zone) {
        Reply r = createLead(json("id", "bad-zone", "email", "bad-zone@example.com", "timeZone", zone,
                "owner", "rep-x"));

        assertProblem(r, 400, "timeZone");
        assertThat(gw.gateway.store().leads().find("bad-zone")).isEmpty();
    }

    @Test
    void badStageIsRejectedNamingStage() {
        Reply r = createLead(json("id", "bad-stage", "email", "bad-stage@example.com", "stage", "WON",
                "owner", "rep-x"));

        assertProblem(r, 400, "stage");
        assertThat(gw.gateway.store().leads().find("bad-stage")).isEmpty();
    }

    @Test
    void badStageOnTransitionIsRejectedAndTheLeadStaysWhereItWas() {
        Reply r = gw.post("/api/v1/leads/known-1/stage", integration, json("stage", "PROSPECTING"));

        assertProblem(r, 400, "stage");
        assertThat(gw.get("/api/v1/leads/known-1", integration).text("stage")).isEqualTo("PRESENTATION");
    }

    @Test
    void everyBadFieldIsNamedInOneProblem() {
        Reply r = createLead(json("id", "many-bad", "email", "nope", "phone", "12", "country", "USA",
                "timeZone", "Nowhere/Else", "stage", "SOMEWHERE", "owner", "rep-x"));

        assertProblem(r, 400, "country", "email", "phone", "timeZone", "stage");
    }

    @Test
    void bodyThatIsNotJsonIsRejectedNamingBody() {
        Reply r = createLead("{\"id\": \"not-json\", \"email\": ");

        assertProblem(r, 400, "body");
        assertThat(gw.gateway.store().leads().find("not-json")).isEmpty();
    }

    @Test
    void bodyThatIsAJsonArrayIsRejectedNamingBody() {
        assertProblem(createLead("[{\"id\":\"in-array\"}]"), 400, "body");
        assertProblem(gw.post("/api/v1/emails", integration, "\"just a string\""), 400, "body");
    }

    @Test
    void queryWithBadStageIsRejectedNamingStage() {
        assertProblem(gw.get("/api/v1/leads?stage=SOMEWHERE", integration), 400, "stage");
    }

    // ---------------------------------------------------------------- sending

    @Test
    void unknownTemplateIs422NamingTemplate() {
        Reply r = gw.post("/api/v1/emails", integration, json("leadId", "known-1", "template", "no-such-template",
                "data", Map.of("repName", "Sam")));

        assertProblem(r, 422, "template");
    }

    @Test
    void missingRequiredTemplateFieldIs422NamingItAndQueuesNothing() throws InterruptedException {
        Reply r = gw.post("/api/v1/emails", integration, json("to", "stranger@example.com",
                "template", "presentation-summary", "data", Map.of("firstName", "Ann", "repName", "Sam")));

        assertProblem(r, 422, "data.company");
        Thread.sleep(600); // three outbox polls: a message queued by mistake would have become an .eml by now
        assertThat(count(gw, "outbox")).isZero();
        assertThat(emlFiles(gw)).isZero();
    }

    @Test
    void everyMissingRequiredFieldIsNamed() {
        Reply r = gw.post("/api/v1/emails", integration, json("to", "stranger@example.com",
                "template", "presentation-summary", "data", Map.of()));

        assertProblem(r, 422, "data.firstName", "data.company", "data.repName");
    }

    @Test
    void blankRequiredTemplateFieldCountsAsMissing() {
        Reply r = gw.post("/api/v1/emails", integration, json("leadId", "known-1",
                "template", "presentation-summary", "data", Map.of("repName", "   ")));

        assertProblem(r, 422, "data.repName");
    }

    @Test
    void previewWithAnUndeclaredFieldIs422NamingIt() {
        Reply r = gw.post("/api/v1/templates/presentation-summary/preview", integration, json("data",
                Map.of("firstName", "Ann", "company", "Initech", "repName", "Sam", "discount", "50%")));

        assertProblem(r, 422, "data.discount");
    }

    @Test
    void sendWithAnUndeclaredFieldIs422NamingItAndQueuesNothing() {
        Reply r = gw.post("/api/v1/emails", integration, json("leadId", "known-1", "template", "presentation-summary",
                "data", Map.of("repName", "Sam", "discout", "50%")));

        assertProblem(r, 422, "data.discout");
    }

    @Test
    void nestedObjectInDataIs400NamingTheEntry() {
        Reply r = gw.post("/api/v1/emails", integration, json("leadId", "known-1", "template", "presentation-summary",
                "data", Map.of("repName", "Sam", "x", Map.of("y", 1))));

        assertProblem(r, 400, "data.x");
    }

    @Test
    void listInDataIs400NamingTheEntry() {
        Reply r = gw.post("/api/v1/emails", integration, json("leadId", "known-1", "template", "presentation-summary",
                "data", Map.of("repName", "Sam", "keyPoints", List.of("a", "b"))));

        assertProblem(r, 400, "data.keyPoints");
    }

    @Test
    void sendWithNeitherLeadNorAddressIs400() {
        Reply r = gw.post("/api/v1/emails", integration, json("template", "presentation-summary"));

        assertProblem(r, 400, "leadId");
    }

    @Test
    void sendWithoutTemplateIs400NamingTemplate() {
        Reply r = gw.post("/api/v1/emails", integration, json("leadId", "known-1"));

        assertProblem(r, 400, "template");
    }

    @Test
    void idempotencyKeyWithAControlCharacterIsRejectedNamingTheHeader() {
        Reply r = gw.call("POST", "/api/v1/emails", integration, json("leadId", "known-1",
                        "template", "presentation-summary", "data", Map.of("repName", "Sam")),
                "Content-Type", "application/json", "Idempotency-Key", "retry\tone");

        assertProblem(r, 400, "Idempotency-Key");
    }

    // ---------------------------------------------------------------- suppressions

    @Test
    void suppressionWithBadTypeIsRejectedNamingType() {
        Reply r = gw.post("/api/v1/suppressions", compliance, json("type", "FAX", "value", "someone@example.com"));

        assertProblem(r, 400, "type");
    }

    @Test
    void suppressionWithMalformedEmailIsRejectedNamingValue() {
        Reply r = gw.post("/api/v1/suppressions", compliance, json("type", "EMAIL", "value", "not-an-address"));

        assertProblem(r, 400, "value");
    }

    @Test
    void suppressionWithMalformedPhoneIsRejectedNamingValue() {
        Reply r = gw.post("/api/v1/suppressions", compliance, json("type", "PHONE", "value", "12"));

        assertProblem(r, 400, "value");
    }

    @Test
    void suppressionWithBadReasonIsRejectedNamingReason() {
        Reply r = gw.post("/api/v1/suppressions", compliance,
                json("type", "EMAIL", "value", "someone@example.com", "reason", "BORED"));

        assertProblem(r, 400, "reason");
    }

    // ---------------------------------------------------------------- queries

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-27", "2026-11-27T14:05:00"})
    void auditQueryWithBadFromIsRejectedNamingFrom(String from) {
        assertProblem(gw.get("/api/v1/audit?from=" + from, compliance), 400, "from");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1001", "many"})
    void limitOutOfRangeIsRejectedNamingLimit(String limit) {
        assertProblem(gw.get("/api/v1/audit?limit=" + limit, compliance), 400, "limit");
        assertProblem(gw.get("/api/v1/leads?limit=" + limit, integration), 400, "limit");
        assertProblem(gw.get("/api/v1/suppressions?limit=" + limit, compliance), 400, "limit");
    }

    // ---------------------------------------------------------------- broken template

    @Test
    void templateWithSyntaxErrorIsListedAsFailingLintAndCannotBeSent(@TempDir Path other) throws IOException {
        Path templates = other.resolve("templates");
        copyTree(Path.of("templates").toAbsolutePath(), templates);
        Files.writeString(templates.resolve("broken-syntax.ftl"), """
                ---
                name: broken-syntax
                stage: ENGAGEMENT
                purpose: COMMERCIAL
                subject: "News for ${company}"
                fields: [firstName, company]
                required: [firstName, company]
                ---
                <#macro html>
                <p>Hi ${firstName},</p>
                <#if company?has_content>
                <p>News for ${company}.</p>
                </#macro>
                <#macro text>
                Hi ${firstName}, news for ${company}.
                </#macro>
                """);
        try (RunningGateway broken = RunningGateway.start(other.resolve("gw"),
                Map.of(ConfigKey.TEMPLATES_DIR, templates.toString()))) {
            String key = broken.key("crm-sync", "INTEGRATION");

            Reply list = broken.get("/api/v1/templates", key);
            assertThat(list.status()).isEqualTo(200);
            JsonNode entry = null;
            for (JsonNode t : list.json().path("templates")) {
                if (t.path("name").asText().equals("broken-syntax")) {
                    entry = t;
                }
            }
            assertThat(entry).as("broken-syntax in " + list.body()).isNotNull();
            assertThat(entry.path("lint").path("ok").asBoolean()).isFalse();
            List<String> problems = new ArrayList<>();
            entry.path("lint").path("problems").forEach(p -> problems.add(p.asText()));
            // FreeMarker notices the unclosed <#if (line 11) at the </#macro> that cuts it off, line 13
            assertThat(problems).singleElement().asString().startsWith("broken-syntax.ftl:13: ").contains("#if");
            JsonNode shipped = null;
            for (JsonNode t : list.json().path("templates")) {
                if (t.path("name").asText().equals("presentation-summary")) {
                    shipped = t;
                }
            }
            assertThat(shipped.path("lint").path("ok").asBoolean()).isTrue();

            Reply send = broken.post("/api/v1/emails", key, json("to", "reader@example.com", "template", "broken-syntax",
                    "data", Map.of("firstName", "Ann", "company", "Initech")));

            assertProblem(send, 422, "template");
            assertProblem(broken.post("/api/v1/templates/broken-syntax/preview", key,
                    json("data", Map.of("firstName", "Ann", "company", "Initech"))), 422, "template");
            assertThat(send.json().path("detail").asText()).contains("broken-syntax");
            assertThat(count(broken, "outbox")).isZero();
            assertThat(count(broken, "touches")).isZero();
            assertThat(emlFiles(broken)).isZero();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Reply createLead(String body) {
        return gw.post("/api/v1/leads", integration, body);
    }

    private static State state(RunningGateway g) {
        return new State(count(g, "leads"), count(g, "stage_transitions"), count(g, "suppressions"),
                count(g, "touches"), count(g, "outbox"), count(g, "audit_entries"), emlFiles(g));
    }

    private static long count(RunningGateway g, String table) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + g.dir.resolve("data").resolve("gateway.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long emlFiles(RunningGateway g) {
        Path outbox = g.dir.resolve("data").resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".eml")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void assertProblem(Reply r, int status, String... fields) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("status").asInt()).isEqualTo(status);
        assertThat(r.json().path("title").asText()).isNotBlank();
        assertThat(r.json().path("detail").asText()).isNotBlank();
        List<String> named = new ArrayList<>();
        r.json().path("errors").forEach(e -> {
            named.add(e.path("field").asText());
            assertThat(e.path("message").asText()).isNotBlank();
        });
        assertThat(named).containsExactlyInAnyOrder(fields);
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
