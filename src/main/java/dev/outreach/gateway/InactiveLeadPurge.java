package dev.outreach.gateway;

import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditTrail;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.lead.Lead;
import dev.outreach.store.Touch;
import dev.outreach.store.Consent;
import dev.outreach.store.InactiveLead;
import dev.outreach.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import dev.outreach.schedule.RecurringTask;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Storage limitation (GDPR Art 5(1)(e)): leads with no activity for longer than
 * {@code retention.inactive-leads} are anonymised, daily in the running gateway or on demand. The
 * report of what would be anonymised (a dry run) is always available first and holds no personal
 * data. Activity is the lead's creation, an update, a stage change, a touch (allowed or blocked) or
 * a consent recorded for its address or number; a lead that has none since the cutoff is inactive.
 * Each anonymised lead is audited (LEAD_ANONYMISED), and each run (INACTIVE_LEADS_PURGED).
 */
public final class InactiveLeadPurge implements AutoCloseable {

    /** When the daily job first runs after start. */
    static final Duration FIRST_RUN_DELAY = Duration.ofMinutes(10);
    static final Duration PERIOD = Duration.ofDays(1);
    private static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(InactiveLeadPurge.class);

    /**
     * What a purge did or, for a dry run, would do.
     *
     * @param leads the inactive leads found (and, unless a dry run, anonymised), in id order
     * @param truncated more leads are inactive than {@code limit} allowed to list
     * @param auditEntryId the INACTIVE_LEADS_PURGED entry; null for a dry run
     */
    public record Report(boolean dryRun, Duration retention, Instant cutoff, List<InactiveLead> leads,
                         boolean truncated, String auditEntryId) {
    }

    private final Store store;
    private final SubjectErasure rights;
    private final AuditTrail audit;
    private final RecipientPseudonyms pseudonyms;
    private final Duration retention;
    private final Clock clock;
    private final Object purging = new Object();
    private final RecurringTask schedule = new RecurringTask("inactive-lead-purge", FIRST_RUN_DELAY, PERIOD, this::daily);

    /** @throws IllegalArgumentException when the retention is shorter than a day */
    public InactiveLeadPurge(Store store, SubjectErasure rights, AuditTrail audit, RecipientPseudonyms pseudonyms,
                             Duration retention, Clock clock) {
        if (retention == null || retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("retention.inactive-leads must be at least P1D, was " + retention);
        }
        this.store = store;
        this.rights = rights;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.retention = retention;
        this.clock = clock;
    }

    public Duration retention() {
        return retention;
    }

    /** The dry run: the inactive leads, at most {@code limit}; changes nothing and is not audited. */
    public Report report(int limit) {
        Instant cutoff = clock.instant().minus(retention);
        List<InactiveLead> found = new ArrayList<>();
        boolean truncated = inactive(cutoff, limit, found);
        return new Report(true, retention, cutoff, found, truncated, null);
    }

    /**
     * Anonymises every inactive lead (at most {@code limit}), audited. Each lead is checked again
     * just before it is anonymised, so one that became active meanwhile is left alone.
     */
    public Report purge(String actor, int limit) {
        synchronized (purging) {
            Instant now = clock.instant();
            Instant cutoff = now.minus(retention);
            List<InactiveLead> candidates = new ArrayList<>();
            boolean truncated = inactive(cutoff, limit, candidates);
            List<InactiveLead> done = new ArrayList<>();
            Map<String, Integer> totals = new LinkedHashMap<>();
            for (InactiveLead candidate : candidates) {
                Optional<Lead> lead = store.leads().find(candidate.leadId()).filter(l -> stillInactive(l, cutoff));
                if (lead.isEmpty()) {
                    continue;
                }
                Map<String, Integer> counts = rights.anonymiseInactive(lead.get(), now);
                counts.forEach((table, n) -> totals.merge(table, n, Integer::sum));
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("reason", "retention");
                detail.put("retention", retention.toString());
                detail.put("lastActivityAt", candidate.lastActivityAt().toString());
                detail.put("anonymised", counts);
                audit.recordChange(AuditKind.LEAD_ANONYMISED, actor, null, candidate.leadId(), null, detail);
                done.add(candidate);
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("retention", retention.toString());
            detail.put("cutoff", cutoff.toString());
            detail.put("leads", done.size());
            detail.put("truncated", truncated);
            detail.put("anonymised", totals);
            if (!done.isEmpty()) {
                detail.put("storage", rights.scrubStorage());
            }
            String auditId = audit.recordChange(AuditKind.INACTIVE_LEADS_PURGED, actor, null, null, null, detail).id();
            return new Report(false, retention, cutoff, done, truncated, auditId);
        }
    }

    /** Fills {@code into} with up to {@code limit} inactive leads; true when there are more. */
    private boolean inactive(Instant cutoff, int limit, List<InactiveLead> into) {
        String after = null;
        while (true) {
            List<InactiveLead> page = store.leads().inactiveSince(cutoff, after, BATCH);
            for (InactiveLead candidate : page) {
                Optional<Lead> lead = store.leads().find(candidate.leadId());
                if (lead.isPresent() && !consentSince(lead.get(), cutoff)) {
                    if (into.size() == limit) {
                        return true;
                    }
                    into.add(candidate);
                }
            }
            if (page.size() < BATCH) {
                return false;
            }
            after = page.get(page.size() - 1).leadId();
        }
    }

    /** No update, stage change, touch or consent since the cutoff. */
    private boolean stillInactive(Lead lead, Instant cutoff) {
        if (!lead.updatedAt().isBefore(cutoff) || !lead.stageEnteredAt().isBefore(cutoff)
                || !lead.createdAt().isBefore(cutoff)) {
            return false;
        }
        List<Touch> touches = store.touches().forLead(lead.id());
        if (!touches.isEmpty() && !touches.get(touches.size() - 1).at().isBefore(cutoff)) {
            return false;
        }
        return !consentSince(lead, cutoff);
    }

    /** A consent recorded (or withdrawn) for the lead's address or number at or after the cutoff. */
    private boolean consentSince(Lead lead, Instant cutoff) {
        List<Consent> consents = new ArrayList<>();
        if (lead.email() != null) {
            consents.addAll(store.consents().findByKey(pseudonyms.email(lead.email())));
        }
        if (lead.phone() != null) {
            consents.addAll(store.consents().findByKey(pseudonyms.phone(lead.phone())));
        }
        return consents.stream().anyMatch(c -> !c.createdAt().isBefore(cutoff)
                || (c.revokedAt() != null && !c.revokedAt().isBefore(cutoff)));
    }

    /** Runs the purge daily on one daemon thread, first a few minutes after start. */
    public void start() {
        schedule.start();
    }

    private void daily() {
        Report report = purge("system", Integer.MAX_VALUE);
        LOG.info("inactive-lead purge: {} leads anonymised (no activity since {})", report.leads().size(),
                report.cutoff());
    }

    @Override
    public void close() {
        schedule.close();
    }
}
