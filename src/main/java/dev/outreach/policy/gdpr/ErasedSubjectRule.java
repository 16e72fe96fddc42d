package dev.outreach.policy.gdpr;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Facts;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.Instant;

/**
 * A person whose data was erased is never contacted again on any channel, for any purpose: the
 * keyed hash kept at erasure exists exactly so that a re-imported address stays blocked.
 */
public final class ErasedSubjectRule implements Rule {

    public static final String ID = "gdpr.erased";
    private static final String CITATION = "GDPR Art 17; ICO guidance on suppression after erasure";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        if (facts.hasSuppression(SuppressionReason.ERASURE)) {
            return RuleResult.block(ID, "the data subject's data was erased; they must not be contacted again",
                    CITATION);
        }
        return RuleResult.pass(ID, "no erasure recorded", CITATION);
    }
}
