package dev.outreach.report;

import dev.outreach.lead.Stage;
import dev.outreach.policy.Channel;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;


import static org.assertj.core.api.Assertions.assertThat;

/** CSV cells, the follow-up and compliance layouts, the text tables, and the shared arithmetic. */
class CsvReportWriterTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void cellsAreQuotedWhenNeededAndFormulasAreDefused() {
        assertThat(one(null)).isEmpty();
        assertThat(one("plain")).isEqualTo("plain");
        assertThat(one("a plain value longer than twenty-four characters")).doesNotStartWith("\"");
        assertThat(one("Acme, Inc.")).isEqualTo("\"Acme, Inc.\"");
        assertThat(one("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(one("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(one("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(one("+1 555")).isEqualTo("'+1 555");
        assertThat(one("@rep")).isEqualTo("'@rep");
        assertThat(one(0.0001)).isEqualTo("0.0001");
        assertThat(one(1.0)).isEqualTo("1");
        assertThat(one(42L)).isEqualTo("42");
        assertThat(one(Duration.ofHours(36))).isEqualTo("PT36H");
        assertThat(one(NOW)).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(one(Stage.CLOSING)).isEqualTo("CLOSING");
        assertThat(CsvReportWriter.line(java.util.Arrays.asList("a", null, "b,c"))).isEqualTo("a,,\"b,c\"\r\n");
    }

    /** One cell written as a record, without its line end. */
    private static String one(Object value) {
        String line = CsvReportWriter.line(java.util.Collections.singletonList(value));
        assertThat(line).endsWith("\r\n");
        return line.substring(0, line.length() - 2);
    }

    @Test
    void followUpsHaveOneRowEachWithTheBlockedAttempt() {
        StringWriter out = new StringWriter();
        new CsvReportWriter(out).followUps(List.of(blocked(), due()));
        String[] lines = out.toString().split("\r\n");

        assertThat(lines).containsExactly(
                "lead_id,owner,stage,template,channel,stage_entered_at,last_follow_up_at,deadline,status,overdue_by,"
                        + "blocked_at,blocked_by,next_allowed_at,audit_id,deadline_source",
                "N-2,rep-b,NEGOTIATION,negotiation-check-in,CALL,2026-11-23T09:00:00Z,,2026-11-26T09:00:00Z,overdue,"
                        + "PT123H,2026-11-25T22:00:00Z,tcpa.calling-hours;state.calling-hours,2026-11-26T14:00:00Z,"
                        + "a-1,followups.cadence.negotiation",
                "L-1,'=cmd,LEAD_GENERATION,lead-generation-thank-you,EMAIL,2026-12-01T09:00:00Z,,"
                        + "2026-12-02T09:00:00Z,due,,,,,,template lead-generation-thank-you");
    }

    @Test
    void theComplianceReportIsOneNumberPerRow() {
        ComplianceTally tally = new ComplianceTally(new ReportWindow(null, null, NOW));
        tally.decision(Channel.EMAIL, true, false, List.of(), List.of());
        tally.decision(Channel.CALL, false, false, List.of("tcpa.calling-hours"),
                List.of(new ComplianceTally.Finding("tcpa.calling-hours", "local time 21:14, allowed 08:00-21:00")));
        tally.decision(Channel.EMAIL, true, true, List.of(), List.of());
        StringWriter out = new StringWriter();
        new CsvReportWriter(out).compliance(tally.report(List.of(blocked()), new DeliveryRates(List.of())));

        assertThat(out.toString().split("\r\n")).containsExactly(
                "section,name,detail,value",
                "decisions,ALL,total,2", "decisions,ALL,allowed,1", "decisions,ALL,blocked,1",
                "decisions,ALL,block_rate,0.5",
                "decisions,EMAIL,total,1", "decisions,EMAIL,allowed,1", "decisions,EMAIL,blocked,0",
                "decisions,EMAIL,block_rate,0",
                "decisions,CALL,total,1", "decisions,CALL,allowed,0", "decisions,CALL,blocked,1",
                "decisions,CALL,block_rate,1",
                "decisions,SMS,total,0", "decisions,SMS,allowed,0", "decisions,SMS,blocked,0",
                "decisions,SMS,block_rate,",
                "blocks_by_rule,tcpa.calling-hours,,1",
                "top_blocked_reason,tcpa.calling-hours,\"local time <hh:mm>, allowed <hh:mm>-<hh:mm>\",1",
                "dry_run_checks,,,1",
                "overdue_because_of_block,N-2,tcpa.calling-hours;state.calling-hours,2026-11-26T09:00:00Z");
    }

    @Test
    void volatileDetailsAreMaskedSoAlikeBlocksGroup() {
        assertThat(ComplianceTally.maskVolatile("already went at 2026-11-10T10:00:00.123Z (window PT24H)"))
                .isEqualTo("already went at <time> (window PT24H)");
        assertThat(ComplianceTally.maskVolatile("3 touches in P7D; cap reached")).isEqualTo("<n> touches in P7D; cap reached");
        assertThat(ComplianceTally.maskVolatile(null)).isEmpty();
    }

    @Test
    void medianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(Rates.median(new long[] {5, 1, 3}, 3)).isEqualTo(Duration.ofMillis(3));
        assertThat(Rates.median(new long[] {4, 1, 3, 10}, 4)).isEqualTo(Duration.ofMillis(3));
        assertThat(Rates.median(new long[] {1, 4, 0, 0}, 2)).as("only the first count values").isEqualTo(Duration.ofMillis(2));
        assertThat(Rates.median(new long[0], 0)).isNull();
        assertThat(Rates.ratio(1, 3)).isEqualTo(0.3333);
        assertThat(Rates.ratio(2, 3)).isEqualTo(0.6667);
        assertThat(Rates.ratio(1, 0)).isNull();
    }

    @Test
    void textTablesAlignColumnsForATerminal() {
        String text = ReportText.followUps(List.of(blocked(), due()));

        assertThat(text.split("\n")).containsExactly(
                "2 follow-ups",
                "deadline              status   lead  owner  stage            template                   channel"
                        + "  blocked by                               can go at",
                "-----------------------------------------------------------------------------------------------------"
                        + "---------------------------------------------------------",
                "2026-11-26T09:00:00Z  OVERDUE  N-2   rep-b  NEGOTIATION      negotiation-check-in       CALL"
                        + "     tcpa.calling-hours, state.calling-hours  2026-11-26T14:00:00Z",
                "2026-12-02T09:00:00Z  DUE      L-1   =cmd   LEAD_GENERATION  lead-generation-thank-you  EMAIL");
        assertThat(ReportText.duration(Duration.ofMinutes(26 * 60 + 5))).isEqualTo("1d 2h 5m");
        assertThat(ReportText.duration(null)).isEqualTo("-");
    }

    @Test
    void theFunnelTextShowsEveryStageAndTheCloseRate() {
        FunnelTally tally = new FunnelTally(new ReportWindow(null, null, NOW), null, 5);
        String text = ReportText.funnel(tally.report());

        assertThat(text).contains("LEAD_GENERATION").contains("POST_SALE")
                .contains("Close rate: - (0 won of 0 qualified prospects meeting 5/5 criteria");
        assertThat(ReportText.compliance(new ComplianceTally(new ReportWindow(null, null, NOW)).report(List.of(), new DeliveryRates(List.of()))))
                .contains("Follow-ups overdue because of a block: 0");
    }

    private static FollowUp blocked() {
        return new FollowUp("N-2", "rep-b", Stage.NEGOTIATION, "negotiation-check-in", Channel.CALL,
                Instant.parse("2026-11-23T09:00:00Z"), null, Instant.parse("2026-11-26T09:00:00Z"),
                FollowUpStatus.OVERDUE, Duration.ofHours(123),
                new BlockedAttempt(Instant.parse("2026-11-25T22:00:00Z"), Channel.CALL, "negotiation-check-in",
                        List.of("tcpa.calling-hours", "state.calling-hours"), Instant.parse("2026-11-26T14:00:00Z"),
                        "a-1"), "followups.cadence.negotiation");
    }

    private static FollowUp due() {
        return new FollowUp("L-1", "=cmd", Stage.LEAD_GENERATION, "lead-generation-thank-you", Channel.EMAIL,
                Instant.parse("2026-12-01T09:00:00Z"), null, Instant.parse("2026-12-02T09:00:00Z"), FollowUpStatus.DUE,
                null, null, "template lead-generation-thank-you");
    }

}
