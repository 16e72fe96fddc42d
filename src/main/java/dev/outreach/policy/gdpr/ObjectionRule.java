package dev.outreach.policy.gdpr;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Facts;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.Instant;

/** An objection to direct marketing is absolute: no marketing touch on any channel afterwards. */
public final class ObjectionRule implements Rule {

    public static final String ID = "gdpr.objection";
    private static final String CITATION = "GDPR Art 21(2)-(3)";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        if (!attempt.purpose().isMarketing()) {
            return RuleResult.notApplicable(ID, "not direct marketing");
        }
        if (facts.hasSuppression(SuppressionReason.OBJECTION)) {
            return RuleResult.block(ID, "the person objected to direct marketing", CITATION);
        }
        return RuleResult.pass(ID, "no objection to direct marketing recorded", CITATION);
    }
}
