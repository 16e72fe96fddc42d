package dev.outreach.policy;

import dev.outreach.lead.LineType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What is known about a call or text recipient. Everything is gathered before the decision; a
 * rule that needs something missing here blocks.
 *
 * @param e164 the number
 * @param nanp a +1 (North American Numbering Plan) number, to which the national registry applies
 * @param candidateZones every time zone the recipient may be in: the lead's stated zone, the zones
 *                       of the number, the zones of the lead's region; empty means unknown. Kept in
 *                       zone id order, the order every rule names them in
 * @param candidateStates every US state (two-letter code) whose law may apply: the lead's region
 *                        and the area code's state. Kept in alphabetical order
 * @param wireless treated as a wireless number unless the lead record says verified landline
 * @param registryAsOf date of the national registry download in force, or null if none is loaded
 * @param onNationalRegistry the number is on the national registry download in force
 * @param companyDnc company do-not-call entries for the number (list files and runtime requests)
 * @param lastDncRequestAt the latest company do-not-call request or revocation, or null; it ends
 *                         any established business relationship
 * @param consents consents on file for this exact number
 * @param relationships purchases and inquiries that may form an established business relationship
 * @param lineType what kind of line the lead record says the number is; UNKNOWN when not stated or
 *                 the number is not the lead's (judged as a line the national registry protects)
 * @param revocations every do-not-call request and revocation for the number with the channel it
 *                    named; {@code lastDncRequestAt} is the latest of them
 */
public record PhoneFacts(String e164, boolean nanp, Set<ZoneId> candidateZones, Set<String> candidateStates,
                         boolean wireless, LocalDate registryAsOf, boolean onNationalRegistry,
                         List<SuppressionHit> companyDnc, Instant lastDncRequestAt, List<ConsentFact> consents,
                         List<RelationshipFact> relationships, LineType lineType, List<RevocationFact> revocations) {

    /**
     * Facts without a stated line type (UNKNOWN) whose only known revocation is
     * {@code lastDncRequestAt}, read as covering every channel.
     */
    public PhoneFacts(String e164, boolean nanp, Set<ZoneId> candidateZones, Set<String> candidateStates,
                      boolean wireless, LocalDate registryAsOf, boolean onNationalRegistry,
                      List<SuppressionHit> companyDnc, Instant lastDncRequestAt, List<ConsentFact> consents,
                      List<RelationshipFact> relationships) {
        this(e164, nanp, candidateZones, candidateStates, wireless, registryAsOf, onNationalRegistry, companyDnc,
                lastDncRequestAt, consents, relationships, LineType.UNKNOWN,
                lastDncRequestAt == null ? List.of() : List.of(new RevocationFact(lastDncRequestAt, null)));
    }

    public PhoneFacts {
        Objects.requireNonNull(e164, "e164");
        candidateZones = sortedCopy(candidateZones, Comparator.comparing(ZoneId::getId));
        candidateStates = sortedCopy(candidateStates, Comparator.naturalOrder());
        companyDnc = List.copyOf(companyDnc);
        consents = List.copyOf(consents);
        relationships = List.copyOf(relationships);
        lineType = lineType == null ? LineType.UNKNOWN : lineType;
        revocations = List.copyOf(revocations);
    }

    /** Sorted once here rather than by each of the rules that list them, for every call or text. */
    private static <T> Set<T> sortedCopy(Set<T> items, Comparator<? super T> order) {
        TreeSet<T> sorted = new TreeSet<>(order);
        for (T item : items) {
            sorted.add(Objects.requireNonNull(item, "a candidate zone or state is null"));
        }
        return Collections.unmodifiableSortedSet(sorted);
    }

    /** The latest revocation that covers {@code channel} when revocations cover only the type revoked, or null. */
    public Instant lastRevocationCovering(Channel channel) {
        return revocations.stream().filter(r -> r.covers(channel)).map(RevocationFact::at)
                .max(Comparator.naturalOrder()).orElse(null);
    }

    public PhoneFacts withLineType(LineType type) {
        return new PhoneFacts(e164, nanp, candidateZones, candidateStates, wireless, registryAsOf, onNationalRegistry,
                companyDnc, lastDncRequestAt, consents, relationships, type, revocations);
    }

    /** The same facts with these revocations; {@code lastDncRequestAt} becomes the latest of them. */
    public PhoneFacts withRevocations(List<RevocationFact> all) {
        Instant latest = all.stream().map(RevocationFact::at).max(Comparator.naturalOrder()).orElse(null);
        return new PhoneFacts(e164, nanp, candidateZones, candidateStates, wireless, registryAsOf, onNationalRegistry,
                companyDnc, latest, consents, relationships, lineType, all);
    }
}
