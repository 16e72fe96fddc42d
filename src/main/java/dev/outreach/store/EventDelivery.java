package dev.outreach.store;

import java.time.Instant;

/**
 * One event on its way to one subscription, with its attempts.
 *
 * @param eventKey what the event was derived from ({@code audit:<seq>} or {@code outbox:<messageId>}),
 *                 unique per subscription, so an event is never queued twice
 * @param status   PENDING (waiting for its next attempt), DELIVERED (a 2xx came back) or FAILED (gave up)
 */
public record EventDelivery(String id, String subscriptionId, String eventKey, String eventType, String payload,
                            String status, int attempts, Instant nextAttemptAt, Instant lastAttemptAt,
                            Integer lastStatus, String lastError, Instant createdAt) {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";
}
