package dev.outreach.mail.bounce;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMultipart;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 3464 delivery status notifications ({@code multipart/report; report-type=delivery-status}).
 *
 * <p>Each per-recipient block (§2.3) gives {@code Action} (§2.3.3) and {@code Status} (§2.3.4, an
 * RFC 3463 code). {@code failed} with class 5 is a permanent failure; {@code delayed}, or
 * {@code failed} with class 4, is transient; {@code delivered}, {@code relayed} and
 * {@code expanded} are no failure and are ignored.
 */
final class DeliveryStatusNotification {

    /** RFC 3463 §2: class.subject.detail. */
    private static final Pattern STATUS = Pattern.compile("([245])\\.\\d{1,3}\\.\\d{1,3}");

    private DeliveryStatusNotification() {
    }

    static List<ReturnedMessage> read(MimeMultipart report, String eventId, Optional<String> messageId)
            throws MessagingException, IOException {
        Optional<BodyPart> status = ReportParts.part(report, "message/delivery-status");
        if (status.isEmpty()) {
            return List.of();
        }
        Optional<String> ours = messageId.isPresent() ? messageId : ReportParts.originalMessageId(report);
        List<InternetHeaders> blocks = ReportParts.fieldBlocks(status.get());
        List<ReturnedMessage> found = new ArrayList<>();
        // blocks.get(0) is the per-message block (§2.2); every later one is a recipient (§2.3).
        for (int i = 1; i < blocks.size(); i++) {
            InternetHeaders recipient = blocks.get(i);
            ReturnedMessage.Kind kind = kind(recipient.getHeader("Action", null), recipient.getHeader("Status", null));
            if (kind == null) {
                continue;
            }
            String address = ReportParts.addressField(recipient.getHeader("Final-Recipient", null));
            found.add(new ReturnedMessage(kind, blocks.size() == 2 ? eventId : eventId + "#" + i,
                    address, ours.orElse(null), code(recipient.getHeader("Status", null))));
        }
        return found;
    }

    private static ReturnedMessage.Kind kind(String action, String status) {
        String a = action == null ? "" : action.strip().toLowerCase(Locale.ROOT);
        String code = code(status);
        if (a.equals("delayed")) {
            return ReturnedMessage.Kind.SOFT_BOUNCE;
        }
        if (!a.equals("failed") || code == null) {
            return null;
        }
        return code.startsWith("5") ? ReturnedMessage.Kind.HARD_BOUNCE
                : code.startsWith("4") ? ReturnedMessage.Kind.SOFT_BOUNCE : null;
    }

    private static String code(String status) {
        if (status == null) {
            return null;
        }
        var m = STATUS.matcher(status.strip());
        return m.lookingAt() ? m.group() : null;
    }
}
