package dev.outreach.mail.dkim;

import dev.outreach.mail.DeliveryException;
import dev.outreach.mail.MailTransport;

import java.util.Objects;

/**
 * Signs each message as it is handed to the next transport (SMTP relay or the .eml directory), the
 * last moment before the bytes leave: every header is final by then (reference trap 9).
 */
public final class DkimSigningTransport implements MailTransport {

    private final DkimMessageSigning signing;
    private final MailTransport next;

    public DkimSigningTransport(DkimMessageSigning signing, MailTransport next) {
        this.signing = Objects.requireNonNull(signing, "signing");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void deliver(String envelopeRecipient, String messageId, byte[] mime) throws DeliveryException {
        next.deliver(envelopeRecipient, messageId, signed(mime, messageId));
    }

    @Override
    public void deliver(String envelopeSender, String envelopeRecipient, String messageId, byte[] mime)
            throws DeliveryException {
        next.deliver(envelopeSender, envelopeRecipient, messageId, signed(mime, messageId));
    }

    private byte[] signed(byte[] mime, String messageId) throws DeliveryException {
        try {
            return signing.sign(mime);
        } catch (IllegalArgumentException e) {
            throw DeliveryException.permanentFailure("stored message " + messageId + " cannot be signed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        next.close();
    }
}
