package dev.outreach.report;

import dev.outreach.config.ConfigKey;
import dev.outreach.config.GatewayConfig;
import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.LeadSource;
import dev.outreach.lead.Qualification;
import dev.outreach.lead.Stage;
import dev.outreach.lead.StageTransition;
import dev.outreach.store.Touch;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.Verdict;
import dev.outreach.store.DuplicateKeyException;
import dev.outreach.store.NewAuditEntry;
import dev.outreach.store.Store;
import dev.outreach.store.jdbc.JdbcStore;
import dev.outreach.template.TemplateCatalog;
import dev.outreach.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import static dev.outreach.lead.Stage.CLOSING;
import static dev.outreach.lead.Stage.ENGAGEMENT;
import static dev.outreach.lead.Stage.LEAD_GENERATION;
import static dev.outreach.lead.Stage.LEAD_QUALIFICATION;
import static dev.outreach.lead.Stage.NEGOTIATION;
import static dev.outreach.lead.Stage.POST_SALE;
import static dev.outreach.lead.Stage.PRESENTATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The funnel and compliance reports over 412 leads built in thirteen groups with known paths
 * through the stages (November 2026, every move at 09:00 UTC), so every expected number below is
 * arithmetic over the group sizes. The window is [1 Nov, 30 Nov); now is Monday 7 December 15:00.
 * Each group alternates its leads between rep-a and rep-b, and every group size is even, so rep-a's
 * report is exactly half of everyone's.
 */
class FunnelReportTest {

    static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-11-30T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");

    // Group sizes (see build() for each group's path).
    static final int G1 = 100;  // LG 2 Nov; stays
    static final int G2 = 80;   // LG 2 Nov -> LQ 4 Nov; stays
    static final int G3 = 60;   // LG 3 Nov -> LQ 5 Nov -> ENG 9 Nov; stays; 3 of 5 criteria
    static final int G4 = 40;   // LG 3 -> LQ 4 -> ENG 6 -> PRES 10 Nov; stays; half fully qualified
    static final int G5 = 30;   // LG 4 -> LQ 5 -> ENG 6 -> PRES 9 -> NEG 12 Nov; stays; qualified
    static final int G6 = 20;   // LG 2 -> LQ 3 -> ENG 4 -> PRES 5 -> NEG 9 -> CLOSING 16 -> WON 18 -> POST_SALE 20; qualified
    static final int G7 = 10;   // as G6 to CLOSING 16, WON 19 Nov; stays in CLOSING; qualified
    static final int G8 = 26;   // LG 2 -> LQ 3 -> LOST in LQ 6 Nov
    static final int G9 = 16;   // LG 20 Oct (before the window) -> LQ 10 Nov; stays
    static final int G10 = 12;  // LG 25 Nov -> LQ 2 Dec (after the window); stays
    static final int G11 = 8;   // LG 2 -> ENG 6 Nov (skips LQ); stays
    static final int G12 = 6;   // LG 2 -> LQ 3 -> back to LG 5 Nov; stays
    static final int G13 = 4;   // as G7 but WON on 18 Nov; 3 of 5 criteria (won, not qualified)

    @TempDir
    static Path dir;

    private static Store store;
    private static Reports reports;
    private static Reports reportsAtThreshold3;

