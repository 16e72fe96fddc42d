package dev.outreach.gateway;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.contact.Jurisdictions;
import dev.outreach.lead.Lead;
import dev.outreach.mail.UnsubscribeTokens;
import dev.outreach.policy.JurisdictionFact;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.Leads;

import java.util.Optional;

/**
 * The recipient's own opt-out from a message link (RFC 8058 one-click or the confirmation page).
 * The suppression is committed before this returns, so the next commercial send is blocked.
 *
 * <p>For a person protected by the GDPR or the UK GDPR the opt-out is also an objection to direct
 * marketing by email (GDPR Art 21(2)-(3), exercisable by automated means, Art 21(5)): an OBJECTION
 * suppression is added beside the UNSUBSCRIBE one, so {@code gdpr.objection} blocks email marketing
 * for good. Whether the person is protected is decided from the lead that has the address (its
 * country and number) and the address's domain; an address whose readable form was erased gives no
 * signal and is treated as protected.
 */
public final class Unsubscribing {

    private final UnsubscribeTokens tokens;
    private final SuppressionRegister register;
    private final AuditEntries audit;
    private final Leads leads;
    private final Jurisdictions jurisdictions;

    public Unsubscribing(UnsubscribeTokens tokens, SuppressionRegister register, AuditEntries audit, Leads leads,
                         Jurisdictions jurisdictions) {
        this.tokens = tokens;
        this.register = register;
        this.audit = audit;
        this.leads = leads;
        this.jurisdictions = jurisdictions;
    }

    /** Whether the token is genuine; checking changes nothing (link scanners prefetch GETs). */
    public boolean isValid(String token) {
        return tokens.verify(token).isPresent();
    }

    /**
     * The country of the lead that has the token's address, for the page's language; empty when the
     * token is not genuine, the address was erased or no lead with a country has it.
     */
    public Optional<String> recipientCountry(String token) {
        return tokens.verify(token).flatMap(audit::readableSubject).flatMap(leads::findByEmail)
                .map(Lead::country).filter(c -> !c.isBlank());
    }

    /** Suppresses the recipient; false when the token is not genuine. */
    public boolean unsubscribe(String token, String via) {
        Optional<String> key = tokens.verify(token);
        if (key.isEmpty()) {
            return false;
        }
        String readable = audit.readableSubject(key.get()).orElse(null);
        register.addByKey("EMAIL", key.get(), readable, SuppressionReason.UNSUBSCRIBE, via, Actor.RECIPIENT.auditName());
        Lead lead = readable == null ? null : leads.findByEmail(readable).orElse(null);
        JurisdictionFact where = jurisdictions.of(lead, readable, null);
        if (where.protectedByGdpr()) {
            register.addByKey("EMAIL", key.get(), readable, SuppressionReason.OBJECTION, via, Actor.RECIPIENT.auditName());
        }
        return true;
    }
}
