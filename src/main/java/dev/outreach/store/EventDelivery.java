package dev.outreach.store;

import java.time.Instant;

/**
 * One event on its way to one subscription, with its attempts.
 *
 * @param status PENDING (waiting for its next attempt), DELIVERED (a 2xx came back) or FAILED (gave up)
 */
public record EventDelivery(String id, String subscriptionId, long auditSeq, String eventType, String payload,
                            String status, int attempts, Instant nextAttemptAt, Instant lastAttemptAt,
                            Integer lastStatus, String lastError, Instant createdAt) {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";
}
