package dev.outreach.policy;

import java.time.Instant;
import java.util.Comparator;
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

    static Decision of(Attempt attempt, List<RuleResult> evaluated, String policyVersion, Instant decidedAt) {
        List<RuleResult> blocking = evaluated.stream().filter(RuleResult::blocks).toList();
        Verdict verdict = blocking.isEmpty() ? Verdict.ALLOW : Verdict.BLOCK;
        return new Decision(verdict, attempt.channel(), attempt.recipient(), blocking, evaluated,
                nextAllowedAt(blocking), policyVersion, decidedAt, attempt.dryRun(), null);
    }

    /**
     * A block lifts only when every blocking rule lifts, so the decision's instant is the latest of
     * the rules' instants; if any blocking rule has none (not time-based), there is none.
     */
    private static Instant nextAllowedAt(List<RuleResult> blocking) {
        if (blocking.isEmpty() || blocking.stream().anyMatch(r -> r.nextAllowedAt() == null)) {
            return null;
        }
        return blocking.stream().map(RuleResult::nextAllowedAt).max(Comparator.naturalOrder()).orElse(null);
    }

    public boolean allowed() {
        return decision == Verdict.ALLOW;
    }

    public Decision withAuditId(String id) {
        return new Decision(decision, channel, recipient, reasons, evaluated, nextAllowedAt, policyVersion,
                decidedAt, dryRun, id);
    }

    public List<String> blockingRules() {
        return reasons.stream().map(RuleResult::rule).toList();
    }
}
