package dev.outreach.policy.state;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.RuleResult;

import java.util.Optional;

/**
 * Calling-hour, calling-day and frequency limits govern telephone solicitation: marketing calls
 * and texts (47 CFR 64.1200(c)(1), (f)(15); the state statutes likewise regulate solicitation).
 * Email and informational touches are out of their scope.
 */
public final class SolicitationScope {

    private SolicitationScope() {
    }

    /** NOT_APPLICABLE with the reason when the attempt is out of scope; empty when the rule must judge it. */
    public static Optional<RuleResult> outOfScope(String rule, Attempt attempt) {
        if (attempt.channel() != Channel.CALL && attempt.channel() != Channel.SMS) {
            return Optional.of(RuleResult.notApplicable(rule, "applies to calls and texts only"));
        }
        if (!attempt.purpose().isMarketing()) {
            return Optional.of(RuleResult.notApplicable(rule, "an " + attempt.purpose() + " " + touch(attempt)
                    + " is not a telephone solicitation; calling-time and frequency limits govern solicitation only"
                    + " (47 CFR 64.1200(c)(1), (f)(15))"));
        }
        return Optional.empty();
    }

    static String touch(Attempt attempt) {
        return attempt.channel() == Channel.CALL ? "call" : "text";
    }
}
