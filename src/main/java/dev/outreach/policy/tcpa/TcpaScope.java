package dev.outreach.policy.tcpa;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Facts;
import dev.outreach.policy.RuleResult;

import java.util.Optional;

/** What the TCPA rules share: they govern calls and texts, and need the number's facts to judge. */
final class TcpaScope {

    private TcpaScope() {
    }

    static boolean isCallOrText(Attempt attempt) {
        return attempt.channel() == Channel.CALL || attempt.channel() == Channel.SMS;
    }

    /**
     * NOT_APPLICABLE for email; BLOCK when the phone facts were not gathered (unknown fails
     * closed); empty when the rule has what it needs.
     */
    static Optional<RuleResult> precheck(String rule, String citation, Attempt attempt, Facts facts) {
        if (!isCallOrText(attempt)) {
            return Optional.of(RuleResult.notApplicable(rule, "not a call or text"));
        }
        if (facts.phone() == null) {
            return Optional.of(RuleResult.block(rule, "no facts about the number were gathered; blocked to fail closed",
                    citation));
        }
        return Optional.empty();
    }

    /** "telemarketing call" / "marketing text" / "informational call", for details. */
    static String describe(Attempt attempt) {
        String kind = attempt.purpose().isMarketing()
                ? attempt.channel() == Channel.CALL ? "telemarketing" : "marketing"
                : "informational";
        return kind + (attempt.channel() == Channel.CALL ? " call" : " text");
    }
}
