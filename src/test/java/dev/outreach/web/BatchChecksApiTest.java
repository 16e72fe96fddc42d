package dev.outreach.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreach.Gateway;
import dev.outreach.testing.MutableClock;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/checks/batch} against the real server: a list on disk, the national registry,
 * runtime suppressions, a GDPR lead, on a fixed clock (Wednesday 2026-11-25, 10:00 in Florida).
 */
class BatchChecksApiTest {

    static final Instant NOW = Instant.parse("2026-11-25T15:00:00Z");
    static final String AT = "2026-11-25T15:00:00Z";
    static final ObjectMapper JSON = Gateway.objectMapper();

    @TempDir
    static Path dir;
    static RunningGateway gw;
    static String crm;
    static String compliance;

    @BeforeAll
    static void start() throws Exception {
        Path registry = Files.createDirectories(dir.resolve("lists/national-dnc"));
        Files.writeString(registry.resolve("as-of.txt"), "2026-11-20\n");
        Files.writeString(registry.resolve("full-305.txt"), "3055550101\n3055550102\n");
        Path email = Files.createDirectories(dir.resolve("lists/email"));
        Files.writeString(email.resolve("partner-optouts.txt"), "listed@example.us\n");
        gw = RunningGateway.start(dir, Map.of(), new MutableClock(NOW));
        crm = gw.key("crm", "INTEGRATION");
        compliance = gw.key("officer", "COMPLIANCE");
        assertThat(gw.post("/api/v1/suppressions", compliance,
                "{\"type\":\"EMAIL\",\"value\":\"unsubscribed@example.us\",\"reason\":\"UNSUBSCRIBE\"}").status())
                .isEqualTo(201);
        assertThat(gw.post("/api/v1/leads", crm, "{\"id\":\"de-lead\",\"email\":\"anna@firma.example\","
                + "\"firstName\":\"Anna\",\"country\":\"DE\",\"owner\":\"rep-1\"}").status()).isEqualTo(201);
        assertThat(gw.post("/api/v1/leads", crm, "{\"id\":\"fl-lead\",\"phone\":\"305-555-0150\",\"region\":\"FL\","
                + "\"source\":\"REFERRAL\",\"createdAt\":\"2026-11-01T15:00:00Z\",\"owner\":\"rep-1\"}").status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static Reply batch(String query, String contentType, String body) {
        return gw.call("POST", "/api/v1/checks/batch" + query, crm, body, "Content-Type", contentType);
    }

    private static List<JsonNode> lines(Reply r) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static List<String> rules(JsonNode decision, String field) {
        List<String> out = new ArrayList<>();
        decision.path(field).forEach(n -> out.add(n.isTextual() ? n.asText() : n.path("rule").asText()));
        return out;
    }

    @Test
    void everyRowIsJudgedAsTheSingleCheckJudgesTheSameInput() throws Exception {
        List<String> rows = List.of(
                "{\"channel\":\"EMAIL\",\"email\":\"listed@example.us\",\"purpose\":\"COMMERCIAL\"}",
                "{\"channel\":\"EMAIL\",\"email\":\"Unsubscribed@Example.us\",\"purpose\":\"COMMERCIAL\"}",
                "{\"channel\":\"EMAIL\",\"email\":\"fresh@example.us\",\"purpose\":\"COMMERCIAL\"}",
                "{\"channel\":\"EMAIL\",\"leadId\":\"de-lead\",\"purpose\":\"COMMERCIAL\"}",
                "{\"channel\":\"EMAIL\",\"leadId\":\"de-lead\",\"purpose\":\"TRANSACTIONAL\"}",
                "{\"channel\":\"CALL\",\"phone\":\"305-555-0101\",\"purpose\":\"TELEMARKETING\"}",
                "{\"channel\":\"CALL\",\"leadId\":\"fl-lead\",\"purpose\":\"TELEMARKETING\",\"at\":\"2026-11-26T01:30:00Z\"}",
                "{\"channel\":\"CALL\",\"leadId\":\"fl-lead\",\"purpose\":\"TELEMARKETING\"}",
                "{\"channel\":\"SMS\",\"phone\":\"+13055550199\",\"purpose\":\"INFORMATIONAL\"}",
                "{\"channel\":\"EMAIL\",\"leadId\":\"no-such-lead\",\"purpose\":\"COMMERCIAL\"}",
                "{\"channel\":\"CALL\",\"leadId\":\"no-such-lead\",\"purpose\":\"TELEMARKETING\"}");

        List<JsonNode> results = lines(batch("?at=" + AT, "application/x-ndjson", String.join("\n", rows) + "\n"));

        assertThat(results).hasSize(rows.size() + 1);
        List<String> verdicts = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode got = results.get(i);
            assertThat(got.path("line").asLong()).isEqualTo(i + 1);
            ObjectNode single = (ObjectNode) JSON.readTree(rows.get(i));
            if (!single.has("at")) {
                single.put("at", AT);
            }
            Reply expected = gw.post("/api/v1/checks", crm, single.toString());
            if (expected.status() == 200) {
                assertThat(got.path("decision").asText()).as("line %d: %s", i + 1, got)
                        .isEqualTo(expected.text("decision"));
                assertThat(rules(got, "blockingRules")).as("line %d", i + 1).isEqualTo(rules(expected.json(), "reasons"));
                assertThat(got.path("nextAllowedAt").asText(null)).as("line %d", i + 1)
                        .isEqualTo(expected.text("nextAllowedAt"));
                assertThat(got.path("recipient").asText()).isEqualTo(expected.text("recipient"));
                verdicts.add(got.path("decision").asText() + rules(got, "blockingRules"));
            } else {
                assertThat(expected.status()).as(expected.body()).isBetween(400, 499);
                assertThat(got.path("error").path("field").asText()).as("line %d: %s", i + 1, got)
                        .isEqualTo(expected.json().path("errors").get(0).path("field").asText());
                verdicts.add("ERROR " + got.path("error").path("field").asText());
            }
        }
        // the mix covers what it claims to: list and runtime suppressions, GDPR, registry, calling hours, unknown lead
        assertThat(verdicts).containsExactly("BLOCK[canspam.suppression]", "BLOCK[canspam.suppression]", "ALLOW[]",
                "BLOCK[gdpr.lawful-basis]", "ALLOW[]", "BLOCK[tcpa.national-dnc, tcpa.consent]",
                "BLOCK[tcpa.consent, state.calling-hours]", verdicts.get(7),
                verdicts.get(8), "ERROR leadId", "ERROR leadId");
    }

    @Test
    void anOptOutAcknowledgedBetweenTwoBatchesBlocksItsRowInTheSecond() throws Exception {
        String csv = "email\nfiller1@example.us\nlate-optout@example.us\nfiller2@example.us\n";
        String query = "?channel=EMAIL&purpose=COMMERCIAL&at=" + AT;
        assertThat(lines(batch(query, "text/csv", csv)).get(1).path("decision").asText()).isEqualTo("ALLOW");

        assertThat(gw.post("/api/v1/suppressions", compliance,
                "{\"type\":\"EMAIL\",\"value\":\"late-optout@example.us\",\"reason\":\"UNSUBSCRIBE\"}").status())
                .isEqualTo(201);

        List<JsonNode> after = lines(batch(query, "text/csv", csv));
        assertThat(after.get(1).path("decision").asText()).isEqualTo("BLOCK");
        assertThat(rules(after.get(1), "blockingRules")).containsExactly("canspam.suppression");
        assertThat(after.get(0).path("decision").asText()).isEqualTo("ALLOW");
    }

    @Test
    void aCsvWithQueryDefaultsIsJudgedRowByRowInItsOwnLineNumbers() throws Exception {
        String csv = "First Name,Email,Company\n"
                + "Ann,listed@example.us,Acme\n"
                + "\n"
                + "Bob,bob@example.us,\"Bob, Inc.\"\n";

        List<JsonNode> results = lines(batch("?channel=EMAIL&purpose=COMMERCIAL&at=" + AT, "text/csv", csv));

        assertThat(results).hasSize(3);
        assertThat(results.get(0).toString()).isEqualTo("{\"line\":2,\"recipient\":\"listed@example.us\","
                + "\"decision\":\"BLOCK\",\"blockingRules\":[\"canspam.suppression\"],\"nextAllowedAt\":null}");
        assertThat(results.get(1).toString()).isEqualTo("{\"line\":4,\"recipient\":\"bob@example.us\","
                + "\"decision\":\"ALLOW\",\"blockingRules\":[],\"nextAllowedAt\":null}");
        assertThat(results.get(2).path("trailer").path("rows").asLong()).isEqualTo(2);
    }

    @Test
    void aLineOverridesTheDefaultsAndDetailFullAddsTheWholeEvaluation() throws Exception {
        String body = "{\"email\":\"fresh@example.us\"}\n{\"email\":\"fresh@example.us\",\"purpose\":\"TRANSACTIONAL\"}\n";

        List<JsonNode> results = lines(batch("?channel=EMAIL&purpose=COMMERCIAL&detail=full&at=" + AT,
                "application/x-ndjson", body));

        assertThat(results.get(0).path("evaluation").path("evaluated").size()).isGreaterThan(3);
        assertThat(results.get(0).path("evaluation").path("dryRun").asBoolean()).isTrue();
        assertThat(results.get(0).path("evaluation").path("evaluated").findValuesAsText("rule"))
                .contains("canspam.suppression");
        assertThat(results.get(1).path("evaluation").path("evaluated").toString())
                .contains("transactional");
    }

    @Test
    void aCallListScrubbedForManualDialingIsJudgedAsManualCallsAndOtherwiseAsAutodialed() throws Exception {
        String csv = "phone\n305-555-0101\n305-555-0177\n";
        String query = "?channel=CALL&purpose=TELEMARKETING&at=" + AT;

        List<JsonNode> manual = lines(batch(query + "&dialer=MANUAL", "text/csv", csv));
        List<JsonNode> unstated = lines(batch(query, "text/csv", csv));

        assertThat(manual.subList(0, 2)).extracting(n -> n.path("decision").asText() + rules(n, "blockingRules"))
                .containsExactly("BLOCK[tcpa.national-dnc]", "ALLOW[]");
        assertThat(unstated.subList(0, 2)).extracting(n -> n.path("decision").asText() + rules(n, "blockingRules"))
                .containsExactly("BLOCK[tcpa.national-dnc, tcpa.consent]", "BLOCK[tcpa.consent]");
        for (String dialer : List.of("MANUAL", "AUTODIALED")) {
            Reply single = gw.post("/api/v1/checks", crm, "{\"channel\":\"CALL\",\"phone\":\"305-555-0177\","
                    + "\"purpose\":\"TELEMARKETING\",\"dialer\":\"" + dialer + "\",\"at\":\"" + AT + "\"}");
            List<JsonNode> row = lines(batch(query, "application/x-ndjson", "{\"phone\":\"305-555-0177\",\"dialer\":\""
                    + dialer + "\"}\n"));
            assertThat(row.get(0).path("decision").asText()).as(dialer).isEqualTo(single.text("decision"));
            assertThat(rules(row.get(0), "blockingRules")).as(dialer).isEqualTo(rules(single.json(), "reasons"));
        }
        JsonNode audit = gw.get("/api/v1/audit?kind=BATCH_CHECK&limit=1000", compliance).json().path("entries");
        String auditId = manual.get(2).path("trailer").path("auditId").asText();
        for (JsonNode e : audit) {
            if (e.path("id").asText().equals(auditId)) {
                assertThat(e.path("detail").path("defaults").path("dialer").asText()).isEqualTo("MANUAL");
            }
        }
        assertThat(audit.findValuesAsText("id")).contains(auditId);
    }

    @Test
    void aDialerOnATextOrAnUnknownDialerIsAnErrorNamingTheFieldAndABadDefaultIsRefused() throws Exception {
        String body = String.join("\n",
                "{\"channel\":\"SMS\",\"phone\":\"305-555-0177\",\"purpose\":\"INFORMATIONAL\",\"dialer\":\"MANUAL\"}",
                "{\"channel\":\"CALL\",\"phone\":\"305-555-0177\",\"purpose\":\"INFORMATIONAL\",\"dialer\":\"ROBOT\"}",
                "{\"channel\":\"SMS\",\"phone\":\"305-555-0177\",\"purpose\":\"INFORMATIONAL\"}") + "\n";

        List<JsonNode> results = lines(batch("?dialer=MANUAL&at=" + AT, "application/x-ndjson", body));

        assertThat(results.subList(0, 2)).extracting(n -> n.path("error").path("field").asText() + ": "
                + n.path("error").path("detail").asText())
                .containsExactly("dialer: applies to calls only", "dialer: must be one of [MANUAL, AUTODIALED, PRERECORDED]");
        assertThat(results.get(2).path("error").isMissingNode()).as("the default dialer applies to calls only")
                .isTrue();
        Reply refused = batch("?channel=CALL&purpose=TELEMARKETING&dialer=robot", "text/csv", "phone\n305-555-0177\n");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("dialer");
    }

    @Test
    void brokenRowsAreReportedByLineAndFieldAndTheRestIsStillJudged() throws Exception {
        String body = String.join("\n",
                "{\"channel\":\"EMAIL\",\"email\":\"ok@example.us\",\"purpose\":\"COMMERCIAL\"}",
                "{\"channel\":\"EMAIL\",\"email\":",
                "{\"channel\":\"CALL\",\"phone\":\"12\",\"purpose\":\"TELEMARKETING\"}",
                "{\"channel\":\"EMAIL\",\"email\":\"not an address\",\"purpose\":\"COMMERCIAL\"}",
                "{\"channel\":\"FAX\",\"email\":\"ok@example.us\",\"purpose\":\"COMMERCIAL\"}",
                "{\"channel\":\"EMAIL\",\"email\":\"ok@example.us\",\"purpose\":\"COMMERCIAL\",\"at\":\"tomorrow\"}",
                "[1,2]",
                "{\"channel\":\"EMAIL\",\"email\":\"ok@example.us\",\"purpose\":\"COMMERCIAL\"}") + "\n";

        List<JsonNode> results = lines(batch("?at=" + AT, "application/x-ndjson", body));

        assertThat(results.get(0).path("decision").asText()).isEqualTo("ALLOW");
        assertThat(results.subList(1, 7)).extracting(n -> n.path("line").asInt() + ":" + n.path("error").path("field").asText())
                .containsExactly("2:line", "3:phone", "4:email", "5:channel", "6:at", "7:line");
        assertThat(results.get(3).path("error").path("detail").asText()).doesNotContain("not an address");
        assertThat(results.get(7).path("line").asInt()).isEqualTo(8);
        assertThat(results.get(7).path("decision").asText()).isEqualTo("ALLOW");
        JsonNode trailer = results.get(8).path("trailer");
        assertThat(trailer.path("errors").asLong()).isEqualTo(6);
        assertThat(trailer.path("allowed").asLong()).isEqualTo(2);
    }

    @Test
    void theBatchIsOneAuditEntryNamingInputAndResultByTheirSha256AndCountingOutcomesAndRules() throws Exception {
        String body = "email\nlisted@example.us\nfresh@example.us\nunsubscribed@example.us\nbroken@\n";
        Reply r = batch("?channel=EMAIL&purpose=COMMERCIAL&at=" + AT, "text/csv", body);
        assertThat(r.status()).isEqualTo(200);
        int trailerStart = r.body().lastIndexOf("{\"trailer\"");
        JsonNode trailer = JSON.readTree(r.body().substring(trailerStart)).path("trailer");
        String resultSha = sha256(r.body().substring(0, trailerStart));
        assertThat(trailer.path("resultSha256").asText()).isEqualTo(resultSha);
        assertThat(trailer.path("inputSha256").asText()).isEqualTo(sha256(body));

        JsonNode entries = gw.get("/api/v1/audit?kind=BATCH_CHECK&limit=100", compliance).json().path("entries");
        JsonNode entry = null;
        for (JsonNode e : entries) {
            if (e.path("id").asText().equals(trailer.path("auditId").asText())) {
                entry = e;
            }
        }
        assertThat(entry).as(entries.toString()).isNotNull();
        String crmKeyId = null;
        for (JsonNode k : gw.get("/api/v1/keys", RunningGateway.ADMIN_KEY).json().path("keys")) {
            crmKeyId = k.path("name").asText().equals("crm") ? k.path("id").asText() : crmKeyId;
        }
        assertThat(entry.path("actor").asText()).isEqualTo("crm (INTEGRATION, key:" + crmKeyId + ")");
        JsonNode detail = entry.path("detail");
        assertThat(detail.path("inputSha256").asText()).isEqualTo(sha256(body));
        assertThat(detail.path("resultSha256").asText()).isEqualTo(resultSha);
        assertThat(detail.path("rows").asLong()).isEqualTo(4);
        assertThat(detail.path("outcomes").toString()).isEqualTo("{\"ALLOW\":1,\"BLOCK\":2,\"ERROR\":1}");
        assertThat(detail.path("rules").toString()).isEqualTo("{\"canspam.suppression\":2}");
        assertThat(detail.path("policyVersion").asText()).isNotBlank();
        assertThat(detail.path("lists").findValuesAsText("name")).contains("email/partner-optouts.txt");
        assertThat(detail.path("nationalDncRegistry").path("numbers").asLong()).isEqualTo(2);
        assertThat(detail.toString()).doesNotContain("listed@example.us");
        long checksBefore = gw.get("/api/v1/audit?kind=CHECK&limit=1000", compliance).json().path("entries").size();
        batch("?channel=EMAIL&purpose=COMMERCIAL&at=" + AT, "text/csv", body);
        assertThat(gw.get("/api/v1/audit?kind=CHECK&limit=1000", compliance).json().path("entries").size())
                .as("rows are not audited one by one").isEqualTo(checksBefore);
    }

    @Test
    void aBodyThatIsNeitherNdjsonNorCsvIsRefusedWith415AndACsvWithoutRecipientColumnWith400() {
        Reply json = batch("", "application/json", "{\"email\":\"a@example.us\"}");
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.contentType()).startsWith("application/problem+json");
        assertThat(json.json().path("errors").get(0).path("field").asText()).isEqualTo("Content-Type");

        Reply noColumn = batch("?channel=EMAIL", "text/csv", "name,company\nAnn,Acme\n");
        assertThat(noColumn.status()).isEqualTo(400);
        assertThat(noColumn.json().path("errors").get(0).path("field").asText()).isEqualTo("body");

        Reply badDefault = batch("?channel=FAX", "text/csv", "email\na@example.us\n");
        assertThat(badDefault.status()).isEqualTo(400);
        assertThat(badDefault.json().path("errors").get(0).path("field").asText()).isEqualTo("channel");
    }

