package dev.outreach.mail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Formats email addresses for logs and stored error text so that an operator can still tell
 * domains apart ({@code a***@example.com}) while the mailbox itself stays unreadable. Log files are
 * copied, shipped and kept far longer than the outbox, and an erasure request cannot reach them.
 */
public final class MaskedAddress {

    /** Deliberately loose: anything shaped like local@domain in free text, e.g. an SMTP reply. */
    private static final Pattern ADDRESS_IN_TEXT = Pattern.compile("[^\\s<>\"'(),;:@]+@[^\\s<>\"'(),;:]+");

    private MaskedAddress() {
    }

    /** {@code alice@example.com} → {@code a***@example.com}; anything without an {@code @} → {@code ***}. */
    public static String of(String address) {
        if (address == null || address.isEmpty()) {
            return "<none>";
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }

    /** Masks every address that appears in {@code text}, e.g. the text of an SMTP reply. */
    public static String inText(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = ADDRESS_IN_TEXT.matcher(text);
        StringBuilder masked = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(masked, Matcher.quoteReplacement(of(matcher.group())));
        }
        matcher.appendTail(masked);
        return masked.toString();
    }
}
