package dev.outreach.store;

import java.time.Instant;

/**
 * A message waiting to be sent or already handled. {@code mime} is the complete RFC 5322 message;
 * {@code recipient} the envelope address.
 */
public record OutboxMessage(String messageId, String leadId, String recipient, String recipientKey, byte[] mime,
                            OutboxStatus status, int attempts, Instant nextAttemptAt, String lastError,
                            Instant createdAt, Instant updatedAt) {
}
