package dev.outreach.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An inbound text that may be a request to stop but is not a conclusive keyword: a person decides.
 * While OPEN the number is treated as revoked.
 *
 * @param subjectKey pseudonym of the sender's number
 * @param value the readable number; null once erased
 * @param body the message, for the reviewer; null once erased
 * @param matched the word or phrase that flagged it, e.g. {@code stpo}
 * @param status OPEN or CLEARED
 * @param suppressionId the company do-not-call entry held while the review is open
 */
public record RevocationReview(String id, String subjectKey, String value, String body, String matched,
                               Instant receivedAt, String status, String suppressionId, Instant clearedAt,
                               String clearedBy) {

    public static final String OPEN = "OPEN";
    public static final String CLEARED = "CLEARED";

    public RevocationReview {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subjectKey, "subjectKey");
        Objects.requireNonNull(matched, "matched");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(status, "status");
    }

    public boolean isOpen() {
        return OPEN.equals(status);
    }
}
