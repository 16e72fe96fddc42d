package dev.outreach.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.Gateway;
import dev.outreach.Main;
import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadSource;
import dev.outreach.lead.Qualification;
import dev.outreach.lead.Stage;
import dev.outreach.lead.StageTransition;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/leads/import} and {@code import leads FILE}: rows validated exactly as
 * {@code POST /api/v1/leads}, valid rows kept, invalid ones reported by line, streamed with constant
 * memory (a 100,000-row file).
 */
class LeadImportTest {

    private static final ObjectMapper JSON = Gateway.objectMapper();
    private static final String HEADER = "id,email,phone,firstName,lastName,company,country,region,timeZone,stage,"
            + "owner,source,createdAt,qualification.need,qualification.budget,qualification.authority,"
            + "qualification.timeline,qualification.fit";

    @TempDir
    static Path dir;

    private static RunningGateway gw;
    private static String integration;

    @BeforeAll
    static void start() {
        gw = RunningGateway.start(dir, Map.of());
        integration = gw.key("crm-sync", "INTEGRATION");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void validRowsAreStoredNormalisedWithTheirFirstTransitionAndInvalidOnesListedByLine() {
        String csv = "\uFEFF" + HEADER.toUpperCase() + "\r\n"
                + "mix-1, Ann.Lee@Example.COM ,(305) 555-0123,Ann,Lee,\"Initech, Inc.\",us,fl,America/New_York,"
                + "presentation,rep-7,web_form,2026-11-02T09:00:00Z,yes,Y,1,true,no\r\n"
                + "\r\n"
                + "mix-2,not-an-email,,Bob,,,,,,,rep-7,,,,,,,\r\n"
                + "mix-3,bob@example.com,12,Bob,,\"Multi\nline Co\",,,Mars/Base,SIDEWAYS,rep-7,,,maybe,,,,\r\n"
                + "mix-4,carol@example.com,,Carol,,,,,,,rep-7,,,,,,,,extra\r\n"
                + "mix-5,dave@example.com,,Dave,,,,,,,rep-8,,,,,,,\r\n"
                + "mix-5,erin@example.com,,Erin,,,,,,,rep-8,,,,,,,\r\n"
                + "mix-6,DAVE@example.com,,Dave again,,,,,,,rep-8,,,,,,,\r\n"
                + ",frank@example.com,,Frank,,,,,,,,,,,,,,\r\n";

        Reply r = importCsv(csv, integration);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("imported").asInt()).isEqualTo(3);
        assertThat(r.json().path("rejected").asInt()).isEqualTo(5);
        assertThat(r.json().path("errorsNotListed").asInt()).isZero();
        assertThat(r.json().path("complete").asBoolean()).isTrue();
        assertThat(errors(r)).containsExactly(
                "4 email " + postError("{\"email\":\"not-an-email\"}", "email"),
                "5 phone " + postError("{\"phone\":\"12\"}", "phone"),
                "5 timeZone must be an IANA time zone such as America/Chicago",
                "5 stage " + postError("{\"stage\":\"SIDEWAYS\"}", "stage"),
                "5 qualification.need must be true or false",
                "5 company " + postError("{\"company\":\"Multi\\nline Co\"}", "company"),
                "7 row has 19 values but the header names 18 columns",
                "9 id a lead with this id already exists",
                "10 email a lead with this email already exists");

        Lead ann = gw.gateway.store().leads().find("mix-1").orElseThrow();
        assertThat(ann.email()).isEqualTo("ann.lee@example.com");
        assertThat(ann.phone()).isEqualTo("+13055550123");
        assertThat(ann.company()).isEqualTo("Initech, Inc.");
        assertThat(ann.country()).isEqualTo("US");
        assertThat(ann.region()).isEqualTo("FL");
        assertThat(ann.stage()).isEqualTo(Stage.PRESENTATION);
        assertThat(ann.source()).isEqualTo(LeadSource.WEB_FORM);
        assertThat(ann.qualification()).isEqualTo(new Qualification(true, true, true, true, false));
        assertThat(ann.createdAt()).isEqualTo(java.time.Instant.parse("2026-11-02T09:00:00Z"));
        assertThat(gw.gateway.store().leads().transitions("mix-1")).extracting(StageTransition::to)
                .containsExactly(Stage.PRESENTATION);
        assertThat(gw.gateway.store().leads().find("mix-5").orElseThrow().firstName()).isEqualTo("Dave");
        Lead frank = gw.gateway.store().leads().findByEmail("frank@example.com").orElseThrow();
        assertThat(frank.id()).as("generated like POST").hasSize(36);
        assertThat(frank.stage()).isEqualTo(Stage.LEAD_GENERATION);
        assertThat(frank.source()).isEqualTo(LeadSource.OTHER);
        for (String id : List.of("mix-2", "mix-3", "mix-4", "mix-6")) {
            assertThat(gw.gateway.store().leads().find(id)).as(id).isEmpty();
        }
        List<AuditEntry> imports = gw.gateway.store().audit().page(new AuditQuery(null, null, null, null, null, null,
                null, "LEADS_IMPORTED", 0, 100));
        assertThat(imports).isNotEmpty();
        assertThat(imports.get(imports.size() - 1).actor()).contains("key:");
    }

