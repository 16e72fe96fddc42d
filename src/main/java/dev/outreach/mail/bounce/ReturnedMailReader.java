package dev.outreach.mail.bounce;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Says what one message in the bounce mailbox means:
 * <ul>
 *   <li>an RFC 3464 DSN → {@link DeliveryStatusNotification};</li>
 *   <li>an RFC 5965 feedback report → {@link FeedbackReport};</li>
 *   <li>mail to the {@code mailto:} address of List-Unsubscribe (RFC 2369 §3.2; RFC 8058 §3.1 lets
 *       a client use it instead of the one-click URI) → an unsubscribe of its From address;</li>
 *   <li>anything else (auto-replies, spam) → nothing.</li>
 * </ul>
 * Which of our messages a DSN is about comes from the VERP address it was sent back to (the
 * envelope recipient shows in To, Delivered-To or X-Original-To), else the returned original's Message-ID.
 */
public final class ReturnedMailReader {

    private static final List<String> DELIVERY_HEADERS = List.of("Delivered-To", "X-Original-To", "Envelope-To", "To");

    private final Function<String, Optional<String>> returnPath;
    private final String unsubscribeMailto;

    /**
     * @param returnPath        the message a VERP address names ({@link ReturnPaths#messageFor}), or
     *                          always empty when VERP is off
     * @param unsubscribeMailto the configured mailto unsubscribe address, or null
     */
    public ReturnedMailReader(Function<String, Optional<String>> returnPath, String unsubscribeMailto) {
        this.returnPath = returnPath;
        this.unsubscribeMailto = unsubscribeMailto == null || unsubscribeMailto.isBlank() ? null
                : unsubscribeMailto.strip().toLowerCase(Locale.ROOT);
    }

    public List<ReturnedMessage> read(MimeMessage message) throws MessagingException, IOException {
        String eventId = eventId(message);
        Optional<String> reportType = ReportParts.reportType(message.getContentType());
        if (reportType.isPresent() && message.getContent() instanceof MimeMultipart report) {
            return switch (reportType.get()) {
                case "delivery-status" -> DeliveryStatusNotification.read(report, eventId, verpMessage(message));
                case "feedback-report" -> FeedbackReport.read(report, eventId, returnPath);
                default -> List.of();
            };
        }
        if (unsubscribeMailto != null && sentTo(message, unsubscribeMailto)) {
            Address[] from = message.getFrom();
            if (from != null && from.length == 1 && from[0] instanceof InternetAddress sender) {
                return List.of(new ReturnedMessage(ReturnedMessage.Kind.UNSUBSCRIBE, eventId, sender.getAddress(),
                        null, "mailto"));
            }
        }
        return List.of();
    }

    private Optional<String> verpMessage(MimeMessage message) throws MessagingException {
        for (String header : DELIVERY_HEADERS) {
            String[] values = message.getHeader(header);
            if (values == null) {
                continue;
            }
            for (String value : values) {
                Optional<String> found = returnPath.apply(value);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean sentTo(MimeMessage message, String address) throws MessagingException {
        for (String header : DELIVERY_HEADERS) {
            String[] values = message.getHeader(header);
            if (values != null) {
                for (String value : values) {
                    if (value.toLowerCase(Locale.ROOT).contains(address)) {
                        return true;
                    }
                }
            }
        }
        Address[] to = message.getRecipients(Message.RecipientType.TO);
        return to != null && java.util.Arrays.stream(to)
                .anyMatch(a -> a instanceof InternetAddress ia && address.equalsIgnoreCase(ia.getAddress()));
    }

    /** The mailbox message's Message-ID, or the SHA-256 of its bytes when it has none. */
    private static String eventId(MimeMessage message) throws MessagingException, IOException {
        String id = message.getMessageID();
        if (id != null && !id.isBlank()) {
            return ReportParts.withoutBrackets(id);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
