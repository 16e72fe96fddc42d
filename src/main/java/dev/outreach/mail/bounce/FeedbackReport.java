package dev.outreach.mail.bounce;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMultipart;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * RFC 5965 Abuse Reporting Format feedback reports ({@code multipart/report;
 * report-type=feedback-report}), what mailbox providers' feedback loops send when a person marks a
 * message as spam.
 *
 * <p>§3.1 the second part, {@code message/feedback-report}, holds {@code Feedback-Type}; §7.3
 * registers abuse, fraud, other, virus (and RFC 6650 not-spam). Every type but {@code not-spam}
 * counts as a complaint. The message is identified from the report's {@code Original-Mail-From}
 * (our VERP return path, §3.2) or the returned original's Message-ID (third part);
 * {@code Original-Rcpt-To} is used only when neither names one of our messages (providers often
 * redact it).
 */
final class FeedbackReport {

    private static final Set<String> NOT_COMPLAINTS = Set.of("not-spam");

    private FeedbackReport() {
    }

    static List<ReturnedMessage> read(MimeMultipart report, String eventId, Function<String, Optional<String>> returnPath)
            throws MessagingException, IOException {
        Optional<BodyPart> part = ReportParts.part(report, "message/feedback-report");
        if (part.isEmpty()) {
            return List.of();
        }
        List<InternetHeaders> blocks = ReportParts.fieldBlocks(part.get());
        if (blocks.isEmpty()) {
            return List.of();
        }
        InternetHeaders fields = blocks.get(0);
        String type = Optional.ofNullable(fields.getHeader("Feedback-Type", null)).orElse("")
                .strip().toLowerCase(Locale.ROOT);
        if (type.isEmpty() || NOT_COMPLAINTS.contains(type)) {
            return List.of();
        }
        Optional<String> messageId = returnPath.apply(fields.getHeader("Original-Mail-From", null));
        if (messageId.isEmpty()) {
            messageId = ReportParts.originalMessageId(report);
        }
        String recipient = ReportParts.addressField(fields.getHeader("Original-Rcpt-To", null));
        return List.of(new ReturnedMessage(ReturnedMessage.Kind.COMPLAINT, eventId, recipient, messageId.orElse(null),
                type));
    }
}
