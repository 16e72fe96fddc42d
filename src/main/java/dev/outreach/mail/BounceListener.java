package dev.outreach.mail;

import dev.outreach.store.OutboxMessage;

/**
 * Told when a recipient's server permanently refused the address (RFC 3463 X.1.x, see
 * {@link DeliveryException#recipientUnknown()}). The application records the BOUNCE suppression
 * here, so that the {@code email.bounced} rule blocks the next touch.
 */
@FunctionalInterface
public interface BounceListener {

    /**
     * Called before the message is marked BOUNCED. If this throws, the bounce is not recorded and
     * the message is retried like a transient failure, so the suppression is not silently lost.
     */
    void onHardBounce(OutboxMessage message);
}
