package dev.outreach.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.Main;
import dev.outreach.config.ConfigKey;
import dev.outreach.testing.MutableClock;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/reports/*} over the real server: leads created and moved through the API, one
 * thank-you sent and one blocked by an unsubscribe, on a fixed clock around the weekend of
 * 28-29 November 2026 and the holiday on Monday 30 November. Now is Tuesday 1 December 12:00 UTC.
 */
class ReportsApiTest {

    @TempDir
    static Path dir;

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-27T11:00:00Z"));
    private static RunningGateway gw;
    private static String integration;
    private static String compliance;
    private static String repA;
    private static String repB;

    @BeforeAll
    static void start() {
        gw = RunningGateway.start(dir, Map.of(ConfigKey.CALENDAR_HOLIDAYS, "2026-11-30"), CLOCK);
        integration = gw.key("crm-sync", "INTEGRATION");
        compliance = gw.key("compliance-officer", "COMPLIANCE");
        repA = gw.key("rep-a", "REP");
        repB = gw.key("rep-b", "REP");

        // Friday 27 November 11:00.
        lead("api-lg-1", "rep-a", "2026-11-27T10:00:00Z", false);
        lead("api-lg-sent", "rep-a", "2026-11-27T10:00:00Z", false);
        lead("api-lg-blocked", "rep-a", "2026-11-27T10:00:00Z", false);
        lead("api-neg", "rep-b", "2026-11-02T09:00:00Z", false);
        move("api-neg", "NEGOTIATION", null, "2026-11-23T09:00:00Z");
        lead("api-won", "rep-a", "2026-11-02T09:00:00Z", true);
        move("api-won", "CLOSING", null, "2026-11-16T09:00:00Z");
        move("api-won", "CLOSING", "WON", "2026-11-18T09:00:00Z");
        move("api-won", "POST_SALE", null, "2026-11-20T09:00:00Z");
        lead("api-lost", "rep-b", "2026-11-02T09:00:00Z", true);
        move("api-lost", "LEAD_GENERATION", "LOST", "2026-11-03T09:00:00Z");

        Reply suppressed = gw.post("/api/v1/suppressions", compliance, "{\"type\":\"EMAIL\",\"value\":"
                + "\"api-lg-blocked@example.com\",\"reason\":\"UNSUBSCRIBE\",\"source\":\"test\"}");
        assertThat(suppressed.status()).as(suppressed.body()).isEqualTo(201);
        Reply sent = thankYou("api-lg-sent");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        Reply blocked = thankYou("api-lg-blocked");
        assertThat(blocked.status()).as(blocked.body()).isEqualTo(200);
        assertThat(blocked.text("decision")).isEqualTo("BLOCK");

        // Tuesday 1 December 12:00, after the weekend and the holiday.
        CLOCK.advance(Duration.between(CLOCK.instant(), Instant.parse("2026-12-01T12:00:00Z")));
        lead("api-lg-2", "rep-b", "2026-12-01T09:00:00Z", false);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void theFollowUpQueueListsWhatEachLeadIsOwedWithDeadlinesInBusinessTime() {
        Reply r = gw.get("/api/v1/reports/follow-ups", integration);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.text("asOf")).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(r.json().path("total").asInt()).isEqualTo(5);
        assertThat(rows(r.json().path("followUps"), "leadId", "status", "deadline")).containsExactly(
                "api-neg overdue 2026-11-26T09:00:00Z",
                "api-lg-1 overdue 2026-12-01T10:00:00Z",
                "api-lg-blocked overdue 2026-12-01T10:00:00Z",
                "api-lg-2 due 2026-12-02T09:00:00Z",
                "api-won due 2026-12-21T09:00:00Z");
        JsonNode first = r.json().path("followUps").get(1);
        assertThat(first.path("template").asText()).isEqualTo("lead-generation-thank-you");
        assertThat(first.path("channel").asText()).isEqualTo("EMAIL");
        assertThat(first.path("owner").asText()).isEqualTo("rep-a");
        assertThat(first.path("overdueBy").asText()).isEqualTo("PT2H");
        assertThat(first.path("blocked").isNull()).isTrue();
    }

