package dev.outreach.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The earliest instant at which every rule permits a blocked touch. Each time-based block says when
 * its own rule passes, but rules interact (federal hours open at 08:00 on Sunday, the state bans
 * Sunday), so the search starts at the latest of those instants, re-evaluates every rule there, and
 * jumps to the latest instant the rules still blocking name, until all pass. Pure: the facts stay as
 * gathered; only the instant being judged moves.
 */
public final class NextAllowedSearch {

    /** How far ahead the search looks; beyond it the decision gives no instant. */
    public static final Duration HORIZON = Duration.ofDays(30);
    private static final int MAX_STEPS = 200;
    private static final Duration MIN_STEP = Duration.ofMinutes(1);

    private final List<Rule> rules;

    public NextAllowedSearch(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * @param evaluated every rule's result at {@code now}
     * @return null when nothing blocks, when a block is not time-based (at {@code now} or at a later
     *         candidate), or when no instant within {@link #HORIZON} passes every rule
     */
    public Instant find(Attempt attempt, Facts facts, Instant now, List<RuleResult> evaluated) {
        Instant limit = now.plus(HORIZON);
        Instant judged = now;
        List<RuleResult> blocking = Decision.blocking(evaluated);
        for (int step = 0; step < MAX_STEPS && !blocking.isEmpty(); step++) {
            if (blocking.stream().anyMatch(r -> r.nextAllowedAt() == null)) {
                return null;
            }
            Instant candidate = blocking.stream().map(RuleResult::nextAllowedAt).max(Comparator.naturalOrder())
                    .orElseThrow();
            if (!candidate.isAfter(judged)) {
                // a rule named an instant that is not ahead of the one judged: step on rather than loop
                candidate = judged.plus(MIN_STEP);
            }
            if (candidate.isAfter(limit)) {
                return null;
            }
            judged = candidate;
            blocking = Decision.blocking(evaluateAt(attempt, facts, judged));
            if (blocking.isEmpty()) {
                return judged;
            }
        }
        return null;
    }

    private List<RuleResult> evaluateAt(Attempt attempt, Facts facts, Instant at) {
        return rules.stream().map(rule -> PolicyEngine.evaluateFailingClosed(rule, attempt, facts, at)).toList();
    }
}
