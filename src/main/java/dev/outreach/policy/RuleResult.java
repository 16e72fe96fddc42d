package dev.outreach.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * One rule's finding: its stable id, the outcome, a sentence a person can read, the legal
 * citation, and for time-based blocks the earliest instant the rule would pass.
 */
public record RuleResult(String rule, Outcome outcome, String detail, String citation, Instant nextAllowedAt) {

    public RuleResult {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }

    public static RuleResult pass(String rule, String detail, String citation) {
        return new RuleResult(rule, Outcome.PASS, detail, citation, null);
    }

    public static RuleResult block(String rule, String detail, String citation) {
        return new RuleResult(rule, Outcome.BLOCK, detail, citation, null);
    }

    public static RuleResult blockUntil(String rule, String detail, String citation, Instant nextAllowedAt) {
        return new RuleResult(rule, Outcome.BLOCK, detail, citation, nextAllowedAt);
    }

    public static RuleResult notApplicable(String rule, String detail) {
        return new RuleResult(rule, Outcome.NOT_APPLICABLE, detail, null, null);
    }

    public boolean blocks() {
        return outcome == Outcome.BLOCK;
    }
}