    @Test
    void rowsWhoseIdOrEmailAStoredLeadHasAreRejectedLikeAPost() throws Exception {
        gw.gateway.store().leads().create(new Lead("taken-1", "taken@example.com", null, null, null, null, null,
                null, null, Stage.ENGAGEMENT, null, "rep-1", LeadSource.OTHER, null, gw.gateway.clock().instant(),
                null, null), new StageTransition("taken-1", null, Stage.ENGAGEMENT, null, gw.gateway.clock().instant(),
                "test"));
        Reply post = gw.post("/api/v1/leads", integration, "{\"id\":\"taken-1\",\"email\":\"x-taken@example.com\"}");
        assertThat(post.status()).isEqualTo(409);

        Reply r = importCsv("id,email\ntaken-1,fresh-1@example.com\nfresh-2,Taken@Example.com\nfresh-3,\n", integration);

        assertThat(errors(r)).containsExactly(
                "2 id " + post.json().path("errors").get(0).path("message").asText(),
                "3 email a lead with this email already exists");
        assertThat(r.json().path("imported").asInt()).isEqualTo(1);
        assertThat(gw.gateway.store().leads().find("fresh-3")).isPresent();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReplaysTheFirstAnswerAndImportsNothingTwice() {
        String csv = "id,email,owner\nidem-1,idem-1@example.com,rep-1\nidem-2,bad,rep-1\n";

        Reply first = importCsv(csv, integration, "Idempotency-Key", "import-2026-11-27");
        Reply again = importCsv(csv, integration, "Idempotency-Key", "import-2026-11-27");
        Reply other = importCsv("id,email\nidem-3,idem-3@example.com\n", integration, "Idempotency-Key",
                "import-2026-11-27");

        assertThat(first.json().path("imported").asInt()).isEqualTo(1);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(gw.gateway.store().leads().find("idem-3")).isEmpty();
        Reply fresh = importCsv(csv, integration);
        assertThat(errors(fresh)).as("without the key the same file is a second import")
                .contains("2 id a lead with this id already exists");
    }

    @Test
    void aFileWithoutAUsableHeaderIsRefusedWholeWithAProblem() {
        assertHeaderProblem(importCsv("", integration), "empty");
        assertHeaderProblem(importCsv("id,e-mail,owner\nh-1,h@example.com,rep\n", integration), "e-mail");
        assertHeaderProblem(importCsv("id,email,Email\nh-2,a@example.com,b@example.com\n", integration), "email");
        assertThat(gw.gateway.store().leads().find("h-1")).isEmpty();
    }

    @Test
    void brokenQuotingKeepsTheRowsBeforeAndSaysWhereReadingStopped() {
        Reply r = importCsv("id,email\nq-1,q1@example.com\nq-2,\"q2@example.com\nq-3,q3@example.com\n", integration);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("imported").asInt()).isEqualTo(1);
        assertThat(r.json().path("complete").asBoolean()).isFalse();
        assertThat(r.json().path("errors").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(r.json().path("errors").get(0).path("message").asText()).contains("unreadable CSV");
        assertThat(gw.gateway.store().leads().find("q-1")).isPresent();
    }

    @Test
    void onlyIntegrationKeysImportAndOnlyCsv() {
        String rep = gw.key("rep-9", "REP");
        String compliance = gw.key("officer-9", "COMPLIANCE");
        String csv = "id,email\nauth-1,auth@example.com\n";

        assertThat(importCsv(csv, rep).status()).isEqualTo(403);
        assertThat(importCsv(csv, compliance).status()).isEqualTo(403);
        assertThat(importCsv(csv, null).status()).isEqualTo(401);
        Reply json = gw.call("POST", "/api/v1/leads/import", integration, "{\"id\":\"auth-1\"}",
                "Content-Type", "application/json");
        assertThat(json.status()).isEqualTo(415);
        assertThat(gw.gateway.store().leads().find("auth-1")).isEmpty();
        assertThat(importCsv(csv, RunningGateway.ADMIN_KEY).json().path("imported").asInt()).isEqualTo(1);
    }

    @Test
    void aHundredThousandRowFileKeepsTheGoodRowsAndListsEveryBadLine() throws Exception {
        Path file = dir.resolve("leads-100k.csv");
        List<String> expected = writeBigFile(file, 100_000);

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gw.baseUrl() + "/api/v1/leads/import"))
                .header("Authorization", "Bearer " + integration).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("imported").asInt()).isEqualTo(100_000 - expected.size());
        assertThat(body.path("rejected").asInt()).isEqualTo(expected.size()).isEqualTo(125);
        assertThat(errors(body)).containsExactlyElementsOf(expected);

        AtomicLong stored = new AtomicLong();
        gw.gateway.store().leads().scan("big-rep-3", l -> stored.incrementAndGet());
        assertThat(stored.get()).as("rows 3, 8, 13, ... minus the rejected ones among them")
                .isEqualTo(20_000 - expected.stream().filter(e -> (Integer.parseInt(e.split(" ")[0]) - 1) % 5 == 3)
                        .count());
        Lead sample = gw.gateway.store().leads().find("big-054321").orElseThrow();
        assertThat(sample.email()).isEqualTo("big-054321@example.com");
        assertThat(sample.phone()).isEqualTo("+13055554321");
        assertThat(sample.stage()).isEqualTo(Stage.values()[54321 % 7]);
        assertThat(gw.gateway.store().leads().transitions("big-054321")).hasSize(1);
        assertThat(gw.gateway.store().leads().find("big-001007")).as("bad email").isEmpty();
    }

    @Test
    void theImportCommandShowsProgressAndListsTheBadLines() throws Exception {
        Path file = dir.resolve("cli-leads.csv");
        List<String> expected = writeBigFile(file, 3_000, "cli");
        Path config = dir.resolve("cli.yaml");
        Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\ntemplates:\n  dir: "
                + Path.of("templates").toAbsolutePath() + "\nlists:\n  dir: " + dir.resolve("lists") + "\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int code = cli.execute("import", "leads", file.toString(), "--config", config.toString());

        assertThat(code).as("some rows were rejected").isEqualTo(1);
        assertThat(err.toString()).contains("\r[").contains("] 100%").contains("3,000 rows");
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("imported " + (3_000 - expected.size()) + ", rejected " + expected.size());
        assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(expected.stream().map(e -> {
            String[] parts = e.split(" ", 3);
            return "line " + parts[0] + ": " + parts[1] + ": " + parts[2];
        }).toList());
        assertThat(gw.gateway.store().leads().find("cli-002000")).isPresent();

        assertThat(cli.execute("import", "leads", dir.resolve("missing.csv").toString(), "--config",
                config.toString())).isEqualTo(2);
    }

    // ---- helpers ----

    /** Writes the file and returns the expected errors, "line field message", in line order. */
    private static List<String> writeBigFile(Path file, int rows) throws IOException {
        return writeBigFile(file, rows, "big");
    }

    private static List<String> writeBigFile(Path file, int rows, String prefix) throws IOException {
        String badEmail = postError("{\"email\":\"not-an-email\"}", "email");
        String badStage = postError("{\"stage\":\"SIDEWAYS\"}", "stage");
        List<String> expected = new ArrayList<>();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (int r = 1; r <= rows; r++) {
                long line = r + 1L;
                String id = String.format("%s-%06d", prefix, r);
                String email = id + "@example.com";
                String stage = Stage.values()[r % 7].name();
                if (r % 1000 == 7) {
                    email = "not-an-email";
                    expected.add(line + " email " + badEmail);
                } else if (r % 5000 == 1234) {
                    stage = "SIDEWAYS";
                    expected.add(line + " stage " + badStage);
                } else if (r % 20000 == 999) {
                    id = String.format("%s-%06d", prefix, r - 1);
                    expected.add(line + " id a lead with this id already exists");
                }
                boolean q = r % 2 == 0;
                w.write(id + "," + email + ",(305) 555-" + String.format("%04d", r % 10000) + ",First" + r + ",Last,"
                        + "Company " + (r % 97) + ",US,FL,America/New_York," + stage + "," + prefix + "-rep-" + (r % 5)
                        + ",WEB_FORM,2026-11-02T09:00:00Z," + q + "," + q + ",true,false," + !q + "\n");
            }
        }
        return expected;
    }

    private static Reply importCsv(String csv, String key, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "text/csv; charset=utf-8";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return gw.call("POST", "/api/v1/leads/import", key, csv, all);
    }

    /** What POST /api/v1/leads answers for the field, so the import is checked against the API itself. */
    private static String postError(String body, String field) {
        Reply r = gw.post("/api/v1/leads", integration, body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        for (JsonNode e : r.json().path("errors")) {
            if (e.path("field").asText().equals(field)) {
                return e.path("message").asText();
            }
        }
        throw new AssertionError("POST did not name " + field + ": " + r.body());
    }

    private static List<String> errors(Reply r) {
        return errors(r.json());
    }

    private static List<String> errors(JsonNode body) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : body.path("errors")) {
            out.add(e.path("line").asLong() + " " + e.path("field").asText() + " " + e.path("message").asText());
        }
        return out;
    }

    private static void assertHeaderProblem(Reply r, String mentioned) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("header");
        assertThat(r.json().path("errors").get(0).path("message").asText()).contains(mentioned);
    }
}
