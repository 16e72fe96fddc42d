package dev.outreach.mail.bounce;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMultipart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the parts of an RFC 6522 {@code multipart/report}: the machine-readable part (RFC 6522 §3:
 * the second) as blocks of header-style fields, and the returned original's header (the optional
 * third part, {@code message/rfc822} or {@code text/rfc822-headers}).
 */
final class ReportParts {

    private ReportParts() {
    }

    /** The report-type parameter (RFC 6522 §3), lower-case, or empty when this is no multipart/report. */
    static Optional<String> reportType(String contentType) {
        try {
            ContentType type = new ContentType(contentType);
            if (!type.match("multipart/report")) {
                return Optional.empty();
            }
            return Optional.ofNullable(type.getParameter("report-type")).map(t -> t.toLowerCase(Locale.ROOT));
        } catch (Exception unparseable) {
            return Optional.empty();
        }
    }

    /** The first part of this MIME type, e.g. {@code message/delivery-status}. */
    static Optional<BodyPart> part(MimeMultipart report, String mimeType) throws MessagingException {
        for (int i = 0; i < report.getCount(); i++) {
            if (report.getBodyPart(i).isMimeType(mimeType)) {
                return Optional.of(report.getBodyPart(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Field blocks separated by empty lines (RFC 3464 §2.1: the per-message block, then one per
     * recipient; RFC 5965 §3.1: a single block).
     */
    static List<InternetHeaders> fieldBlocks(BodyPart part) throws MessagingException, IOException {
        String text;
        try (InputStream in = part.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        }
        List<InternetHeaders> blocks = new ArrayList<>();
        for (String block : text.split("\n[ \t]*\n")) {
            if (block.isBlank()) {
                continue;
            }
            InternetHeaders fields = new InternetHeaders(new ByteArrayInputStream(
                    (block.strip() + "\r\n\r\n").replace("\n", "\r\n").replace("\r\r\n", "\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1)));
            blocks.add(fields);
        }
        return blocks;
    }

    /** The Message-ID of the returned original, without angle brackets, when the report includes it. */
    static Optional<String> originalMessageId(MimeMultipart report) throws MessagingException, IOException {
        Optional<BodyPart> original = part(report, "message/rfc822").or(() -> partOrEmpty(report, "text/rfc822-headers"));
        if (original.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = original.get().getInputStream()) {
            String id = new InternetHeaders(in).getHeader("Message-ID", null);
            return Optional.ofNullable(id).map(ReportParts::withoutBrackets);
        }
    }

    private static Optional<BodyPart> partOrEmpty(MimeMultipart report, String mimeType) {
        try {
            return part(report, mimeType);
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    static String withoutBrackets(String id) {
        String trimmed = id.strip();
        return trimmed.startsWith("<") && trimmed.endsWith(">") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    /** {@code rfc822; ann@example.com} → {@code ann@example.com} (RFC 3464 §2.3.2 address-type prefix). */
    static String addressField(String value) {
        if (value == null) {
            return null;
        }
        int semicolon = value.indexOf(';');
        return (semicolon >= 0 ? value.substring(semicolon + 1) : value).strip();
    }
}