    @Test
    void aRepKeyMayNotScrubLists() {
        String rep = gw.key("rep-batch", "REP");
        Reply r = gw.call("POST", "/api/v1/checks/batch", rep, "email\na@example.us\n", "Content-Type", "text/csv");
        assertThat(r.status()).isEqualTo(403);
    }

    /**
     * 100,000 rows over a raw socket: the first results must arrive while most of the input has not
     * been sent yet, so neither the input nor the output is buffered whole. (The bound on the reader
     * is generous: on a shared 2-core machine each row's fact queries make this take minutes.)
     */
    @Test
    void aLargeBatchIsAnsweredWhileItsInputIsStillArriving() throws Exception {
        int rows = 100_000;
        int firstPart = 10_000;
        StringBuilder head = new StringBuilder("email\n");
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            (i < firstPart ? head : tail).append("user").append(i).append(i % 1000 == 0 ? "@\n" : "@example.us\n");
        }
        byte[] first = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] rest = tail.toString().getBytes(StandardCharsets.UTF_8);
        CountDownLatch answered = new CountDownLatch(1);
        AtomicLong received = new AtomicLong();
        AtomicReference<String> problem = new AtomicReference<>();
        AtomicReference<String> lastLine = new AtomicReference<>();
        try (Socket socket = new Socket("127.0.0.1", gw.server.port())) {
            Thread reader = new Thread(() -> read(socket, answered, received, problem, lastLine));
            reader.start();
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/checks/batch?channel=EMAIL&purpose=COMMERCIAL&at=" + AT + " HTTP/1.0\r\n"
                    + "Authorization: Bearer " + crm + "\r\nContent-Type: text/csv\r\nContent-Length: "
                    + (first.length + rest.length) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(first);
            out.flush();
            assertThat(answered.await(120, TimeUnit.SECONDS)).as("results before the rest of the input").isTrue();
            assertThat(received.get()).isLessThan(rows);
            out.write(rest);
            out.flush();
            reader.join(TimeUnit.MINUTES.toMillis(20));
            assertThat(reader.isAlive()).as("the whole answer arrived").isFalse();
        }
        assertThat(problem.get()).isNull();
        assertThat(received.get()).isEqualTo(rows);
        JsonNode trailer = JSON.readTree(lastLine.get()).path("trailer");
        assertThat(trailer.path("rows").asLong()).isEqualTo(rows);
        assertThat(trailer.path("errors").asLong()).isEqualTo(rows / 1000); // every thousandth address has no domain
    }

    /** Reads the close-delimited HTTP/1.0 answer, checking that result lines come in input order. */
    private static void read(Socket socket, CountDownLatch answered, AtomicLong received,
                             AtomicReference<String> problem, AtomicReference<String> lastLine) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            String status = in.readLine();
            if (status == null || !status.contains(" 200 ")) {
                problem.set("status " + status);
                answered.countDown();
                return;
            }
            while (!in.readLine().isEmpty()) {
                // headers
            }
            long expectedLine = 2;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("{\"trailer\"")) {
                    lastLine.set(line);
                    continue;
                }
                String prefix = "{\"line\":" + expectedLine + ",";
                if (!line.startsWith(prefix) && problem.get() == null) {
                    problem.set("expected line " + expectedLine + " but got " + line);
                }
                expectedLine++;
                received.incrementAndGet();
                answered.countDown();
            }
        } catch (Exception e) {
            problem.set(e.toString());
            answered.countDown();
        }
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
