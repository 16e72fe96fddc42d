package dev.outreach.store;

import java.time.Instant;

/** An outbox message that reached a final state (SENT, FAILED or BOUNCED), as the delivery events read it. */
public record SettledMessage(String messageId, String leadId, String status, int attempts, Instant settledAt) {
}
