package dev.outreach.audit;

import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.PruneBoundary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import dev.outreach.schedule.RecurringTask;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Expiry of audit entries past their {@link RetentionPolicy retention}, without ever breaking
 * verification. A prune removes a prefix of the chain only, and only:
 * <ol>
 *   <li>when the whole chain verifies against the checkpoint file (a tampered log is kept as
 *       evidence, never pruned);</li>
 *   <li>entries each of which is older than the retention of its kind, stopping at the first
 *       one that must still be kept;</li>
 *   <li>up to a signed checkpoint, so the removed segment is sealed: the prune boundary (seq and
 *       hash of the last removed entry) is written to the checkpoint file first, then to the
 *       database, and only then are rows deleted.</li>
 * </ol>
 * Each prune is itself audited as an {@code AUDIT_PRUNED} entry naming the range.
 */
public final class AuditRetention implements AutoCloseable {

    /** When the daily job first runs after start. */
    static final Duration FIRST_RUN_DELAY = Duration.ofMinutes(5);
    static final Duration PERIOD = Duration.ofDays(1);
    private static final int SCAN_PAGE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

    /**
     * What a prune did or, for a dry run, would do.
     *
     * @param pruned true when entries were deleted (never for a dry run)
     * @param refused true when the chain did not verify, so nothing may be pruned
     * @param fromSeq first entry of the range, null when there is nothing to prune
     * @param throughSeq last entry of the range (the new prune boundary), null when nothing
     * @param entries how many entries the range holds
     * @param sealedBy the checkpoint that seals the range
     * @param auditEntryId the AUDIT_PRUNED entry, null for a dry run or when nothing was pruned
     * @param detail one sentence for the operator
     */
    public record Report(boolean dryRun, boolean pruned, boolean refused, Long fromSeq, Long throughSeq,
                         long entries, Instant fromAt, Instant throughAt, Checkpoint sealedBy, String auditEntryId,
                         String detail) {
    }

    private final AuditEntries entries;
    private final AuditTrail trail;
    private final CheckpointFile file;
    private final RetentionPolicy policy;
    private final Clock clock;
    private final Object pruning = new Object();
    private final RecurringTask schedule = new RecurringTask("audit-retention", FIRST_RUN_DELAY, PERIOD, this::daily);

    public AuditRetention(AuditEntries entries, AuditTrail trail, CheckpointFile file, RetentionPolicy policy,
                          Clock clock) {
        this.entries = entries;
        this.trail = trail;
        this.file = file;
        this.policy = policy;
        this.clock = clock;
    }

    public RetentionPolicy policy() {
        return policy;
    }

    /**
     * Prunes what retention allows now, or with {@code dryRun} only reports it.
     *
     * @param actor who asked, for the AUDIT_PRUNED entry ("system" for the daily job)
     */
    public Report prune(String actor, boolean dryRun) {
        synchronized (pruning) {
            return pruneNow(actor, dryRun);
        }
    }

