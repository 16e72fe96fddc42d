package dev.outreach.mail.bounce;

import java.util.Objects;

/**
 * One thing the bounce mailbox learned from one message in it.
 *
 * @param eventId   the mailbox message's own Message-ID (or a digest of it when it has none), which
 *                  makes reading the same mail twice harmless
 * @param recipient the address the report names, or null; the named message's recipient wins over it
 * @param messageId our message the report is about (without angle brackets), or null
 * @param status    RFC 3463 status code (DSN) or feedback type (ARF); may be null
 */
public record ReturnedMessage(Kind kind, String eventId, String recipient, String messageId, String status) {

    public enum Kind { HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, UNSUBSCRIBE }

    public ReturnedMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(eventId, "eventId");
    }
}
