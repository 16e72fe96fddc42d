package dev.outreach.mail;

import java.util.Objects;

/**
 * The result of {@link MimeComposer#compose}: the complete RFC 5322 message and its Message-ID.
 *
 * @param messageId the msg-id without angle brackets ({@code id-left@id-right}, RFC 5322 §3.6.4);
 *                  URL- and file-name-friendly, the key to store the message under
 * @param mime      the message bytes exactly as they are to be sent
 */
public record ComposedMessage(String messageId, byte[] mime) {

    public ComposedMessage {
        Objects.requireNonNull(messageId, "messageId");
        mime = Objects.requireNonNull(mime, "mime").clone();
    }

    /** The value of the {@code Message-ID} header, angle brackets included. */
    public String messageIdHeader() {
        return "<" + messageId + ">";
    }

    @Override
    public byte[] mime() {
        return mime.clone();
    }
}