    private Report pruneNow(String actor, boolean dryRun) {
        Instant now = clock.instant();
        VerifyResult verified = AuditVerifier.verify(entries, file);
        if (!verified.ok()) {
            return new Report(dryRun, false, true, null, null, 0, null, null, null, null,
                    "refused: the audit chain does not verify, so it is kept whole as evidence: " + verified.detail());
        }
        Optional<PruneBoundary> signed = signedBoundary();
        long alreadyPruned = signed.map(PruneBoundary::seq).orElse(0L);
        if (!dryRun && signed.isPresent()) {
            entries.prune(signed.get()); // finishes a prune that was interrupted after its boundary was recorded
        }
        List<CheckpointFile.Line> checkpoints = file.read().stream()
                .filter(l -> l.valid() && CheckpointFile.CHECKPOINT.equals(l.type()) && l.seq() > alreadyPruned)
                .toList();
        long newestCheckpoint = checkpoints.stream().mapToLong(CheckpointFile.Line::seq).max().orElse(0);
        long lastExpired = lastExpired(alreadyPruned, newestCheckpoint, now);
        Optional<CheckpointFile.Line> seal = checkpoints.stream()
                .filter(c -> c.seq() <= lastExpired)
                .max((a, b) -> Long.compare(a.seq(), b.seq()));
        if (seal.isEmpty()) {
            String why;
            if (lastExpired > alreadyPruned) {
                why = "the expired entries (through " + lastExpired + ") are not yet sealed by a checkpoint";
            } else if (checkpoints.isEmpty() && lastExpired(alreadyPruned, alreadyPruned + 1, now) > alreadyPruned) {
                why = "entries have expired, but no checkpoint seals them yet";
            } else {
                why = "no entry is older than its retention (" + policy + ")";
            }
            return new Report(dryRun, false, false, null, null, 0, null, null, null, null,
                    "nothing to prune: " + why);
        }
        Checkpoint sealedBy = seal.get().checkpoint();
        AuditEntry first = entries.page(AuditQuery.all(1).after(alreadyPruned)).get(0);
        AuditEntry last = entries.findBySeq(sealedBy.seq()).orElseThrow();
        long count = sealedBy.seq() - alreadyPruned;
        String range = "entries " + first.seq() + " to " + last.seq() + " (" + count + " entries, " + first.at()
                + " to " + last.at() + "), sealed by the checkpoint of " + sealedBy.at();
        if (dryRun) {
            return new Report(true, false, false, first.seq(), last.seq(), count, first.at(), last.at(), sealedBy,
                    null, "would prune " + range);
        }
        PruneBoundary boundary = new PruneBoundary(last.seq(), last.hash(), now);
        file.append(boundary);
        long deleted = entries.prune(boundary);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("fromSeq", first.seq());
        detail.put("throughSeq", last.seq());
        detail.put("entries", deleted);
        detail.put("fromAt", first.at().toString());
        detail.put("throughAt", last.at().toString());
        detail.put("boundaryHash", last.hash());
        detail.put("sealedByCheckpointAt", sealedBy.at().toString());
        detail.put("retentionAudit", RetentionPolicy.describe(policy.audit()));
        detail.put("retentionCompanyDnc", RetentionPolicy.describe(policy.companyDnc()));
        AuditEntry recorded = trail.recordChange(AuditKind.AUDIT_PRUNED, actor, null, null, null, detail);
        LOG.info("audit retention pruned {}", range);
        return new Report(false, true, false, first.seq(), last.seq(), deleted, first.at(), last.at(), sealedBy,
                recorded.id(), "pruned " + range);
    }

    /**
     * The seq of the last entry of the expired prefix after {@code afterSeq}: walks forward until
     * the first entry still inside its retention, or past {@code limit} (nothing beyond the newest
     * checkpoint can be pruned, so there is no need to look further).
     */
    private long lastExpired(long afterSeq, long limit, Instant now) {
        long last = afterSeq;
        long cursor = afterSeq;
        while (cursor < limit) {
            List<AuditEntry> page = entries.page(AuditQuery.all(SCAN_PAGE).after(cursor));
            if (page.isEmpty()) {
                return last;
            }
            for (AuditEntry e : page) {
                if (e.seq() > limit || e.at().plus(policy.retentionOf(e)).isAfter(now)) {
                    return last;
                }
                last = e.seq();
            }
            cursor = page.get(page.size() - 1).seq();
        }
        return last;
    }

    private Optional<PruneBoundary> signedBoundary() {
        return file.read().stream()
                .filter(l -> l.valid() && CheckpointFile.PRUNE.equals(l.type()))
                .max((a, b) -> Long.compare(a.seq(), b.seq()))
                .map(CheckpointFile.Line::boundary);
    }

    /** Runs the prune daily on one daemon thread, first a few minutes after start. */
    public void start() {
        schedule.start();
    }

    private void daily() {
        Report report = prune("system", false);
        if (report.refused()) {
            LOG.error("audit retention {}", report.detail());
        } else {
            LOG.info("audit retention: {}", report.detail());
        }
    }

    @Override
    public void close() {
        schedule.close();
    }
}
