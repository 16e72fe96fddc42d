package dev.outreach.mail;

import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Builds the complete message bytes for an {@link OutgoingEmail}, once, so that what is stored in
 * the outbox, signed and sent is byte-for-byte the same.
 *
 * <ul>
 *   <li>RFC 5322 §3.6.1 {@code Date} from the injected clock; §3.6.2 {@code From} with the display
 *       name, RFC 2047-encoded when not ASCII; §3.6.3 {@code To}; §3.6.5 {@code Subject}, RFC 2047
 *       §5-encoded when not ASCII; §3.6.4 {@code Message-ID} {@code <millisecond+random@domain>}.</li>
 *   <li>RFC 2045 §4 {@code MIME-Version: 1.0}; RFC 2046 §5.1.4 {@code multipart/alternative} with
 *       text/plain first and text/html last (the last part is the preferred one); each part UTF-8
 *       and quoted-printable (RFC 2045 §6.7), which keeps every line under the 998 limit.</li>
 *   <li>Commercial messages get the unsubscribe headers of {@link ListUnsubscribeHeaders}.</li>
 * </ul>
 *
 * Thread-safe.
 */
public final class MimeComposer {

    /** RFC 5322 §3.6.4 id-right as dot-atom-text, restricted to host name characters. */
    private static final Pattern MESSAGE_ID_DOMAIN =
            Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final String UTF_8 = "UTF-8";
    /** Room for a typical follow-up (headers and both parts), so the buffer rarely grows. */
    private static final int MESSAGE_BYTES = 8192;

    private final Clock clock;
    private final ListUnsubscribeHeaders listUnsubscribe;
    private final Session session = Session.getInstance(new Properties());
    private final SecureRandom random = new SecureRandom();

    public MimeComposer(Clock clock, ListUnsubscribeHeaders listUnsubscribe) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listUnsubscribe = Objects.requireNonNull(listUnsubscribe, "listUnsubscribe");
    }

    /**
     * @throws IllegalArgumentException naming the field when an address, the Message-ID domain or
     *                                  the unsubscribe URI is not acceptable
     */
    public ComposedMessage compose(OutgoingEmail email) {
        Instant now = clock.instant();
        String messageId = newMessageId(email.messageIdDomain(), now);
        try {
            MimeMessage message = new MessageWithId(session, "<" + messageId + ">");
            message.setFrom(address("fromAddress", email.fromAddress(), email.fromName()));
            message.setRecipient(Message.RecipientType.TO, address("to", email.to(), null));
            message.setSubject(email.subject(), UTF_8);
            message.setSentDate(Date.from(now));
            message.setContent(alternatives(email.text(), email.html()));
            if (email.commercial()) {
                listUnsubscribe.addTo(message, email.unsubscribeHttpsUrl(), email.unsubscribeMailto());
            }
            message.saveChanges();
            // The quoted-printable encoder writes a byte at a time; ByteArrayOutputStream would take
            // its lock for each one, Jackson's builder takes none.
            ByteArrayBuilder bytes = new ByteArrayBuilder(MESSAGE_BYTES);
            message.writeTo(bytes);
            return new ComposedMessage(messageId, bytes.toByteArray());
        } catch (MessagingException | IOException e) {
            // Only reachable through a broken JDK charset or a jakarta.mail bug: the input was checked.
            throw new IllegalStateException("could not compose message " + messageId, e);
        }
    }

    /**
     * 48 bits of the composing millisecond, then 80 random bits: messages queued one after another
     * sit together in the outbox's key index (one page rewritten per group commit, not one random
     * page per message), and an id still cannot be guessed.
     */
    private String newMessageId(String domain, Instant now) {
        if (!MESSAGE_ID_DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("messageIdDomain must be a host name such as example.com (RFC 5322 §3.6.4)");
        }
        byte[] unique = new byte[16];
        random.nextBytes(unique);
        long millis = now.toEpochMilli();
        for (int i = 0; i < 6; i++) {
            unique[i] = (byte) (millis >>> (8 * (5 - i)));
        }
        return HexFormat.of().formatHex(unique) + "@" + domain;
    }

    /** Parses strictly and refuses anything but a bare addr-spec, e.g. a second address or a group. */
    private static InternetAddress address(String field, String address, String displayName) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            if (!address.equals(parsed.getAddress())) {
                throw new IllegalArgumentException(field + " must be a bare address like name@example.com");
            }
            if (displayName != null && !displayName.isBlank()) {
                parsed.setPersonal(displayName, UTF_8);
            }
            return parsed;
        } catch (AddressException e) {
            // Not chained: jakarta.mail's message quotes the address, and this text may be logged.
            throw new IllegalArgumentException(field + " is not a valid address (RFC 5322 §3.4.1)");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 unavailable", e);
        }
    }

    private static MimeMultipart alternatives(String text, String html) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(part(text, "plain"));
        alternative.addBodyPart(part(html, "html"));
        return alternative;
    }

    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, UTF_8, subtype);
        // Fixed rather than chosen by content so every message looks alike to filters and to DKIM.
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    /** jakarta.mail replaces Message-ID on every saveChanges(); this keeps the one we returned. */
    private static final class MessageWithId extends MimeMessage {
        private final String messageIdHeader;

        MessageWithId(Session session, String messageIdHeader) {
            super(session);
            this.messageIdHeader = messageIdHeader;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageIdHeader);
        }
    }
}
