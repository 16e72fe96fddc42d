package dev.outreach.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A pure function of (attempt, facts, clock) to decision. Every rule is evaluated, even after one
 * blocks, so the decision explains everything that stood in the way.
 */
public final class PolicyEngine {

    private final List<Rule> rules;
    private final String policyVersion;
    private final NextAllowedSearch nextAllowed;

    public PolicyEngine(List<Rule> rules, String policyVersion) {
        this.rules = List.copyOf(rules);
        this.policyVersion = Objects.requireNonNull(policyVersion, "policyVersion");
        this.nextAllowed = new NextAllowedSearch(this.rules);
    }

    public Decision decide(Attempt attempt, Facts facts, Clock clock) {
        Instant now = attempt.at() != null ? attempt.at() : clock.instant();
        List<RuleResult> evaluated = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            evaluated.add(evaluateFailingClosed(rule, attempt, facts, now));
        }
        return Decision.of(attempt, evaluated, nextAllowed.find(attempt, facts, now, evaluated), policyVersion, now);
    }

    /** A rule that throws has not shown the touch is lawful, so its failure is a block. */
    static RuleResult evaluateFailingClosed(Rule rule, Attempt attempt, Facts facts, Instant now) {
        try {
            RuleResult result = rule.evaluate(attempt, facts, now);
            if (result == null || !result.rule().equals(rule.id())) {
                return RuleResult.block(rule.id(), "rule returned no valid result; blocked to fail closed", null);
            }
            return result;
        } catch (RuntimeException e) {
            return RuleResult.block(rule.id(), "rule could not be evaluated (" + e.getClass().getSimpleName()
                    + "); blocked to fail closed", null);
        }
    }

    public String policyVersion() {
        return policyVersion;
    }

    public List<Rule> rules() {
        return rules;
    }
}
