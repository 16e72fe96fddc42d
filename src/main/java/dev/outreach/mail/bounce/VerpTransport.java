package dev.outreach.mail.bounce;

import dev.outreach.mail.DeliveryException;
import dev.outreach.mail.MailTransport;

import java.util.Objects;

/** Gives every message its own VERP return path as the envelope sender (RFC 5321 §4.1.1.2 MAIL FROM). */
public final class VerpTransport implements MailTransport {

    private final ReturnPaths returnPaths;
    private final MailTransport next;

    public VerpTransport(ReturnPaths returnPaths, MailTransport next) {
        this.returnPaths = Objects.requireNonNull(returnPaths, "returnPaths");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void deliver(String envelopeRecipient, String messageId, byte[] mime) throws DeliveryException {
        next.deliver(returnPaths.issue(messageId), envelopeRecipient, messageId, mime);
    }

    @Override
    public void deliver(String envelopeSender, String envelopeRecipient, String messageId, byte[] mime)
            throws DeliveryException {
        deliver(envelopeRecipient, messageId, mime);
    }

    @Override
    public void close() {
        next.close();
    }
}
