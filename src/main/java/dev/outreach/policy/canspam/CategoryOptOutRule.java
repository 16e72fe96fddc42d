package dev.outreach.policy.canspam;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Facts;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.Instant;

/**
 * No commercial email of a category the recipient opted down from in the preference centre. The
 * opt-out mechanism may offer a choice of the kinds of message a person still wants (15 USC
 * 7704(a)(3)); a request not to receive a kind is then honoured like any opt-out (7704(a)(4)).
 * Transactional messages (15 USC 7702(17)) are outside opt-outs. A message without a category is
 * judged only by {@code canspam.suppression}. When the opt-outs were not gathered they are
 * unknown, and a categorised commercial message is blocked (fail closed).
 */
public final class CategoryOptOutRule implements Rule {

    public static final String ID = "canspam.category-opt-out";
    private static final String CITATION = "15 USC 7704(a)(3), (a)(4)";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        if (attempt.channel() != Channel.EMAIL) {
            return RuleResult.notApplicable(ID, "not an email");
        }
        if (attempt.purpose() != Purpose.COMMERCIAL) {
            return RuleResult.notApplicable(ID, "transactional message (15 USC 7702(17)); opt-outs do not apply");
        }
        String category = facts.message() == null ? null : facts.message().category();
        if (category == null) {
            return RuleResult.notApplicable(ID, "the message has no preference category");
        }
        if (facts.optedOutCategories() == null) {
            return RuleResult.block(ID, "the recipient's category preferences are unknown, so commercial email of "
                    + "category '" + category + "' is blocked", CITATION);
        }
        if (facts.optedOutCategories().contains(category)) {
            return RuleResult.block(ID, "the recipient opted out of '" + category + "' email in the preference centre",
                    CITATION);
        }
        return RuleResult.pass(ID, "the recipient has not opted out of '" + category + "' email", CITATION);
    }
}
