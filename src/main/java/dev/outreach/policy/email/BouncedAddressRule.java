package dev.outreach.policy.email;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Facts;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.Instant;

/**
 * A hard-bounced address is never mailed again, whatever the purpose: repeated sends to dead
 * mailboxes damage the sender's reputation with every mailbox provider.
 */
public final class BouncedAddressRule implements Rule {

    public static final String ID = "email.bounced";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        if (attempt.channel() != Channel.EMAIL) {
            return RuleResult.notApplicable(ID, "not an email");
        }
        if (facts.hasSuppression(SuppressionReason.BOUNCE)) {
            return RuleResult.block(ID, "address hard-bounced earlier (permanent 5.1.x failure)", null);
        }
        return RuleResult.pass(ID, "no hard bounce recorded", null);
    }
}
