package dev.outreach.policy.intl;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Facts;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code ch.uwg-consent}: mass advertising by email or text to a recipient in Switzerland without
 * prior consent is unfair competition (Swiss UWG Art 3(1)(o)). Exception: a customer whose details
 * were obtained in a sale, for the seller's own similar products, when refusal was offered. The
 * gateway knows who is a customer (outcome WON, or CLOSING/POST_SALE and not LOST) and who refused
 * (an unsubscribe or objection); it cannot know whether the products are similar or whether refusal
 * was offered at collection, which the sender must ensure.
 */
public final class SwissUwgConsentRule implements Rule {

    public static final String ID = "ch.uwg-consent";
    static final String CITATION = "Swiss UWG Art 3(1)(o)";
    static final String LAW = "Swiss UWG";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        Optional<RuleResult> out = ElectronicMessages.outOfScope(ID, "CH", LAW, attempt, facts);
        if (out.isPresent()) {
            return out.get();
        }
        String who = ElectronicMessages.who("CH", LAW, facts);
        Optional<ConsentFact> express = ElectronicMessages.expressConsent(attempt, facts, now);
        if (express.isPresent()) {
            return RuleResult.pass(ID, "prior " + ElectronicMessages.consentPass(express.get()) + "; " + who,
                    CITATION);
        }
        Optional<String> customer = ElectronicMessages.customer(facts.lead());
        boolean refused = ElectronicMessages.optedOut(attempt, facts)
                || ElectronicMessages.withdrawnAt(attempt, facts) != null;
        if (customer.isPresent() && !refused) {
            return RuleResult.pass(ID, "customer exception: " + customer.get() + ", who has not refused; only the "
                    + "seller's own similar products, with the sender identified and a free opt-out; " + who, CITATION);
        }
        String noCustomer = customer.isEmpty() ? "not a customer (no sale on record)"
                : customer.get() + " but refused further advertising";
        return RuleResult.block(ID, ElectronicMessages.what(attempt) + " needs prior consent; "
                + ElectronicMessages.noExpressConsent(attempt, facts) + "; no customer exception: " + noCustomer
                + "; " + who, CITATION);
    }
}