    @BeforeAll
    static void build() throws Exception {
        store = JdbcStore.open("jdbc:sqlite:" + dir.resolve("funnel.db"), null, null);
        TemplateCatalog templates = TemplateCatalog.load(Path.of("templates"));
        MutableClock clock = new MutableClock(NOW);
        reports = new Reports(store.leads(), store.touches(), store.audit(), store.deliveryRecords(), templates,
                ReportSettings.from(GatewayConfig.defaults()), clock);
        reportsAtThreshold3 = new Reports(store.leads(), store.touches(), store.audit(), store.deliveryRecords(), templates,
                ReportSettings.from(GatewayConfig.defaults().with(Map.of(ConfigKey.REPORTS_QUALIFIED_THRESHOLD, "3"))), clock);

        IntFunction<Qualification> none = i -> Qualification.none();
        IntFunction<Qualification> full = i -> new Qualification(true, true, true, true, true);
        IntFunction<Qualification> three = i -> new Qualification(true, true, true, false, false);
        // Pairs (0,1) (4,5) ... fully qualified, (2,3) (6,7) ... not: half of the group, half of it rep-a's.
        IntFunction<Qualification> halfFull = i -> (i / 2) % 2 == 0 ? full.apply(i) : none.apply(i);

        group("g01", G1, none, step(LEAD_GENERATION, "2026-11-02"));
        group("g02", G2, none, step(LEAD_GENERATION, "2026-11-02"), step(LEAD_QUALIFICATION, "2026-11-04"));
        group("g03", G3, three, step(LEAD_GENERATION, "2026-11-03"), step(LEAD_QUALIFICATION, "2026-11-05"),
                step(ENGAGEMENT, "2026-11-09"));
        group("g04", G4, halfFull, step(LEAD_GENERATION, "2026-11-03"), step(LEAD_QUALIFICATION, "2026-11-04"),
                step(ENGAGEMENT, "2026-11-06"), step(PRESENTATION, "2026-11-10"));
        group("g05", G5, full, step(LEAD_GENERATION, "2026-11-04"), step(LEAD_QUALIFICATION, "2026-11-05"),
                step(ENGAGEMENT, "2026-11-06"), step(PRESENTATION, "2026-11-09"), step(NEGOTIATION, "2026-11-12"));
        group("g06", G6, full, step(LEAD_GENERATION, "2026-11-02"), step(LEAD_QUALIFICATION, "2026-11-03"),
                step(ENGAGEMENT, "2026-11-04"), step(PRESENTATION, "2026-11-05"), step(NEGOTIATION, "2026-11-09"),
                step(CLOSING, "2026-11-16"), won(CLOSING, "2026-11-18"), step(POST_SALE, "2026-11-20"));
        group("g07", G7, full, step(LEAD_GENERATION, "2026-11-02"), step(LEAD_QUALIFICATION, "2026-11-03"),
                step(ENGAGEMENT, "2026-11-04"), step(PRESENTATION, "2026-11-05"), step(NEGOTIATION, "2026-11-09"),
                step(CLOSING, "2026-11-16"), won(CLOSING, "2026-11-19"));
        group("g08", G8, none, step(LEAD_GENERATION, "2026-11-02"), step(LEAD_QUALIFICATION, "2026-11-03"),
                lost(LEAD_QUALIFICATION, "2026-11-06"));
        group("g09", G9, none, step(LEAD_GENERATION, "2026-10-20"), step(LEAD_QUALIFICATION, "2026-11-10"));
        group("g10", G10, none, step(LEAD_GENERATION, "2026-11-25"), step(LEAD_QUALIFICATION, "2026-12-02"));
        group("g11", G11, none, step(LEAD_GENERATION, "2026-11-02"), step(ENGAGEMENT, "2026-11-06"));
        group("g12", G12, none, step(LEAD_GENERATION, "2026-11-02"), step(LEAD_QUALIFICATION, "2026-11-03"),
                step(LEAD_GENERATION, "2026-11-05"));
        group("g13", G13, three, step(LEAD_GENERATION, "2026-11-02"), step(LEAD_QUALIFICATION, "2026-11-03"),
                step(ENGAGEMENT, "2026-11-04"), step(PRESENTATION, "2026-11-05"), step(NEGOTIATION, "2026-11-09"),
                step(CLOSING, "2026-11-16"), won(CLOSING, "2026-11-18"));

        // Touches. In the window: g01 one allowed email each (LG); g02 a blocked call and an allowed email (LQ);
        // g05 a blocked text (NEG); two emails to contacts without a lead, one blocked.
        for (int i = 0; i < G1; i++) {
            touch(id("g01", i), LEAD_GENERATION, Channel.EMAIL, Verdict.ALLOW, "2026-11-02T10:00:00Z", false);
        }
        for (int i = 0; i < G2; i++) {
            touch(id("g02", i), LEAD_QUALIFICATION, Channel.CALL, Verdict.BLOCK, "2026-11-04T22:00:00Z", false);
            touch(id("g02", i), LEAD_QUALIFICATION, Channel.EMAIL, Verdict.ALLOW, "2026-11-05T10:00:00Z", false);
        }
        for (int i = 0; i < G5; i++) {
            touch(id("g05", i), NEGOTIATION, Channel.SMS, Verdict.BLOCK, "2026-11-13T10:00:00Z", false);
        }
        touch(null, null, Channel.EMAIL, Verdict.ALLOW, "2026-11-10T10:00:00Z", false);
        touch(null, null, Channel.EMAIL, Verdict.BLOCK, "2026-11-10T11:00:00Z", false);
        // Outside the window or dry runs: never counted.
        for (int i = 0; i < G9; i++) {
            touch(id("g09", i), LEAD_GENERATION, Channel.EMAIL, Verdict.ALLOW, "2026-10-25T10:00:00Z", false);
        }
        for (int i = 0; i < G10; i++) {
            touch(id("g10", i), LEAD_QUALIFICATION, Channel.EMAIL, Verdict.ALLOW, "2026-12-03T10:00:00Z", false);
        }
        for (int i = 0; i < 3; i++) {
            touch(id("g01", i), LEAD_GENERATION, Channel.EMAIL, Verdict.ALLOW, "2026-11-02T11:00:00Z", true);
        }

        decisions();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void enteredCountsEachLeadOnceWhoseEntryIntoTheStageFallsInTheWindow() {
        FunnelReport r = reports.funnel(FROM, TO, null);

        assertThat(row(r, LEAD_GENERATION).entered()).as("every group created in the window, not g09")
                .isEqualTo(G1 + G2 + G3 + G4 + G5 + G6 + G7 + G8 + G10 + G11 + G12 + G13).isEqualTo(396);
        assertThat(row(r, LEAD_QUALIFICATION).entered()).as("not g10 (after the window), g11 (skipped), g01")
                .isEqualTo(G2 + G3 + G4 + G5 + G6 + G7 + G8 + G9 + G12 + G13);
        assertThat(row(r, ENGAGEMENT).entered()).isEqualTo(G3 + G4 + G5 + G6 + G7 + G11 + G13);
        assertThat(row(r, PRESENTATION).entered()).isEqualTo(G4 + G5 + G6 + G7 + G13);
        assertThat(row(r, NEGOTIATION).entered()).isEqualTo(G5 + G6 + G7 + G13);
        assertThat(row(r, CLOSING).entered()).as("recording WON in CLOSING is not a new entry")
                .isEqualTo(G6 + G7 + G13);
        assertThat(row(r, POST_SALE).entered()).isEqualTo(G6);
    }

    @Test
    void currentCountsLeadsInTheStageNowExceptLostOnes() {
        FunnelReport r = reports.funnel(FROM, TO, null);

        assertThat(row(r, LEAD_GENERATION).current()).isEqualTo(G1 + G12);
        assertThat(row(r, LEAD_QUALIFICATION).current()).as("g08 is LOST").isEqualTo(G2 + G9 + G10);
        assertThat(row(r, ENGAGEMENT).current()).isEqualTo(G3 + G11);
        assertThat(row(r, PRESENTATION).current()).isEqualTo(G4);
        assertThat(row(r, NEGOTIATION).current()).isEqualTo(G5);
        assertThat(row(r, CLOSING).current()).isEqualTo(G7 + G13);
        assertThat(row(r, POST_SALE).current()).isEqualTo(G6);
        assertThat(r.stages().stream().mapToLong(FunnelReport.StageRow::current).sum()).isEqualTo(412 - G8);
    }

    @Test
    void movedOnAndConversionRateCountTheEnteredThatLaterReachedALaterStage() {
        FunnelReport r = reports.funnel(FROM, TO, null);

        // LG: all entered but g01 moved on; g12 went forward before coming back; g10 moved on after the window.
        assertThat(row(r, LEAD_GENERATION).movedOn()).isEqualTo(396 - G1).isEqualTo(296);
        assertThat(row(r, LEAD_GENERATION).conversionRate()).as("296/396 = 0.74747").isEqualTo(0.7475);
        assertThat(row(r, LEAD_QUALIFICATION).movedOn()).isEqualTo(G3 + G4 + G5 + G6 + G7 + G13).isEqualTo(164);
        assertThat(row(r, LEAD_QUALIFICATION).conversionRate()).as("164/292 = 0.56164").isEqualTo(0.5616);
        assertThat(row(r, ENGAGEMENT).movedOn()).isEqualTo(G4 + G5 + G6 + G7 + G13).isEqualTo(104);
        assertThat(row(r, ENGAGEMENT).conversionRate()).as("104/172 = 0.60465").isEqualTo(0.6047);
        assertThat(row(r, PRESENTATION).movedOn()).isEqualTo(G5 + G6 + G7 + G13).isEqualTo(64);
        assertThat(row(r, PRESENTATION).conversionRate()).as("64/104 = 0.61538").isEqualTo(0.6154);
        assertThat(row(r, NEGOTIATION).movedOn()).isEqualTo(G6 + G7 + G13).isEqualTo(34);
        assertThat(row(r, NEGOTIATION).conversionRate()).as("34/64 = 0.53125, half up").isEqualTo(0.5313);
        assertThat(row(r, CLOSING).movedOn()).isEqualTo(G6);
        assertThat(row(r, CLOSING).conversionRate()).as("20/34 = 0.58824").isEqualTo(0.5882);
        assertThat(row(r, POST_SALE).movedOn()).isZero();
        assertThat(row(r, POST_SALE).conversionRate()).as("no next stage").isNull();
    }

    @Test
    void lostCountsStaysThatEndedLost() {
        FunnelReport r = reports.funnel(FROM, TO, null);

        assertThat(r.stages()).extracting(FunnelReport.StageRow::lost).containsExactly(0L, (long) G8, 0L, 0L, 0L, 0L, 0L);
    }

    @Test
    void medianTimeInStageIsTakenOverTheCompletedStaysOfTheEntered() {
        FunnelReport r = reports.funnel(FROM, TO, null);

        // LG stays: 24 h x136 (g04 g05 g06 g07 g08 g12 g13), 48 h x140 (g02 g03), 96 h x8 (g11), 168 h x12 (g10);
        // the 148th and 149th of 296 are both 48 h.
        assertThat(row(r, LEAD_GENERATION).completedStays()).isEqualTo(G4 + G5 + G6 + G7 + G8 + G12 + G13 + G2 + G3
                + G11 + G10).isEqualTo(296);
        assertThat(row(r, LEAD_GENERATION).medianTimeInStage()).isEqualTo(Duration.ofHours(48));
        // LQ: 24 h x64 (g05 g06 g07 g13), 48 h x46 (g04, g12 back to LG), 72 h x26 (g08 lost), 96 h x60 (g03).
        assertThat(row(r, LEAD_QUALIFICATION).completedStays()).isEqualTo(G5 + G6 + G7 + G13 + G4 + G12 + G8 + G3);
        assertThat(row(r, LEAD_QUALIFICATION).medianTimeInStage()).as("98th/99th of 196").isEqualTo(Duration.ofHours(48));
        // ENG: 24 h x34 (g06 g07 g13), 72 h x30 (g05), 96 h x40 (g04): 52nd/53rd of 104.
        assertThat(row(r, ENGAGEMENT).completedStays()).isEqualTo(104);
        assertThat(row(r, ENGAGEMENT).medianTimeInStage()).isEqualTo(Duration.ofHours(72));
        // PRES: 72 h x30 (g05), 96 h x34 (g06 g07 g13): 32nd/33rd of 64.
        assertThat(row(r, PRESENTATION).completedStays()).isEqualTo(64);
        assertThat(row(r, PRESENTATION).medianTimeInStage()).isEqualTo(Duration.ofHours(96));
        assertThat(row(r, NEGOTIATION).completedStays()).isEqualTo(G6 + G7 + G13);
        assertThat(row(r, NEGOTIATION).medianTimeInStage()).as("9 to 16 Nov").isEqualTo(Duration.ofDays(7));
        assertThat(row(r, CLOSING).completedStays()).as("WON in CLOSING does not end the stay").isEqualTo(G6);
        assertThat(row(r, CLOSING).medianTimeInStage()).as("16 to 20 Nov").isEqualTo(Duration.ofDays(4));
        assertThat(row(r, POST_SALE).completedStays()).isZero();
        assertThat(row(r, POST_SALE).medianTimeInStage()).isNull();
    }

    @Test
    void closeRateIsWonDividedByQualifiedProspectsCreatedInTheWindow() {
        FunnelReport.CloseRate c = reports.funnel(FROM, TO, null).closeRate();

        assertThat(c.cohort()).as("created in the window").isEqualTo(412 - G9);
        assertThat(c.qualifiedProspects()).as("all five criteria").isEqualTo(G4 / 2 + G5 + G6 + G7).isEqualTo(80);
        assertThat(c.won()).isEqualTo(G6 + G7).isEqualTo(30);
        assertThat(c.wonUnqualified()).isEqualTo(G13);
        assertThat(c.closeRate()).as("30/80").isEqualTo(0.375);

        FunnelReport.CloseRate at3 = reportsAtThreshold3.funnel(FROM, TO, null).closeRate();
        assertThat(at3.qualifiedProspects()).isEqualTo(80 + G3 + G13).isEqualTo(144);
        assertThat(at3.won()).isEqualTo(G6 + G7 + G13).isEqualTo(34);
        assertThat(at3.wonUnqualified()).isZero();
        assertThat(at3.closeRate()).as("34/144 = 0.23611").isEqualTo(0.2361);
    }

    @Test
    void touchesAndBlockedTouchesPerStageAndPerChannelCountTheWindowWithoutDryRuns() {
        FunnelReport r = reports.funnel(FROM, TO, null);

        assertThat(row(r, LEAD_GENERATION).touches()).isEqualTo(new TouchCount(G1, 0));
        assertThat(row(r, LEAD_GENERATION).byChannel()).containsEntry(Channel.EMAIL, new TouchCount(G1, 0))
                .containsEntry(Channel.CALL, TouchCount.NONE).containsEntry(Channel.SMS, TouchCount.NONE);
        assertThat(row(r, LEAD_QUALIFICATION).touches()).isEqualTo(new TouchCount(2L * G2, G2));
        assertThat(row(r, LEAD_QUALIFICATION).byChannel()).containsEntry(Channel.EMAIL, new TouchCount(G2, 0))
                .containsEntry(Channel.CALL, new TouchCount(G2, G2));
        assertThat(row(r, NEGOTIATION).touches()).isEqualTo(new TouchCount(G5, G5));
        assertThat(row(r, NEGOTIATION).byChannel()).containsEntry(Channel.SMS, new TouchCount(G5, G5));
        for (Stage s : List.of(ENGAGEMENT, PRESENTATION, CLOSING, POST_SALE)) {
            assertThat(row(r, s).touches()).as(s.name()).isEqualTo(TouchCount.NONE);
        }
        assertThat(r.touchesWithoutStage()).isEqualTo(2);
        assertThat(r.touches()).isEqualTo(new TouchCount(G1 + 2L * G2 + G5 + 2, G2 + G5 + 1));
        assertThat(r.channels()).containsEntry(Channel.EMAIL, new TouchCount(G1 + G2 + 2, 1))
                .containsEntry(Channel.CALL, new TouchCount(G2, G2)).containsEntry(Channel.SMS, new TouchCount(G5, G5));
    }

    @Test
    void anOwnersReportCountsOnlyThatRepsLeadsAndTheirTouches() {
        FunnelReport all = reports.funnel(FROM, TO, null);
        FunnelReport repA = reports.funnel(FROM, TO, "rep-a");

        assertThat(repA.owner()).isEqualTo("rep-a");
        for (int i = 0; i < all.stages().size(); i++) {
            FunnelReport.StageRow a = repA.stages().get(i);
            FunnelReport.StageRow t = all.stages().get(i);
            assertThat(a.entered() * 2).as(a.stage() + " entered").isEqualTo(t.entered());
            assertThat(a.current() * 2).as(a.stage() + " current").isEqualTo(t.current());
            assertThat(a.movedOn() * 2).as(a.stage() + " moved on").isEqualTo(t.movedOn());
            assertThat(a.lost() * 2).isEqualTo(t.lost());
            assertThat(a.conversionRate()).isEqualTo(t.conversionRate());
            assertThat(a.medianTimeInStage()).isEqualTo(t.medianTimeInStage());
            assertThat(a.touches()).isEqualTo(new TouchCount(t.touches().touches() / 2, t.touches().blocked() / 2));
        }
        assertThat(repA.closeRate()).isEqualTo(new FunnelReport.CloseRate(198, 40, 15, 2, 0.375));
        assertThat(repA.touchesWithoutStage()).as("touches without a lead belong to no rep").isZero();
        assertThat(repA.touches()).isEqualTo(new TouchCount((G1 + 2L * G2 + G5) / 2, (G2 + G5) / 2));
    }

    @Test
    void anOpenWindowCountsEverythingAndAWindowAfterTheFactCountsOnlyLaterMoves() {
        FunnelReport open = reports.funnel(null, null, null);
        assertThat(row(open, LEAD_GENERATION).entered()).isEqualTo(412);
        assertThat(row(open, LEAD_QUALIFICATION).entered()).isEqualTo(292 + G10);
        assertThat(open.closeRate().cohort()).isEqualTo(412);
        assertThat(open.touches().touches()).as("every touch but the 3 dry runs")
                .isEqualTo(G1 + 2L * G2 + G5 + 2 + G9 + G10);

        FunnelReport december = reports.funnel(Instant.parse("2026-12-01T00:00:00Z"), null, null);
        assertThat(december.stages()).extracting(FunnelReport.StageRow::entered)
                .containsExactly(0L, (long) G10, 0L, 0L, 0L, 0L, 0L);
        assertThat(row(december, LEAD_QUALIFICATION).movedOn()).isZero();
        assertThat(row(december, LEAD_QUALIFICATION).conversionRate()).isEqualTo(0.0);
        assertThat(row(december, PRESENTATION).conversionRate()).as("none entered").isNull();
        assertThat(december.touches()).isEqualTo(new TouchCount(G10, 0));
    }

    @Test
    void theComplianceReportCountsDecisionsByChannelAndBlocksByRuleFromTheAuditLog() {
        ComplianceReport r = reports.compliance(FROM, TO);

        assertThat(r.decisions()).isEqualTo(new ComplianceReport.DecisionCount(97, 70, 27, 0.2784));
        assertThat(r.byChannel()).containsEntry(Channel.EMAIL, new ComplianceReport.DecisionCount(65, 50, 15, 0.2308))
                .containsEntry(Channel.CALL, new ComplianceReport.DecisionCount(28, 20, 8, 0.2857))
                .containsEntry(Channel.SMS, new ComplianceReport.DecisionCount(4, 0, 4, 1.0));
        assertThat(r.blocksByRule()).containsExactly(
                new ComplianceReport.RuleCount("canspam.suppression", 10),
                new ComplianceReport.RuleCount("tcpa.calling-hours", 8),
                new ComplianceReport.RuleCount("policy.duplicate", 5),
                new ComplianceReport.RuleCount("tcpa.consent", 4),
                new ComplianceReport.RuleCount("tcpa.national-dnc", 3));
        assertThat(r.topBlockedReasons()).containsExactly(
                new ComplianceReport.ReasonCount("canspam.suppression",
                        "recipient is suppressed for commercial email: UNSUBSCRIBE (one-click, by address)", 10),
                new ComplianceReport.ReasonCount("tcpa.calling-hours",
                        "recipient local time <hh:mm> America/Chicago; allowed <hh:mm>-<hh:mm>", 8),
                new ComplianceReport.ReasonCount("policy.duplicate",
                        "template 'presentation-summary' already went to this recipient at <time> (window PT24H)", 5),
                new ComplianceReport.ReasonCount("tcpa.consent", "no prior express written consent for a marketing text",
                        4),
                new ComplianceReport.ReasonCount("tcpa.national-dnc",
                        "number is on the national do-not-call registry and no exemption applies", 3));
        assertThat(r.dryRunChecks()).isEqualTo(7);
    }

    @Test
    void followUpsOverdueBecauseOfABlockAreTheNegotiationTextsBlockedBeforeTheirDeadline() {
        ComplianceReport r = reports.compliance(FROM, TO);

        // g05 entered NEGOTIATION Thu 12 Nov 09:00; 3 business days -> Tue 17 Nov 09:00; the text on 13 Nov was blocked.
        assertThat(r.followUpsOverdueBecauseOfBlock()).hasSize(G5).allSatisfy(f -> {
            assertThat(f.leadId()).startsWith("g05-");
            assertThat(f.deadline()).isEqualTo(Instant.parse("2026-11-17T09:00:00Z"));
            assertThat(f.blocked().rules()).containsExactly("tcpa.consent");
        });
        // g02 had a blocked call, then an allowed email: overdue (LQ cadence) but not because of the block.
        FollowUp g02 = reports.followUps(FollowUpStatus.OVERDUE, null).stream()
                .filter(f -> f.leadId().equals(id("g02", 0))).findFirst().orElseThrow();
        assertThat(g02.blocked()).isNull();
        assertThat(g02.lastFollowUpAt()).isEqualTo(Instant.parse("2026-11-05T10:00:00Z"));
        assertThat(g02.deadline()).as("Thu 5 Nov 10:00 + 2 business days").isEqualTo(Instant.parse("2026-11-09T10:00:00Z"));
    }

    @Test
    void theFunnelAsCsvHasAStageRowEachAndAnAllRowWithTheCloseRate() {
        StringWriter out = new StringWriter();
        new CsvReportWriter(out).funnel(reports.funnel(FROM, TO, null));
        String[] lines = out.toString().split("\r\n");

        assertThat(lines).hasSize(9);
        assertThat(lines[0]).isEqualTo("stage,entered,current,moved_on,lost,conversion_rate,median_time_in_stage,"
                + "completed_stays,touches,blocked_touches,email_touches,email_blocked,call_touches,call_blocked,"
                + "sms_touches,sms_blocked,touches_without_stage,cohort,qualified_prospects,won,won_unqualified,"
                + "close_rate");
        assertThat(lines[1]).isEqualTo("LEAD_GENERATION,396,106,296,0,0.7475,PT48H,296,100,0,100,0,0,0,0,0,,,,,,");
        assertThat(lines[2]).isEqualTo("LEAD_QUALIFICATION,292,108,164,26,0.5616,PT48H,196,160,80,80,0,80,80,0,0,,,,,,");
        assertThat(lines[7]).isEqualTo("POST_SALE,20,20,0,0,,,0,0,0,0,0,0,0,0,0,,,,,,");
        assertThat(lines[8]).isEqualTo("ALL,,,,,,,,292,111,182,1,80,80,30,30,2,396,80,30,4,0.375");
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> reports.funnel(TO, FROM, null)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- building the funnel ----

    private record Step(Stage stage, LeadOutcome outcome, Instant at) {
    }

    private static Step step(Stage stage, String date) {
        return new Step(stage, null, Instant.parse(date + "T09:00:00Z"));
    }

    private static Step won(Stage stage, String date) {
        return new Step(stage, LeadOutcome.WON, Instant.parse(date + "T09:00:00Z"));
    }

    private static Step lost(Stage stage, String date) {
        return new Step(stage, LeadOutcome.LOST, Instant.parse(date + "T09:00:00Z"));
    }

    static String id(String group, int i) {
        return group + "-" + String.format("%03d", i);
    }

    private static void group(String name, int size, IntFunction<Qualification> qualification, Step... path)
            throws DuplicateKeyException {
        for (int i = 0; i < size; i++) {
            String id = id(name, i);
            Step first = path[0];
            Lead lead = new Lead(id, id + "@example.com", null, "First", "Last", "Co", "US", "TX", null,
                    first.stage(), first.outcome(), i % 2 == 0 ? "rep-a" : "rep-b", LeadSource.WEB_FORM,
                    qualification.apply(i), first.at(), first.at(), first.at());
            store.leads().create(lead, new StageTransition(id, null, first.stage(), first.outcome(), first.at(), "test"));
            for (int s = 1; s < path.length; s++) {
                Step next = path[s];
                Lead moved = lead.inStage(next.stage(), next.outcome(), next.at());
                store.leads().transition(moved, new StageTransition(id, lead.stage(), next.stage(), next.outcome(),
                        next.at(), "test"));
                lead = moved;
            }
        }
    }

    private static void touch(String leadId, Stage stage, Channel channel, Verdict verdict, String at, boolean dryRun) {
        store.touches().record(new Touch(UUID.randomUUID().toString(), leadId, "rk-" + leadId, channel,
                Purpose.COMMERCIAL, stage, null, verdict,
                verdict == Verdict.BLOCK ? List.of(channel == Channel.SMS ? "tcpa.consent" : "tcpa.calling-hours")
                        : List.of(), "missing-audit-" + UUID.randomUUID(), null, dryRun, Instant.parse(at)));
    }

    /** 97 decisions and 7 checks in the window, and entries outside it or of other kinds. */
    private static void decisions() {
        List<NewAuditEntry> entries = new ArrayList<>();
        Instant t = Instant.parse("2026-11-10T10:00:00Z");
        for (int i = 0; i < 50; i++) {
            entries.add(decision(t.plusSeconds(i), "EMAIL", "ALLOW", List.of()));
        }
        for (int i = 0; i < 10; i++) {
            entries.add(decision(t.plusSeconds(100 + i), "EMAIL", "BLOCK", one(finding("canspam.suppression",
                    "recipient is suppressed for commercial email: UNSUBSCRIBE (one-click, by address)"))));
        }
        for (int i = 0; i < 5; i++) {
            entries.add(decision(t.plusSeconds(200 + i), "EMAIL", "BLOCK", one(finding("policy.duplicate",
                    "template 'presentation-summary' already went to this recipient at 2026-11-1" + i
                            + "T10:0" + i + ":00Z (window PT24H)"))));
        }
        for (int i = 0; i < 20; i++) {
            entries.add(decision(t.plusSeconds(300 + i), "CALL", "ALLOW", List.of()));
        }
        for (int i = 0; i < 8; i++) {
            List<String[]> findings = new ArrayList<>();
            findings.add(finding("tcpa.calling-hours", "recipient local time 21:1" + i
                    + " America/Chicago; allowed 08:00-21:00"));
            if (i < 3) {
                findings.add(finding("tcpa.national-dnc",
                        "number is on the national do-not-call registry and no exemption applies"));
            }
            entries.add(decision(t.plusSeconds(400 + i), "CALL", "BLOCK", findings));
        }
        for (int i = 0; i < 4; i++) {
            entries.add(decision(t.plusSeconds(500 + i), "SMS", "BLOCK", one(finding("tcpa.consent",
                    "no prior express written consent for a marketing text"))));
        }
        for (int i = 0; i < 7; i++) {
            entries.add(new NewAuditEntry(UUID.randomUUID().toString(), t.plusSeconds(600 + i), "CHECK", "key:k",
                    "rk", null, "EMAIL", "ALLOW", "", "{\"dryRun\":true,\"evaluated\":[]}"));
        }
        for (String outside : List.of("2026-10-30T10:00:00Z", "2026-11-30T00:00:00Z", "2026-12-01T10:00:00Z")) {
            entries.add(decision(Instant.parse(outside), "EMAIL", "BLOCK", one(finding(
                    "canspam.suppression", "recipient is suppressed for commercial email: BOUNCE (smtp, by address)"))));
        }
        entries.add(new NewAuditEntry(UUID.randomUUID().toString(), t.plusSeconds(700), "SUPPRESSION_ADDED",
                "key:k", "rk", null, "EMAIL", null, null, "{\"reason\":\"UNSUBSCRIBE\"}"));
        // The chain never goes back in time (an entry is dated no earlier than its predecessor): append in time order.
        entries.sort(java.util.Comparator.comparing(NewAuditEntry::at));
        entries.forEach(store.audit()::append);
    }

    private static List<String[]> one(String[] finding) {
        List<String[]> list = new ArrayList<>();
        list.add(finding);
        return list;
    }

    private static String[] finding(String rule, String detail) {
        return new String[] {rule, detail};
    }

    private static NewAuditEntry decision(Instant at, String channel, String verdict, List<String[]> findings) {
        StringBuilder evaluated = new StringBuilder("[{\"rule\":\"email.sender-domain\",\"outcome\":\"PASS\","
                + "\"detail\":\"sender domain example.com is configured\"}");
        for (String[] f : findings) {
            evaluated.append(",{\"rule\":\"").append(f[0]).append("\",\"outcome\":\"BLOCK\",\"detail\":\"")
                    .append(f[1].replace("\"", "\\\"")).append("\",\"citation\":null,\"nextAllowedAt\":null}");
        }
        evaluated.append(']');
        String rules = String.join(",", findings.stream().map(f -> f[0]).toList());
        return new NewAuditEntry(UUID.randomUUID().toString(), at, "DECISION", "key:k", "rk", null, channel, verdict,
                rules, "{\"dryRun\":false,\"nextAllowedAt\":null,\"evaluated\":" + evaluated + "}");
    }

    private static FunnelReport.StageRow row(FunnelReport r, Stage stage) {
        return r.stages().get(stage.ordinal());
    }
}
