package dev.outreach.policy.email;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PolicySettings;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.Instant;
import java.util.Locale;

/** Only configured sender domains may appear in From: the gateway is never an open relay. */
public final class SenderDomainRule implements Rule {

    public static final String ID = "email.sender-domain";
    private static final String CITATION = "15 USC 7704(a)(1)";

    private final PolicySettings settings;

    public SenderDomainRule(PolicySettings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        if (attempt.channel() != Channel.EMAIL) {
            return RuleResult.notApplicable(ID, "not an email");
        }
        if (facts.message() == null) {
            return RuleResult.notApplicable(ID, "no message given; sender not judged");
        }
        String from = facts.message().fromAddress();
        String domain = from == null ? "" : from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (settings.senderDomains().contains(domain)) {
            return RuleResult.pass(ID, "sender domain " + domain + " is configured", CITATION);
        }
        return RuleResult.block(ID, "sender domain '" + domain + "' is not one of the configured sender domains "
                + settings.senderDomains(), CITATION);
    }
}
