package dev.outreach.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Texts flagged as possible revocations, awaiting a person. Writes are durable when they return. */
public interface RevocationReviews {

    void add(RevocationReview review);

    Optional<RevocationReview> find(String id);

    /** Oldest first; {@code status} optional (null = any). */
    List<RevocationReview> list(String status, int offset, int limit);

    /** The OPEN reviews of one number, oldest first. */
    List<RevocationReview> openByKey(String subjectKey);

    /**
     * Marks an OPEN review CLEARED. Only one caller can clear a review, even across instances.
     *
     * @return false when it does not exist or is no longer OPEN
     */
    boolean clear(String id, Instant at, String by);

    /** Erasure: forgets the readable number and the message text; the pseudonym stays. */
    int forgetValues(String subjectKey);

    /** Every review of one number, any status, oldest first (data-subject requests). */
    List<RevocationReview> findByKey(String subjectKey);
}
