package dev.outreach.report;

import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditPayload;
import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.StageTransition;
import dev.outreach.store.Touch;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Verdict;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.DeliveryRecords;
import dev.outreach.store.Leads;
import dev.outreach.store.Touches;
import dev.outreach.template.TemplateCatalog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The funnel, follow-up and compliance reports: reads leads, transitions, touches and audit
 * entries through the store ports and hands them to the pure tallies. Each report streams the
 * store; the follow-up queue holds only the leads that owe a follow-up and two touches each.
 */
public final class Reports {

    private static final int AUDIT_PAGE = 1000;

    private final Leads leads;
    private final Touches touches;
    private final AuditEntries audit;
    private final DeliveryRecords deliveries;
    private final TemplateCatalog templates;
    private final ReportSettings settings;
    private final Clock clock;

    public Reports(Leads leads, Touches touches, AuditEntries audit, DeliveryRecords deliveries,
                   TemplateCatalog templates, ReportSettings settings, Clock clock) {
        this.leads = leads;
        this.touches = touches;
        this.audit = audit;
        this.deliveries = deliveries;
        this.templates = templates;
        this.settings = settings;
        this.clock = clock;
    }

    /** The report clock's present instant ("as of" for a report made now). */
    public Instant now() {
        return clock.instant();
    }

    public ReportSettings settings() {
        return settings;
    }

    /** The queue's rules as they are now (templates can be reloaded, so it is built per report). */
    public FollowUpQueue queue() {
        return new FollowUpQueue(FollowUpSchedule.of(templates.templates(), settings.cadences()), settings.calendar());
    }

    /**
     * @param from  inclusive, null for open
     * @param to    exclusive, null for open
     * @param owner only this rep's leads (and their touches), or null for all
     */
    public FunnelReport funnel(Instant from, Instant to, String owner) {
        Instant now = clock.instant();
        ReportWindow window = new ReportWindow(from, to, now);
        FunnelTally tally = new FunnelTally(window, owner, settings.qualifiedThreshold());
        Set<String> ownLeads = owner == null ? null : new HashSet<>();
        leads.scan(owner, lead -> {
            tally.lead(lead);
            if (ownLeads != null) {
                ownLeads.add(lead.id());
            }
        });
        List<StageTransition> ofOneLead = new ArrayList<>();
        leads.scanTransitions(owner, t -> {
            if (!ofOneLead.isEmpty() && !ofOneLead.get(0).leadId().equals(t.leadId())) {
                tally.transitions(ofOneLead);
                ofOneLead.clear();
            }
            ofOneLead.add(t);
        });
        if (!ofOneLead.isEmpty()) {
            tally.transitions(ofOneLead);
        }
        touches.scan(from, to, t -> {
            if (ownLeads == null || t.leadId() != null && ownLeads.contains(t.leadId())) {
                tally.touch(t);
            }
        });
        return tally.report();
    }

    /**
     * Every follow-up owed now, earliest deadline first (then by lead id).
     *
     * @param status DUE or OVERDUE only, or null for both
     * @param owner  only this rep's leads, or null for all
     */
    public List<FollowUp> followUps(FollowUpStatus status, String owner) {
        return followUps(status, owner, clock.instant());
    }

