package dev.outreach.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Properties;

/**
 * A message held in the outbox, read back for a person (the compliance console's evidence page):
 * its header lines as sent and its first text/plain part, decoded (RFC 2045/2046).
 *
 * @param headers every header line, one per line, unfolded as stored
 * @param text the first text/plain part that is not an attachment, or null when there is none
 */
public record StoredMessage(String headers, String text) {

    /** @throws UnreadableMessageException when the bytes are not a MIME message */
    public static StoredMessage read(byte[] mime) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mime));
            StringBuilder headers = new StringBuilder();
            for (Enumeration<String> lines = message.getAllHeaderLines(); lines.hasMoreElements(); ) {
                headers.append(lines.nextElement()).append('\n');
            }
            return new StoredMessage(headers.toString(), textPart(message));
        } catch (MessagingException | IOException e) {
            throw new UnreadableMessageException(e.getMessage(), e);
        }
    }

    /** The stored bytes could not be parsed as MIME. */
    public static final class UnreadableMessageException extends RuntimeException {
        UnreadableMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String textPart(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), charsetOf(part));
            }
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String text = textPart(child);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    /** The declared charset, UTF-8 when none or an unknown one is declared. */
    private static Charset charsetOf(Part part) throws MessagingException {
        String declared = new ContentType(part.getContentType()).getParameter("charset");
        if (declared == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(MimeUtility.javaCharset(declared));
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }
}
