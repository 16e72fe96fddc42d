package dev.outreach.policy;

import java.util.Objects;

/**
 * Whether the recipient is protected by the GDPR or the UK GDPR (and ePrivacy/PECR), decided before
 * the decision from the lead's country, the phone number's region and the email domain's
 * country-code TLD (see {@code dev.outreach.contact.Jurisdictions}).
 *
 * @param protectedByGdpr true when any signal points to the EEA or the UK, or when there was no
 *                        signal at all (the stricter answer)
 * @param decidedBy the signal that decided, in words a person can read, e.g.
 *                  {@code "phone number region GB (+44)"}
 */
public record JurisdictionFact(boolean protectedByGdpr, String decidedBy) {

    public JurisdictionFact {
        Objects.requireNonNull(decidedBy, "decidedBy");
    }
}