    @Test
    void aBlockedSendDoesNotCountAndTheQueueShowsTheRuleThatBlockedIt() {
        JsonNode blocked = gw.get("/api/v1/reports/follow-ups?status=overdue", integration).json()
                .path("followUps").get(2);

        assertThat(blocked.path("leadId").asText()).isEqualTo("api-lg-blocked");
        assertThat(blocked.path("blocked").path("rules").get(0).asText()).isEqualTo("canspam.suppression");
        assertThat(blocked.path("blocked").path("at").asText()).isEqualTo("2026-11-27T11:00:00Z");
        assertThat(blocked.path("blocked").path("nextAllowedAt").isNull()).as("lifts only with the suppression").isTrue();
        assertThat(blocked.path("blocked").path("auditId").asText()).isNotBlank();
        assertThat(blocked.path("overdueBecauseOfBlock").asBoolean()).isTrue();
    }

    @Test
    void aRepSeesOnlyItsOwnFollowUpsAndMayNotAskForAnothersAndStatusFilters() {
        assertThat(rows(gw.get("/api/v1/reports/follow-ups", repA).json().path("followUps"), "leadId"))
                .containsExactly("api-lg-1", "api-lg-blocked", "api-won");
        assertThat(rows(gw.get("/api/v1/reports/follow-ups?status=due", repB).json().path("followUps"), "leadId"))
                .containsExactly("api-lg-2");
        assertThat(gw.get("/api/v1/reports/follow-ups?owner=rep-b", repA).status()).isEqualTo(403);
        assertThat(gw.get("/api/v1/reports/follow-ups?owner=rep-a", repA).status()).isEqualTo(200);
        assertThat(rows(gw.get("/api/v1/reports/follow-ups?owner=rep-b", integration).json().path("followUps"),
                "leadId")).containsExactly("api-neg", "api-lg-2");
        assertThat(rows(gw.get("/api/v1/reports/follow-ups?status=overdue&owner=rep-b", compliance).json()
                .path("followUps"), "leadId")).containsExactly("api-neg");
        Reply limited = gw.get("/api/v1/reports/follow-ups?limit=2", integration);
        assertThat(limited.json().path("followUps").size()).isEqualTo(2);
        assertThat(limited.json().path("total").asInt()).isEqualTo(5);
        assertThat(limited.json().path("truncated").asBoolean()).isTrue();
    }

