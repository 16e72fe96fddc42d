package dev.outreach.report;

import dev.outreach.config.ConfigException;
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
import dev.outreach.store.NewAuditEntry;
import dev.outreach.store.Store;
import dev.outreach.store.jdbc.JdbcStore;
import dev.outreach.template.TemplateCatalog;
import dev.outreach.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The SOP follow-up queue over a real store: every lead's next follow-up, its deadline in business
 * time across a weekend and a holiday (Monday 30 November 2026), what counts as done, and what a
 * blocked attempt adds. Now is Tuesday 1 December 2026 12:00 UTC.
 */
class FollowUpQueueTest {

    private static final Instant NOW = at("2026-12-01T12:00:00Z");

    @TempDir
    Path dir;

    private Store store;
    private Reports reports;

    @BeforeEach
    void open() {
        store = JdbcStore.open("jdbc:sqlite:" + dir.resolve("followups.db"), null, null);
        GatewayConfig config = GatewayConfig.defaults().with(Map.of(
                ConfigKey.CALENDAR_HOLIDAYS, "2026-11-30",
                ConfigKey.FOLLOWUPS_CADENCE_ENGAGEMENT, "PT36H"));
        reports = new Reports(store.leads(), store.touches(), store.audit(), store.deliveryRecords(), TemplateCatalog.load(Path.of("templates")),
                ReportSettings.from(config), new MutableClock(NOW));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theScheduleTakesTemplateDeadlinesFirstAndConfiguredCadencesForTheOtherStages() {
        FollowUpSchedule schedule = reports.queue().schedule();

        assertThat(schedule.rules()).extracting(FollowUpRule::stage, FollowUpRule::template, FollowUpRule::within,
                FollowUpRule::repeats, FollowUpRule::source).containsExactly(
                tuple(Stage.LEAD_GENERATION, "lead-generation-thank-you", Duration.ofHours(24), false,
                        "template lead-generation-thank-you"),
                tuple(Stage.LEAD_QUALIFICATION, "lead-qualification-schedule-call", Duration.ofDays(2), true,
                        "followups.cadence.lead-qualification"),
                tuple(Stage.ENGAGEMENT, "engagement-resources", Duration.ofHours(36), true,
                        "followups.cadence.engagement"),
                tuple(Stage.PRESENTATION, "presentation-summary", Duration.ofHours(48), false,
                        "template presentation-summary"),
                tuple(Stage.NEGOTIATION, "negotiation-check-in", Duration.ofDays(3), true,
                        "followups.cadence.negotiation"),
                tuple(Stage.CLOSING, "closing-confirmation", Duration.ofDays(2), true, "followups.cadence.closing"),
                tuple(Stage.POST_SALE, "post-sale-check-in", Duration.ofDays(20), true, "followups.cadence.post-sale"));
    }

    @Test
    void everyLeadOwesItsNextFollowUpWithADeadlineInBusinessTime() {
        scenario();

        List<FollowUp> queue = reports.followUps(null, null);

        assertThat(queue).extracting(FollowUp::leadId, FollowUp::status, FollowUp::deadline).containsExactly(
                // NEGOTIATION, entered Mon 23 Nov 09:00, nothing allowed since: + 3 business days = Thu 09:00.
                tuple("N-2", FollowUpStatus.OVERDUE, at("2026-11-26T09:00:00Z")),
                tuple("N-3", FollowUpStatus.OVERDUE, at("2026-11-26T09:00:00Z")),
                // LEAD_GENERATION, entered Thu 26 Nov 15:00: 9 h Thursday + 15 h Friday.
                tuple("L-thu", FollowUpStatus.OVERDUE, at("2026-11-27T15:00:00Z")),
                // PRESENTATION, entered Wed 25 Nov 16:00: 8 h Wed + 24 h Thu + 16 h Fri.
                tuple("P-wed", FollowUpStatus.OVERDUE, at("2026-11-27T16:00:00Z")),
                // POST_SALE (WON), entered Mon 2 Nov 09:00: 20 business days end on Mon 30 Nov, a holiday -> Tue 09:00.
                tuple("PS-1", FollowUpStatus.OVERDUE, at("2026-12-01T09:00:00Z")),
                // LEAD_GENERATION, entered Fri 27 Nov 10:00: 14 h Friday, weekend and holiday skipped, 10 h Tuesday.
                tuple("L-back", FollowUpStatus.OVERDUE, at("2026-12-01T10:00:00Z")),
                tuple("L-blocked", FollowUpStatus.OVERDUE, at("2026-12-01T10:00:00Z")),
                tuple("L-dry", FollowUpStatus.OVERDUE, at("2026-12-01T10:00:00Z")),
                tuple("L-fri", FollowUpStatus.OVERDUE, at("2026-12-01T10:00:00Z")),
                // NEGOTIATION cadence from the last allowed check-in, Wed 25 Nov 14:00: 10 h Wed + 24 h Thu + 24 h Fri
                // + (weekend, holiday) 14 h Tue.
                tuple("N-1", FollowUpStatus.DUE, at("2026-12-01T14:00:00Z")),
                // LEAD_GENERATION entered on Saturday: counts from Tuesday 00:00.
                tuple("L-sat", FollowUpStatus.DUE, at("2026-12-02T00:00:00Z")),
                // ENGAGEMENT with cadence PT36H, entered Fri 27 Nov 20:00: 4 h Fri + 24 h Tue + 8 h Wed.
                tuple("E-1", FollowUpStatus.DUE, at("2026-12-02T08:00:00Z")),
                // PRESENTATION, entered Fri 27 Nov 16:00: 8 h Fri + 24 h Tue + 16 h Wed.
                tuple("P-fri", FollowUpStatus.DUE, at("2026-12-02T16:00:00Z")));
        // L-done had an allowed thank-you; L-lost is LOST: neither owes anything.
    }

    @Test
    void eachFollowUpNamesTemplateChannelBasisAndHowLongItIsOverdue() {
        scenario();

        Map<String, FollowUp> byLead = byLead(reports.followUps(null, null));

        FollowUp fri = byLead.get("L-fri");
        assertThat(fri.template()).isEqualTo("lead-generation-thank-you");
        assertThat(fri.channel()).isEqualTo(Channel.EMAIL);
        assertThat(fri.owner()).isEqualTo("rep-a");
        assertThat(fri.stage()).isEqualTo(Stage.LEAD_GENERATION);
        assertThat(fri.stageEnteredAt()).isEqualTo(at("2026-11-27T10:00:00Z"));
        assertThat(fri.lastFollowUpAt()).isNull();
        assertThat(fri.overdueBy()).isEqualTo(Duration.ofHours(2));
        assertThat(fri.blocked()).isNull();
        assertThat(fri.deadlineSource()).isEqualTo("template lead-generation-thank-you");

        assertThat(byLead.get("N-2").overdueBy()).as("Thu 26 Nov 09:00 to Tue 1 Dec 12:00")
                .isEqualTo(Duration.ofHours(5 * 24 + 3));
        assertThat(byLead.get("PS-1").overdueBy()).isEqualTo(Duration.ofHours(3));

        FollowUp n1 = byLead.get("N-1");
        assertThat(n1.channel()).as("no email, a phone").isEqualTo(Channel.CALL);
        assertThat(n1.template()).isEqualTo("negotiation-check-in");
        assertThat(n1.lastFollowUpAt()).isEqualTo(at("2026-11-25T14:00:00Z"));
        assertThat(n1.overdueBy()).isNull();
        assertThat(n1.blocked()).as("the block before the allowed check-in is history").isNull();
        assertThat(n1.deadlineSource()).isEqualTo("followups.cadence.negotiation");

        assertThat(byLead.get("N-3").channel()).as("neither email nor phone").isNull();
        assertThat(byLead.get("E-1").template()).isEqualTo("engagement-resources");
    }

    @Test
    void aBlockedAttemptDoesNotCountAndTheQueueSaysWhyAndWhenItCanGo() {
        scenario();

        Map<String, FollowUp> byLead = byLead(reports.followUps(null, null));

        BlockedAttempt email = byLead.get("L-blocked").blocked();
        assertThat(email.rules()).containsExactly("policy.duplicate");
        assertThat(email.at()).isEqualTo(at("2026-11-27T10:30:00Z"));
        assertThat(email.channel()).isEqualTo(Channel.EMAIL);
        assertThat(email.template()).isEqualTo("lead-generation-thank-you");
        assertThat(email.nextAllowedAt()).as("from the decision's audit entry").isEqualTo(at("2026-11-28T10:30:00Z"));
        assertThat(email.auditId()).isEqualTo("audit-L-blocked");
        assertThat(byLead.get("L-blocked").overdueBecauseOfBlock()).isTrue();

        BlockedAttempt call = byLead.get("N-2").blocked();
        assertThat(call.rules()).containsExactly("tcpa.calling-hours", "state.calling-hours");
        assertThat(call.nextAllowedAt()).isEqualTo(at("2026-11-26T14:00:00Z"));
        assertThat(byLead.get("N-2").overdueBecauseOfBlock()).as("tried before the deadline").isTrue();

        BlockedAttempt objection = byLead.get("N-3").blocked();
        assertThat(objection.rules()).containsExactly("gdpr.objection");
        assertThat(objection.nextAllowedAt()).as("not a time-based block").isNull();
        assertThat(byLead.get("N-3").overdueBecauseOfBlock()).as("first tried after the deadline").isFalse();

        assertThat(byLead.get("L-dry").blocked()).isNull();
        assertThat(byLead.get("L-back").blocked()).isNull();
    }

    @Test
    void statusAndOwnerFilterTheQueue() {
        scenario();

        assertThat(reports.followUps(FollowUpStatus.DUE, null)).extracting(FollowUp::leadId)
                .containsExactly("N-1", "L-sat", "E-1", "P-fri");
        assertThat(reports.followUps(FollowUpStatus.OVERDUE, null)).hasSize(9);
        assertThat(reports.followUps(null, "rep-b")).extracting(FollowUp::leadId)
                .containsExactly("N-2", "N-3", "P-wed", "N-1", "P-fri");
        assertThat(reports.followUps(FollowUpStatus.OVERDUE, "rep-b")).extracting(FollowUp::leadId)
                .containsExactly("N-2", "N-3", "P-wed");
        assertThat(reports.followUps(null, "nobody")).isEmpty();
    }

    @Test
    void theComplianceReportListsTheFollowUpsOverdueBecauseOfABlock() {
        scenario();

        ComplianceReport r = reports.compliance(null, null);

        assertThat(r.followUpsOverdueBecauseOfBlock()).extracting(FollowUp::leadId).containsExactly("N-2", "L-blocked");
    }

    @Test
    void invalidCalendarSettingsStopStartUpNamingTheKey() {
        assertThatThrownBy(() -> ReportSettings.from(GatewayConfig.defaults().with(
                Map.of(ConfigKey.CALENDAR_HOLIDAYS, "2026-11-30,30/11/2026"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("calendar.holidays")
                .hasMessageContaining("30/11/2026");
        assertThatThrownBy(() -> ReportSettings.from(GatewayConfig.defaults().with(
                Map.of(ConfigKey.CALENDAR_WEEKEND, "SATURDAY,SUNDY"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("calendar.weekend");
        assertThatThrownBy(() -> ReportSettings.from(GatewayConfig.defaults().with(
                Map.of(ConfigKey.CALENDAR_ZONE, "Mars/Olympus"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("calendar.zone");
        assertThatThrownBy(() -> ReportSettings.from(GatewayConfig.defaults().with(
                Map.of(ConfigKey.REPORTS_QUALIFIED_THRESHOLD, "6"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("reports.qualified-threshold");
        assertThatThrownBy(() -> ReportSettings.from(GatewayConfig.defaults().with(
                Map.of(ConfigKey.FOLLOWUPS_CADENCE_NEGOTIATION, "PT0S"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("followups.cadence.negotiation");
    }

    // ---- the scenario ----

    /** Leads around the weekend of 28-29 November 2026 and the holiday on Monday 30 November. */
    private void scenario() {
        // LEAD_GENERATION: 24 h from entry (template front matter).
        lead("L-fri", "rep-a", Stage.LEAD_GENERATION, null, "2026-11-27T10:00:00Z", true, false);
        lead("L-thu", "rep-a", Stage.LEAD_GENERATION, null, "2026-11-26T15:00:00Z", true, false);
        lead("L-sat", "rep-a", Stage.LEAD_GENERATION, null, "2026-11-28T09:00:00Z", true, false);
        lead("L-done", "rep-a", Stage.LEAD_GENERATION, null, "2026-11-27T10:00:00Z", true, false);
        touch("L-done", Stage.LEAD_GENERATION, Channel.EMAIL, Verdict.ALLOW, "2026-11-27T11:00:00Z", false);
        lead("L-blocked", "rep-a", Stage.LEAD_GENERATION, null, "2026-11-27T10:00:00Z", true, false);
        blocked("L-blocked", Stage.LEAD_GENERATION, Channel.EMAIL, "2026-11-27T10:30:00Z",
                List.of("policy.duplicate"), "2026-11-28T10:30:00Z");
        lead("L-dry", "rep-a", Stage.LEAD_GENERATION, null, "2026-11-27T10:00:00Z", true, false);
        touch("L-dry", Stage.LEAD_GENERATION, Channel.EMAIL, Verdict.ALLOW, "2026-11-27T11:00:00Z", true);
        backToLeadGeneration("L-back");
        lead("L-lost", "rep-a", Stage.LEAD_GENERATION, LeadOutcome.LOST, "2026-11-20T10:00:00Z", true, false);
        // PRESENTATION: 48 h from entry.
        lead("P-wed", "rep-b", Stage.PRESENTATION, null, "2026-11-25T16:00:00Z", true, false);
        lead("P-fri", "rep-b", Stage.PRESENTATION, null, "2026-11-27T16:00:00Z", true, false);
        // NEGOTIATION: every 3 business days from the last allowed check-in.
        lead("N-1", "rep-b", Stage.NEGOTIATION, null, "2026-11-23T09:00:00Z", false, true);
        blocked("N-1", Stage.NEGOTIATION, Channel.CALL, "2026-11-24T22:00:00Z", List.of("tcpa.calling-hours"),
                "2026-11-25T14:00:00Z");
        touch("N-1", Stage.NEGOTIATION, Channel.CALL, Verdict.ALLOW, "2026-11-25T14:00:00Z", false);
        touch("N-1", Stage.ENGAGEMENT, Channel.CALL, Verdict.ALLOW, "2026-11-30T14:00:00Z", false);
        lead("N-2", "rep-b", Stage.NEGOTIATION, null, "2026-11-23T09:00:00Z", false, true);
        blocked("N-2", Stage.NEGOTIATION, Channel.CALL, "2026-11-25T22:00:00Z",
                List.of("tcpa.calling-hours", "state.calling-hours"), "2026-11-26T14:00:00Z");
        lead("N-3", "rep-b", Stage.NEGOTIATION, null, "2026-11-23T09:00:00Z", false, false);
        blocked("N-3", Stage.NEGOTIATION, Channel.EMAIL, "2026-11-27T10:00:00Z", List.of("gdpr.objection"), null);
        // POST_SALE after a win: every 20 business days.
        lead("PS-1", "rep-a", Stage.POST_SALE, LeadOutcome.WON, "2026-11-02T09:00:00Z", true, false);
        // ENGAGEMENT with the configured cadence PT36H.
        lead("E-1", "rep-a", Stage.ENGAGEMENT, null, "2026-11-27T20:00:00Z", true, false);
    }

    private void lead(String id, String owner, Stage stage, LeadOutcome outcome, String entered, boolean email,
                      boolean phone) {
        Instant at = at(entered);
        Lead lead = new Lead(id, email ? id.toLowerCase() + "@example.com" : null, phone ? "+13055550100" : null,
                "Ann", "Lee", "Initech", "US", "FL", null, stage, outcome, owner, LeadSource.WEB_FORM,
                Qualification.none(), at, at, at);
        try {
            store.leads().create(lead, new StageTransition(id, null, stage, outcome, at, "test"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** In LEAD_GENERATION on 20 Nov (a thank-you went out then), LEAD_QUALIFICATION on 23 Nov, back on 27 Nov 10:00. */
    private void backToLeadGeneration(String id) {
        lead(id, "rep-a", Stage.LEAD_GENERATION, null, "2026-11-20T10:00:00Z", true, false);
        touch(id, Stage.LEAD_GENERATION, Channel.EMAIL, Verdict.ALLOW, "2026-11-20T11:00:00Z", false);
        Lead lead = store.leads().find(id).orElseThrow();
        Lead qualifying = lead.inStage(Stage.LEAD_QUALIFICATION, null, at("2026-11-23T10:00:00Z"));
        store.leads().transition(qualifying, new StageTransition(id, Stage.LEAD_GENERATION, Stage.LEAD_QUALIFICATION,
                null, at("2026-11-23T10:00:00Z"), "test"));
        Lead back = qualifying.inStage(Stage.LEAD_GENERATION, null, at("2026-11-27T10:00:00Z"));
        store.leads().transition(back, new StageTransition(id, Stage.LEAD_QUALIFICATION, Stage.LEAD_GENERATION,
                null, at("2026-11-27T10:00:00Z"), "test"));
    }

    private void touch(String leadId, Stage stage, Channel channel, Verdict verdict, String at, boolean dryRun) {
        store.touches().record(new Touch(UUID.randomUUID().toString(), leadId, "rk-" + leadId, channel,
                Purpose.COMMERCIAL, stage, template(stage), verdict, List.of(), "audit-" + UUID.randomUUID(), null,
                dryRun, at(at)));
    }

    private void blocked(String leadId, Stage stage, Channel channel, String at, List<String> rules,
                         String nextAllowedAt) {
        String auditId = store.audit().find("audit-" + leadId).isPresent() ? "audit-" + leadId + "-2" : "audit-" + leadId;
        String payload = "{\"dryRun\":false,\"nextAllowedAt\":" + (nextAllowedAt == null ? "null" : "\"" + nextAllowedAt
                + "\"") + ",\"evaluated\":[]}";
        store.audit().append(new NewAuditEntry(auditId, at(at), "DECISION", "key:test", "rk-" + leadId, leadId,
                channel.name(), "BLOCK", String.join(",", rules), payload));
        store.touches().record(new Touch(UUID.randomUUID().toString(), leadId, "rk-" + leadId, channel,
                Purpose.COMMERCIAL, stage, template(stage), Verdict.BLOCK, rules, auditId, null, false, at(at)));
    }

    private static String template(Stage stage) {
        return switch (stage) {
            case LEAD_GENERATION -> "lead-generation-thank-you";
            case PRESENTATION -> "presentation-summary";
            case NEGOTIATION -> "negotiation-check-in";
            default -> null;
        };
    }

    private static Map<String, FollowUp> byLead(List<FollowUp> list) {
        return list.stream().collect(java.util.stream.Collectors.toMap(FollowUp::leadId, f -> f));
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }
}
