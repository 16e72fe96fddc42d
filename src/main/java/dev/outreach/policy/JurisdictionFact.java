package dev.outreach.policy;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the recipient is protected by the GDPR or the UK GDPR (and ePrivacy/PECR), decided before
 * the decision from the lead's country, the phone number's region and the email domain's
 * country-code TLD (see {@code dev.outreach.contact.Jurisdictions}).
 *
 * @param protectedByGdpr true when any signal points to the EEA or the UK, or when there was no
 *                        signal at all (the stricter answer)
 * @param decidedBy the signal that decided, in words a person can read, e.g.
 *                  {@code "phone number region GB (+44)"}
 * @param foreignLaws the other marketing laws whose territory a signal points to (or all of them when
 *                    there was no signal at all), by country code ({@code CA}, {@code CH},
 *                    {@code AU}) → the signal, e.g. {@code "email domain .ca"}
 */
public record JurisdictionFact(boolean protectedByGdpr, String decidedBy, Map<String, String> foreignLaws) {

    public JurisdictionFact {
        Objects.requireNonNull(decidedBy, "decidedBy");
        foreignLaws = foreignLaws == null ? Map.of() : Map.copyOf(foreignLaws);
    }

    /** A fact with no signal pointing to Canada, Switzerland or Australia. */
    public JurisdictionFact(boolean protectedByGdpr, String decidedBy) {
        this(protectedByGdpr, decidedBy, Map.of());
    }

    /** The signal that puts the recipient under the country's marketing law, if any does. */
    public Optional<String> reaches(String country) {
        return Optional.ofNullable(foreignLaws.get(country));
    }
}
