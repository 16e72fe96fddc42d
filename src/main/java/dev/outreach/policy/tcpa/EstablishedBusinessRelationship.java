package dev.outreach.policy.tcpa;

import dev.outreach.policy.RelationshipFact;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An established business relationship (47 CFR 64.1200(f)(5)): it lasts 18 months after a
 * purchase or transaction and 3 months after an inquiry or application, and a company-specific
 * do-not-call request ends it, even for a customer. It exempts a live telephone solicitation from
 * the national registry only; it never replaces written consent for autodialed or prerecorded
 * calls or marketing texts (64.1200(a)(2)).
 */
record EstablishedBusinessRelationship(RelationshipFact basis, Instant endsAt) {

    static final String PURCHASE = "PURCHASE";
    static final String INQUIRY = "INQUIRY";
    static final int PURCHASE_MONTHS = 18;
    static final int INQUIRY_MONTHS = 3;

    /** The relationship in force at {@code now} that lasts longest, if any. */
    static Optional<EstablishedBusinessRelationship> inForce(List<RelationshipFact> facts, Instant lastDncRequestAt,
                                                             Instant now) {
        return facts.stream()
                .filter(f -> f.at() != null && !f.at().isAfter(now))
                .filter(f -> lastDncRequestAt == null || f.at().isAfter(lastDncRequestAt))
                .map(f -> new EstablishedBusinessRelationship(f, endOf(f)))
                .filter(r -> r.endsAt() != null && r.endsAt().isAfter(now))
                .max(Comparator.comparing(EstablishedBusinessRelationship::endsAt));
    }

    /** Relationships that would be in force but for a later do-not-call request. */
    static Optional<RelationshipFact> endedByDncRequest(List<RelationshipFact> facts, Instant lastDncRequestAt,
                                                        Instant now) {
        if (lastDncRequestAt == null) {
            return Optional.empty();
        }
        return facts.stream()
                .filter(f -> f.at() != null && !f.at().isAfter(now) && !f.at().isAfter(lastDncRequestAt))
                .filter(f -> endOf(f) != null && endOf(f).isAfter(now))
                .max(Comparator.comparing(RelationshipFact::at));
    }

    private static Instant endOf(RelationshipFact f) {
        int months = switch (f.kind()) {
            case PURCHASE -> PURCHASE_MONTHS;
            case INQUIRY -> INQUIRY_MONTHS;
            default -> 0;
        };
        return months == 0 ? null : f.at().atZone(ZoneOffset.UTC).plusMonths(months).toInstant();
    }

    /** "inquiry on 2026-09-27 (within 3 months)". */
    String describe() {
        boolean purchase = basis.kind().equals(PURCHASE);
        return (purchase ? "purchase" : "inquiry") + " on " + ConsentsInForce.date(basis.at()) + " (within "
                + (purchase ? PURCHASE_MONTHS : INQUIRY_MONTHS) + " months)";
    }
}
