package dev.outreach.gateway;

import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditTrail;
import dev.outreach.store.RevocationReview;
import dev.outreach.store.RevocationReviews;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Texts people send to us (a carrier webhook). A conclusive keyword ({@code STOP}, {@code opt out}...)
 * revokes every consent of the number and puts it on the company do-not-call list; wording that
 * may mean the same ("please stpo", "no mas") is flagged for review and treated as a revocation until
 * a person clears it. Either is durable before this returns (47 CFR 64.1200(a)(10)). One
 * confirmation text, with no marketing, is allowed within 5 minutes of the revocation
 * (64.1200(a)(12)); the answer says until when, and the audit entry records it.
 */
public final class InboundTexts {

    public static final Duration CONFIRMATION_WINDOW = Duration.ofMinutes(5);
    static final String VIA_KEYWORD = "sms-keyword";

    /**
     * What a text amounted to.
     *
     * @param review the review item when the text was flagged; null otherwise
     * @param confirmationAllowedUntil end of the window for the one confirmation text; null when not revoked
     */
    public record Received(RevocationKeywords.Reading reading, String matched, Instant revokedAt,
                           Instant confirmationAllowedUntil, RevocationReview review) {

        public boolean revoked() {
            return reading != RevocationKeywords.Reading.NONE;
        }
    }

    /** A cleared review and what clearing it lifted. */
    public record Cleared(RevocationReview review, int consentsReinstated, boolean suppressionRemoved) {
    }

    private final ConsentLedger ledger;
    private final RevocationReviews reviews;
    private final RevocationKeywords keywords;
    private final AuditTrail audit;
    private final Clock clock;

    public InboundTexts(ConsentLedger ledger, RevocationReviews reviews, RevocationKeywords keywords, AuditTrail audit,
                        Clock clock) {
        this.ledger = ledger;
        this.reviews = reviews;
        this.keywords = keywords;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param fromE164 the sender's number, normalised
     * @param body the message; null or blank is not a revocation
     */
    public Received receive(String fromE164, String body, Actor actor) {
        RevocationKeywords.Match match = keywords.classify(body);
        switch (match.reading()) {
            case REVOCATION -> {
                ConsentLedger.Revocation r = ledger.revokePhone(fromE164, null, VIA_KEYWORD, actor);
                return recorded(match, r, null, actor);
            }
            case REVIEW -> {
                String id = UUID.randomUUID().toString();
                ConsentLedger.Revocation r = ledger.revokeProvisionally(fromE164, id, actor);
                RevocationReview review = new RevocationReview(id, r.subjectKey(), fromE164, body, match.matched(),
                        r.revokedAt(), RevocationReview.OPEN, r.suppression().id(), null, null);
                reviews.add(review);
                return recorded(match, r, review, actor);
            }
            default -> {
                return new Received(match.reading(), null, null, null, null);
            }
        }
    }

    private Received recorded(RevocationKeywords.Match match, ConsentLedger.Revocation r, RevocationReview review,
                              Actor actor) {
        Instant until = r.revokedAt().plus(CONFIRMATION_WINDOW);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reading", match.reading().name());
        detail.put("matched", match.matched());
        detail.put("reviewId", review == null ? "" : review.id());
        detail.put("confirmationsAllowed", 1);
        detail.put("confirmationAllowedUntil", until.toString());
        detail.put("citation", keywords.citation() + " (confidence " + keywords.confidence() + "); 47 CFR 64.1200(a)(12)");
        audit.recordChange(AuditKind.INBOUND_TEXT_REVOCATION, actor.auditName(), r.subjectKey(), null, "SMS", detail);
        return new Received(match.reading(), match.matched(), r.revokedAt(), until, review);
    }

    /** Oldest first; {@code status} OPEN, CLEARED or null for both. */
    public List<RevocationReview> reviews(String status, int offset, int limit) {
        return reviews.list(status, offset, limit);
    }

    /**
     * A person read the text and decided it was not a request to stop: the review is closed and
     * its provisional revocation and do-not-call entry are lifted. Nothing else is: a keyword
     * revocation or another open review of the same number stays in force.
     *
     * @throws RejectedRequest NOT_FOUND for an unknown review, CONFLICT when it is not OPEN
     */
    public Cleared clear(String reviewId, Actor actor) {
        RevocationReview review = reviews.find(reviewId)
                .orElseThrow(() -> RejectedRequest.notFound("id", "no revocation review with this id"));
        if (!reviews.clear(reviewId, clock.instant(), actor.auditName())) {
            throw new RejectedRequest(RejectedRequest.Kind.CONFLICT, "id", "the review is already "
                    + reviews.find(reviewId).map(RevocationReview::status).orElse("gone"));
        }
        Optional<RevocationReview> other = reviews.openByKey(review.subjectKey()).stream().findFirst();
        ConsentLedger.Lifted lifted = ledger.liftProvisional(review.subjectKey(), reviewId, review.suppressionId(),
                other.map(RevocationReview::id).orElse(null), actor);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reviewId", reviewId);
        detail.put("consentsReinstated", lifted.consentsReinstated());
        detail.put("suppressionRemoved", lifted.suppressionRemoved());
        detail.put("revocationsHeldByReview", other.map(RevocationReview::id).orElse(""));
        audit.recordChange(AuditKind.REVOCATION_REVIEW_CLEARED, actor.auditName(), review.subjectKey(), null, "SMS", detail);
        return new Cleared(reviews.find(reviewId).orElseThrow(), lifted.consentsReinstated(),
                lifted.suppressionRemoved());
    }
}
