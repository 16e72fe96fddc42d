package dev.outreach.policy.intl;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Facts;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code au.spam-consent}: a commercial electronic message (email, text) to a recipient in Australia
 * needs consent, express or inferred (Spam Act 2003 s 16). The reference does not say when consent may
 * be inferred, so only a recorded express consent counts here (fail closed); an unsubscribe withdraws
 * it at once (the Act allows 5 business days; the shortest deadline is used).
 */
public final class AustralianSpamConsentRule implements Rule {

    public static final String ID = "au.spam-consent";
    static final String CITATION = "Spam Act 2003 ss 16-18";
    static final String LAW = "the Spam Act 2003";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        Optional<RuleResult> out = ElectronicMessages.outOfScope(ID, "AU", LAW, attempt, facts);
        if (out.isPresent()) {
            return out.get();
        }
        String who = ElectronicMessages.who("AU", LAW, facts);
        Optional<ConsentFact> express = ElectronicMessages.expressConsent(attempt, facts, now);
        if (express.isPresent()) {
            return RuleResult.pass(ID, ElectronicMessages.consentPass(express.get()) + "; " + who, CITATION);
        }
        return RuleResult.block(ID, ElectronicMessages.what(attempt) + " needs consent; "
                + ElectronicMessages.noExpressConsent(attempt, facts) + "; inferred consent is not accepted (the "
                + "conditions for inferring it are not encoded); " + who, CITATION);
    }
}
