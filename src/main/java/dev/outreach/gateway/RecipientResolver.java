package dev.outreach.gateway;

import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.contact.EmailAddresses;
import dev.outreach.contact.InvalidEmailAddressException;
import dev.outreach.lead.Lead;
import dev.outreach.policy.Channel;
import dev.outreach.store.KnownRecipients;
import dev.outreach.store.Leads;
import dev.outreach.store.Suppressions;

import java.util.ArrayList;
import java.util.List;

/** Turns "a lead id or an address" into the lead (when known) and the normalised recipient. */
public final class RecipientResolver {

    /**
     * The lead is null when the address belongs to no known lead. {@code stored} is false when the
     * store holds nothing under the address (no lead, touch, consent, runtime suppression or
     * preference), so its facts need not be read.
     */
    public record Resolved(Lead lead, Recipient recipient, boolean stored) {
    }

    private final Leads leads;
    private final RecipientPseudonyms pseudonyms;
    private final KnownRecipients known;
    private final SuppressionRegister suppressions;

    public RecipientResolver(Leads leads, RecipientPseudonyms pseudonyms, KnownRecipients known,
                             SuppressionRegister suppressions) {
        this.leads = leads;
        this.pseudonyms = pseudonyms;
        this.known = known;
        this.suppressions = suppressions;
    }

    /**
     * @param addressField the request field the raw address came from, named in errors
     */
    public Resolved email(String leadId, String rawAddress, String addressField) {
        return email(leadId, rawAddress, addressField, known);
    }

    /**
     * @param asOf what the store holds, looked at only for a bare address (a batch passes one look
     *             for a run of rows; everything else passes the store's own, which catches up first)
     */
    public Resolved email(String leadId, String rawAddress, String addressField, KnownRecipients asOf) {
        if (leadId != null) {
            Lead lead = leads.find(leadId).orElseThrow(() -> RejectedRequest.notFound("leadId", "no lead with this id"));
            if (lead.email() == null) {
                throw RejectedRequest.unprocessable("leadId", "the lead has no email address");
            }
            return new Resolved(lead, emailRecipient(lead.email()), true);
        }
        if (rawAddress == null) {
            throw RejectedRequest.invalid("leadId", "leadId or " + addressField + " is required");
        }
        String address;
        try {
            address = EmailAddresses.normalise(rawAddress);
        } catch (InvalidEmailAddressException e) {
            throw RejectedRequest.invalid(addressField, e.getMessage());
        }
        Recipient recipient = emailRecipient(address);
        boolean stored = asOf.now().mayHoldAny(storedKeys(recipient));
        return new Resolved(stored ? leads.findByEmail(address).orElse(null) : null, recipient, stored);
    }

    /** Every key an email decision reads facts by: the lead's address, the pseudonym, the domain probes. */
    private List<String> storedKeys(Recipient recipient) {
        List<String> keys = new ArrayList<>();
        keys.add(recipient.address());
        for (Suppressions.Key probe : suppressions.emailProbes(recipient.address(), recipient.key())) {
            keys.add(probe.valueKey());
        }
        return keys;
    }

    /**
     * A REP acts only on its own leads, also when it names the lead's address instead of its id:
     * the address is the lead's, so it is the lead that is touched.
     */
    public static void requireOwnership(Resolved who, Actor actor, String field) {
        Lead lead = who.lead();
        if (lead != null && !actor.mayActOnLeadOwnedBy(lead.owner())) {
            throw new RejectedRequest(RejectedRequest.Kind.FORBIDDEN, field, "a REP key may only act on its own leads");
        }
    }

    public Recipient emailRecipient(String normalisedAddress) {
        return new Recipient(Channel.EMAIL, normalisedAddress, pseudonyms.email(normalisedAddress));
    }
}
