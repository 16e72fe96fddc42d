package dev.outreach.mail;

/**
 * Hands a finished message to the next hop: an SMTP relay ({@link SmtpTransport}) or a directory
 * of {@code .eml} files ({@link EmlFileTransport}). Implementations send the bytes unchanged.
 */
public interface MailTransport extends AutoCloseable {

    /**
     * @param envelopeRecipient the RFC 5321 {@code RCPT TO} address
     * @param messageId         the id the message is stored under (with or without angle brackets)
     * @param mime              the complete RFC 5322 message
     * @throws DeliveryException when the message was not accepted; says whether retrying can help
     */
    void deliver(String envelopeRecipient, String messageId, byte[] mime) throws DeliveryException;

    /**
     * Like {@link #deliver(String, String, byte[])} with an explicit RFC 5321 {@code MAIL FROM}
     * (the VERP return path that attributes bounces). Transports without an envelope ignore it.
     */
    default void deliver(String envelopeSender, String envelopeRecipient, String messageId, byte[] mime)
            throws DeliveryException {
        deliver(envelopeRecipient, messageId, mime);
    }

    /** Releases connections; the default holds none. */
    @Override
    default void close() {
    }
}