    /** As {@link #followUps(FollowUpStatus, String)}, as of {@code now}. */
    public List<FollowUp> followUps(FollowUpStatus status, String owner, Instant now) {
        FollowUpQueue queue = queue();
        Map<String, Lead> owing = new HashMap<>();
        Instant[] earliest = {null};
        leads.scan(owner, lead -> {
            if (lead.outcome() != LeadOutcome.LOST && queue.schedule().rule(lead.stage()).isPresent()) {
                owing.put(lead.id(), lead);
                if (earliest[0] == null || lead.stageEnteredAt().isBefore(earliest[0])) {
                    earliest[0] = lead.stageEnteredAt();
                }
            }
        });
        if (owing.isEmpty()) {
            return List.of();
        }
        // Only the last allowed touch of the stay and the last blocked one after it matter.
        Map<String, Touch[]> stay = new HashMap<>();
        touches.scan(earliest[0], null, t -> {
            Lead lead = t.leadId() == null ? null : owing.get(t.leadId());
            if (lead == null || !FollowUpQueue.countsForCurrentStay(lead, t)) {
                return;
            }
            Touch[] last = stay.computeIfAbsent(lead.id(), id -> new Touch[2]);
            if (t.decision() == Verdict.ALLOW) {
                last[0] = t;
                last[1] = null;
            } else {
                last[1] = t;
            }
        });
        List<FollowUp> result = new ArrayList<>();
        for (Lead lead : owing.values()) {
            Touch[] last = stay.get(lead.id());
            List<Touch> relevant = last == null ? List.of()
                    : Arrays.stream(last).filter(Objects::nonNull).toList();
            queue.followUpFor(lead, relevant, this::nextAllowedAt, now)
                    .filter(f -> status == null || f.status() == status)
                    .ifPresent(result::add);
        }
        result.sort(Comparator.comparing(FollowUp::deadline).thenComparing(FollowUp::leadId));
        return result;
    }

    /**
     * Decisions in the window from the audit log, the follow-ups overdue now because of a block, and
     * the bounce and complaint rates of the mail sent in the window.
     */
    public ComplianceReport compliance(Instant from, Instant to) {
        ReportWindow window = new ReportWindow(from, to, clock.instant());
        ComplianceTally tally = new ComplianceTally(window);
        long afterSeq = 0;
        while (true) {
            List<AuditEntry> page = audit.page(new AuditQuery(from, to, null, null, null, null, null, null, afterSeq,
                    AUDIT_PAGE));
            for (AuditEntry e : page) {
                boolean dryRun = AuditKind.CHECK.name().equals(e.kind());
                if ((!dryRun && !AuditKind.DECISION.name().equals(e.kind())) || e.channel() == null || e.decision() == null) {
                    continue;
                }
                Channel channel;
                try {
                    channel = Channel.valueOf(e.channel());
                } catch (IllegalArgumentException unknown) {
                    continue;
                }
                boolean allowed = Verdict.ALLOW.name().equals(e.decision());
                tally.decision(channel, allowed, dryRun, rules(e.rules()),
                        allowed || dryRun ? List.of() : findings(e));
            }
            if (page.size() < AUDIT_PAGE) {
                break;
            }
            afterSeq = page.get(page.size() - 1).seq();
        }
        List<FollowUp> overdue = followUps(FollowUpStatus.OVERDUE, null, window.asOf()).stream()
                .filter(FollowUp::overdueBecauseOfBlock).toList();
        return tally.report(overdue, deliveryRates(from, to));
    }

    /** Bounce and complaint rates per sender domain and UTC day of the messages sent in the window. */
    public DeliveryRates deliveryRates(Instant from, Instant to) {
        DeliveryRatesTally tally = new DeliveryRatesTally();
        for (DeliveryRecords.DeliveryCount c : deliveries.deliveryCounts(from, to)) {
            tally.count(c.senderDomain(), c.day(), c.kind(), c.count());
        }
        return tally.rates();
    }

    private static List<String> rules(String joined) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(","));
    }

    private static List<ComplianceTally.Finding> findings(AuditEntry e) {
        return AuditPayload.of(e) instanceof AuditPayload.Decision d
                ? d.blocking().stream().map(r -> new ComplianceTally.Finding(r.rule(),
                        r.detail() == null ? "" : r.detail())).toList()
                : List.of();
    }

    /** The decision's {@code nextAllowedAt} from its audit entry's payload; null when absent or unreadable. */
    private Instant nextAllowedAt(String auditId) {
        return audit.find(auditId).map(AuditPayload::of)
                .map(p -> p instanceof AuditPayload.Decision d ? d.nextAllowedAt() : null).orElse(null);
    }
}
