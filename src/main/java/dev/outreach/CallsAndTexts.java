package dev.outreach;

import dev.outreach.contact.PhoneLocator;
import dev.outreach.gateway.InboundTexts;
import dev.outreach.gateway.PhoneFactGatherer;
import dev.outreach.gateway.PhoneTouches;
import dev.outreach.gateway.RevocationKeywords;
import dev.outreach.store.Store;

/** Calls and texts: the phone decision path (consent, do-not-call, calling hours) and inbound texts. */
public record CallsAndTexts(PhoneTouches touches, InboundTexts inboundTexts) {

    static CallsAndTexts wire(Foundation base, PolicyInForce policy, ContactPermissions permissions) {
        Store store = base.store();
        PhoneFactGatherer facts = new PhoneFactGatherer(permissions.suppressions(), permissions.registry(),
                permissions.consents(), PhoneLocator.load(), store.leads(), store.touches());
        PhoneTouches touches = new PhoneTouches(store.leads(), store.touches(), facts, policy.engine(), base.audit(),
                base.pseudonyms(), permissions.registry(), permissions.consents(), store.audit(), store.transactions(),
                store.knownRecipients(), base.clock());
        InboundTexts inbound = new InboundTexts(permissions.consents(), store.revocationReviews(),
                RevocationKeywords.load(), base.audit(), base.clock());
        return new CallsAndTexts(touches, inbound);
    }
}