    @Test
    void theFunnelCountsEachStageAndTheCloseRate() {
        Reply r = gw.get("/api/v1/reports/funnel?from=2026-11-01&to=2026-12-01T00:00:00Z", integration);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.text("from")).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(r.text("to")).isEqualTo("2026-12-01T00:00:00Z");
        JsonNode lg = r.json().path("stages").get(0);
        assertThat(lg.path("stage").asText()).isEqualTo("LEAD_GENERATION");
        assertThat(lg.path("entered").asInt()).as("all but api-lg-2, created 1 Dec").isEqualTo(6);
        assertThat(lg.path("current").asInt()).as("api-lg-1, -sent, -blocked, -2").isEqualTo(4);
        assertThat(lg.path("movedOn").asInt()).as("api-neg, api-won").isEqualTo(2);
        assertThat(lg.path("lost").asInt()).isEqualTo(1);
        assertThat(lg.path("conversionRate").asDouble()).isEqualTo(0.3333);
        assertThat(lg.path("medianTimeInStage").asText()).as("1, 14 and 21 days").isEqualTo("PT336H");
        assertThat(lg.path("touches").asInt()).isEqualTo(2);
        assertThat(lg.path("blockedTouches").asInt()).isEqualTo(1);
        assertThat(lg.path("byChannel").path("EMAIL").path("blockedTouches").asInt()).isEqualTo(1);
        JsonNode closing = r.json().path("stages").get(5);
        assertThat(closing.path("entered").asInt()).isEqualTo(1);
        assertThat(closing.path("movedOn").asInt()).isEqualTo(1);
        assertThat(closing.path("conversionRate").asDouble()).isEqualTo(1.0);
        assertThat(closing.path("medianTimeInStage").asText()).isEqualTo("PT96H");
        assertThat(r.json().path("stages").get(6).path("conversionRate").isNull()).isTrue();
        JsonNode close = r.json().path("closeRate");
        assertThat(close.path("cohort").asInt()).isEqualTo(6);
        assertThat(close.path("qualifiedProspects").asInt()).as("api-won, api-lost").isEqualTo(2);
        assertThat(close.path("won").asInt()).isEqualTo(1);
        assertThat(close.path("closeRate").asDouble()).isEqualTo(0.5);
        assertThat(r.json().path("touches").path("touches").asInt()).isEqualTo(2);
    }

    @Test
    void aRepsFunnelIsItsOwnLeads() {
        Reply r = gw.get("/api/v1/reports/funnel?from=2026-11-01&to=2026-12-01", repA);

        assertThat(r.text("owner")).isEqualTo("rep-a");
        JsonNode lg = r.json().path("stages").get(0);
        assertThat(lg.path("entered").asInt()).isEqualTo(4);
        assertThat(lg.path("current").asInt()).isEqualTo(3);
        assertThat(lg.path("movedOn").asInt()).isEqualTo(1);
        assertThat(r.json().path("closeRate").path("closeRate").asDouble()).isEqualTo(1.0);
        assertThat(gw.get("/api/v1/reports/funnel?owner=rep-b", repA).status()).isEqualTo(403);
    }

    @Test
    void theComplianceReportIsForComplianceOnly() {
        Reply r = gw.get("/api/v1/reports/compliance?from=2026-11-01&to=2026-12-01", compliance);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("decisions").path("decisions").asInt()).isEqualTo(2);
        assertThat(r.json().path("decisions").path("blocked").asInt()).isEqualTo(1);
        assertThat(r.json().path("decisionsByChannel").path("EMAIL").path("allowed").asInt()).isEqualTo(1);
        assertThat(r.json().path("decisionsByChannel").path("CALL").path("decisions").asInt()).isZero();
        assertThat(r.json().path("blocksByRule").get(0).path("rule").asText()).isEqualTo("canspam.suppression");
        assertThat(r.json().path("blocksByRule").get(0).path("blocks").asInt()).isEqualTo(1);
        assertThat(r.json().path("topBlockedReasons").get(0).path("rule").asText()).isEqualTo("canspam.suppression");
        assertThat(r.json().path("followUpsOverdueBecauseOfBlock").path("count").asInt()).isEqualTo(1);
        assertThat(r.json().path("followUpsOverdueBecauseOfBlock").path("followUps").get(0).path("leadId").asText())
                .isEqualTo("api-lg-blocked");

        assertThat(gw.get("/api/v1/reports/compliance", repA).status()).isEqualTo(403);
        assertThat(gw.get("/api/v1/reports/compliance", integration).status()).isEqualTo(403);
        assertThat(gw.get("/api/v1/reports/compliance", null).status()).isEqualTo(401);
        assertThat(gw.get("/api/v1/reports/funnel", compliance).status()).isEqualTo(200);
    }

    @Test
    void everyReportExportsAsCsvByAcceptHeaderOrFormatParameter() {
        Reply byHeader = gw.call("GET", "/api/v1/reports/funnel?from=2026-11-01&to=2026-12-01", integration, null,
                "Accept", "text/csv");
        assertThat(byHeader.status()).isEqualTo(200);
        assertThat(byHeader.contentType()).startsWith("text/csv");
        String[] lines = byHeader.body().split("\r\n");
        assertThat(lines).hasSize(9);
        assertThat(lines[0]).startsWith("stage,entered,current,moved_on,lost,conversion_rate,median_time_in_stage,");
        assertThat(lines[1]).isEqualTo("LEAD_GENERATION,6,4,2,1,0.3333,PT336H,3,2,1,2,1,0,0,0,0,,,,,,");
        assertThat(lines[8]).isEqualTo("ALL,,,,,,,,2,1,2,1,0,0,0,0,0,6,2,1,0,0.5");

        Reply followUps = gw.get("/api/v1/reports/follow-ups?format=csv", repA);
        assertThat(followUps.contentType()).startsWith("text/csv");
        assertThat(followUps.body().split("\r\n")).hasSize(4);
        assertThat(followUps.body().split("\r\n")[2]).startsWith("api-lg-blocked,rep-a,LEAD_GENERATION,"
                + "lead-generation-thank-you,EMAIL,2026-11-27T10:00:00Z,,2026-12-01T10:00:00Z,overdue,PT2H,"
                + "2026-11-27T11:00:00Z,canspam.suppression,,");

        Reply complianceCsv = gw.get("/api/v1/reports/compliance?format=csv&from=2026-11-01", compliance);
        assertThat(complianceCsv.body()).startsWith("section,name,detail,value\r\ndecisions,ALL,total,2\r\n")
                .contains("blocks_by_rule,canspam.suppression,,1\r\n")
                .contains("overdue_because_of_block,api-lg-blocked,canspam.suppression,2026-12-01T10:00:00Z\r\n");

        Reply json = gw.call("GET", "/api/v1/reports/funnel?format=json", integration, null, "Accept", "text/csv");
        assertThat(json.contentType()).as("the parameter wins").startsWith("application/json");
    }

    @Test
    void badParametersAreFourHundredsNamingTheParameter() {
        assertProblem(gw.get("/api/v1/reports/follow-ups?status=late", integration), 400, "status");
        assertProblem(gw.get("/api/v1/reports/funnel?from=last-week", integration), 400, "from");
        assertProblem(gw.get("/api/v1/reports/funnel?from=2026-12-01&to=2026-11-01", integration), 400, "to");
        assertProblem(gw.get("/api/v1/reports/compliance?to=2026-13-01", compliance), 400, "to");
        assertProblem(gw.get("/api/v1/reports/funnel?format=xml", integration), 400, "format");
        assertProblem(gw.get("/api/v1/reports/follow-ups?limit=0", integration), 400, "limit");
    }

    @Test
    void theReportCommandPrintsAReadableTable() throws Exception {
        Path config = dir.resolve("cli.yaml");
        Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\ntemplates:\n  dir: "
                + Path.of("templates").toAbsolutePath() + "\nlists:\n  dir: " + dir.resolve("lists")
                + "\ncalendar:\n  holidays: 2026-11-30\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int code = cli.execute("report", "funnel", "--config", config.toString(), "--from", "2026-11-01",
                "--to", "2026-12-01");

        assertThat(code).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("Funnel from 2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z");
        assertThat(text.lines().filter(l -> l.startsWith("LEAD_GENERATION")).findFirst().orElseThrow()
                .split("\\s+")).containsExactly("LEAD_GENERATION", "6", "4", "2", "1", "33.3", "%", "14d", "0h", "0m",
                "2", "1");
        assertThat(text).contains("Close rate: 50 % (1 won of 2 qualified prospects meeting 5/5 criteria");

        StringWriter csv = new StringWriter();
        cli.setOut(new PrintWriter(csv));
        assertThat(cli.execute("report", "compliance", "--config", config.toString(), "--format", "csv")).isZero();
        assertThat(csv.toString()).startsWith("section,name,detail,value\r\n");

        assertThat(cli.execute("report", "follow-ups", "--config", config.toString(), "--status", "late"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--status must be due or overdue");
    }

    // ---- helpers ----

    private static void lead(String id, String owner, String createdAt, boolean qualified) {
        String q = qualified ? ",\"qualification\":{\"need\":true,\"budget\":true,\"authority\":true,"
                + "\"timeline\":true,\"fit\":true}" : "";
        Reply r = gw.post("/api/v1/leads", integration, "{\"id\":\"" + id + "\",\"email\":\"" + id
                + "@example.com\",\"firstName\":\"Ann\",\"company\":\"Globex\",\"country\":\"US\",\"owner\":\"" + owner
                + "\",\"createdAt\":\"" + createdAt + "\"" + q + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static void move(String id, String stage, String outcome, String at) {
        Reply r = gw.post("/api/v1/leads/" + id + "/stage", integration, "{\"stage\":\"" + stage + "\",\"at\":\"" + at
                + "\"" + (outcome == null ? "" : ",\"outcome\":\"" + outcome + "\"") + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static Reply thankYou(String leadId) {
        return gw.post("/api/v1/emails", integration, "{\"leadId\":\"" + leadId
                + "\",\"template\":\"lead-generation-thank-you\",\"data\":{\"repName\":\"Sam Carter\"}}");
    }

    private static List<String> rows(JsonNode array, String... fields) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            List<String> values = new ArrayList<>();
            for (String f : fields) {
                values.add(n.path(f).asText());
            }
            out.add(String.join(" ", values));
        }
        return out;
    }

    private static void assertProblem(Reply r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
    }
}
