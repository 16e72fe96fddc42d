package dev.outreach.mail;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message was not accepted by the next hop.
 *
 * <p>Transient ({@link #isTransient()}): RFC 5321 §4.2.1 4yz replies and everything that never got
 * a reply (refused connection, timeout, I/O error); the same message may succeed later.
 * Permanent: 5yz replies, or a message that can never be sent as it is.
 *
 * <p>The message text never contains an address in clear: server replies often quote the
 * recipient, so they pass through {@link MaskedAddress#inText}. For the same reason no cause is
 * chained; the text names the cause's type instead.
 */
public final class DeliveryException extends Exception {

    /** RFC 3463 §2: class.subject.detail, as servers put it after the reply code (RFC 2034). */
    private static final Pattern ENHANCED_STATUS = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");

    private final boolean permanent;
    private final int replyCode;
    private final String enhancedStatus;

    private DeliveryException(String message, boolean permanent, int replyCode, String enhancedStatus) {
        super(MaskedAddress.inText(message));
        this.permanent = permanent;
        this.replyCode = replyCode;
        this.enhancedStatus = enhancedStatus;
    }

    /** No reply to judge by: a connection, timeout or I/O problem. */
    public static DeliveryException transientFailure(String message) {
        return new DeliveryException(message, false, 0, null);
    }

    /** The message can never be delivered as it is, though no server said so with a code. */
    public static DeliveryException permanentFailure(String message) {
        return new DeliveryException(message, true, 0, null);
    }

    /**
     * Classifies a negative SMTP reply: 4yz transient, 5yz permanent (RFC 5321 §4.2.1); the enhanced
     * status code (RFC 3463) is read from the reply text when the server gives one.
     *
     * @param replyText the server's reply line, e.g. {@code 550 5.1.1 <bob@example.com>: User unknown}
     */
    public static DeliveryException smtpReply(int replyCode, String replyText) {
        String text = replyText == null ? "" : replyText.strip();
        String enhanced = enhancedStatusIn(text);
        boolean permanent = replyCode >= 500 && replyCode <= 599;
        String message = text.startsWith(String.valueOf(replyCode)) ? "SMTP " + text : "SMTP " + replyCode + " " + text;
        return new DeliveryException(message, permanent, replyCode, enhanced);
    }

    private static String enhancedStatusIn(String replyText) {
        Matcher matcher = ENHANCED_STATUS.matcher(replyText);
        return matcher.find() ? matcher.group() : null;
    }

    public boolean isTransient() {
        return !permanent;
    }

    public boolean isPermanent() {
        return permanent;
    }

    /** The RFC 5321 reply code, when a server replied. */
    public OptionalInt replyCode() {
        return replyCode == 0 ? OptionalInt.empty() : OptionalInt.of(replyCode);
    }

    /** The RFC 3463 enhanced status code such as {@code 5.1.1}, when the server gave one. */
    public Optional<String> enhancedStatus() {
        return Optional.ofNullable(enhancedStatus);
    }

    /**
     * True for a permanent failure whose RFC 3463 §3.2 addressing status blames the destination
     * address: X.1.0 (other), .1 (bad mailbox), .2 (bad system), .3 (bad syntax), .4 (ambiguous),
     * .6 (moved, no forwarding) and RFC 7505's X.1.10 (null MX). X.1.7 and X.1.8 are about our
     * sender address and must not suppress the recipient; X.1.5 means the address is fine.
     */
    public boolean recipientUnknown() {
        if (!permanent || enhancedStatus == null || !enhancedStatus.startsWith("5.1.")) {
            return false;
        }
        int detail = Integer.parseInt(enhancedStatus.substring("5.1.".length()));
        return detail <= 4 || detail == 6 || detail == 10;
    }
}
