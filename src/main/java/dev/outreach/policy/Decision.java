package dev.outreach.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The engine's answer: ALLOW only when no evaluated rule blocked. {@code reasons} are exactly the
 * blocking results; {@code evaluated} every rule considered. {@code auditId} is set once the
 * decision is in the audit log.
 */
public record Decision(Verdict decision, Channel channel, String recipient, List<RuleResult> reasons,
                       List<RuleResult> evaluated, Instant nextAllowedAt, String policyVersion, Instant decidedAt,
                       boolean dryRun, String auditId) {

    public Decision {
        reasons = List.copyOf(reasons);
        evaluated = List.copyOf(evaluated);
        Objects.requireNonNull(policyVersion, "policyVersion");
    }

    /**
     * @param nextAllowedAt for a block, the earliest instant at which every rule permits the touch
     *                      ({@link NextAllowedSearch}); null when allowed or when no such instant is known
     */
    static Decision of(Attempt attempt, List<RuleResult> evaluated, Instant nextAllowedAt, String policyVersion,
                       Instant decidedAt) {
        List<RuleResult> blocking = blocking(evaluated);
        Verdict verdict = blocking.isEmpty() ? Verdict.ALLOW : Verdict.BLOCK;
        return new Decision(verdict, attempt.channel(), attempt.recipient(), blocking, evaluated,
                blocking.isEmpty() ? null : nextAllowedAt, policyVersion, decidedAt, attempt.dryRun(), null);
    }

    public boolean allowed() {
        return decision == Verdict.ALLOW;
    }

    public Decision withAuditId(String id) {
        return new Decision(decision, channel, recipient, reasons, evaluated, nextAllowedAt, policyVersion,
                decidedAt, dryRun, id);
    }

    public List<String> blockingRules() {
        List<String> ids = new ArrayList<>(reasons.size());
        for (RuleResult r : reasons) {
            ids.add(r.rule());
        }
        return Collections.unmodifiableList(ids);
    }

    /** The results that block, in order: a loop, since every check and every batch row asks. */
    static List<RuleResult> blocking(List<RuleResult> results) {
        List<RuleResult> blocking = new ArrayList<>();
        for (RuleResult r : results) {
            if (r.blocks()) {
                blocking.add(r);
            }
        }
        return blocking;
    }
}
