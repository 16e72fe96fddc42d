package dev.outreach.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The unsubscribe headers of a commercial message.
 *
 * <ul>
 *   <li>RFC 2369 §2: each command is a URL in angle brackets; several are separated by commas, in
 *       order of preference. §3.2 {@code List-Unsubscribe}. We list the HTTPS URI first and add a
 *       {@code mailto:…?subject=unsubscribe} (RFC 6068) when one is configured.</li>
 *   <li>RFC 8058 §3.1: one-click needs an HTTPS URI in {@code List-Unsubscribe} and exactly
 *       {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}; §3.2 the receiver POSTs that
 *       body to the URI, so the URI alone must identify the recipient (see {@link UnsubscribeTokens}).</li>
 *   <li>RFC 8058 §4 wants both headers covered by the DKIM signature. Relays that refold long lines
 *       break a signature made with "simple" header canonicalisation (RFC 6376 §3.4.1), so the
 *       value stays on one line whenever the line fits the RFC 5322 §2.1.1 limit of 998
 *       characters, and is only folded between the two URIs otherwise.</li>
 * </ul>
 *
 * <p>Production must use HTTPS: mailbox providers ignore one-click over plain HTTP (RFC 8058 §3.1).
 * {@link #allowingPlainHttp()} exists only because the embedded default base URL is
 * {@code http://localhost:8080}, for local testing.
 */
public final class ListUnsubscribeHeaders {

    public static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    public static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
    /** RFC 8058 §3.1: the only value this header may have. */
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    /** RFC 5322 §2.1.1, without the CRLF. */
    static final int MAX_LINE_LENGTH = 998;

    /** Printable ASCII minus the characters that would end or split an RFC 2369 bracketed list entry. */
    private static final Pattern BRACKETABLE_URI = Pattern.compile("[!#-+\\--;=?-~]+");
    /** Addresses that need no percent-encoding inside a mailto URI (RFC 6068 §2). */
    private static final Pattern PLAIN_MAILTO_ADDRESS = Pattern.compile("[A-Za-z0-9._+!$'*-]+@[A-Za-z0-9.-]+");

    private final boolean plainHttpAllowed;

    private ListUnsubscribeHeaders(boolean plainHttpAllowed) {
        this.plainHttpAllowed = plainHttpAllowed;
    }

    /** For production: the one-click URI must be {@code https}. */
    public static ListUnsubscribeHeaders httpsOnly() {
        return new ListUnsubscribeHeaders(false);
    }

    /** Also accepts {@code http}, for local testing against the embedded default base URL only. */
    public static ListUnsubscribeHeaders allowingPlainHttp() {
        return new ListUnsubscribeHeaders(true);
    }

    /**
     * Adds both headers to {@code message}.
     *
     * @param oneClickUrl   the unsubscribe URI including the token
     * @param mailtoAddress an address that unsubscribes the sender of a mail to it, or {@code null}
     */
    void addTo(MimeMessage message, String oneClickUrl, String mailtoAddress) throws MessagingException {
        message.setHeader(LIST_UNSUBSCRIBE, listUnsubscribeValue(oneClickUrl, mailtoAddress));
        message.setHeader(LIST_UNSUBSCRIBE_POST, ONE_CLICK);
    }

    /** The field body of {@code List-Unsubscribe}, folded only if one line would exceed 998 characters. */
    String listUnsubscribeValue(String oneClickUrl, String mailtoAddress) {
        String https = "<" + checkedOneClickUrl(oneClickUrl) + ">";
        if (mailtoAddress == null) {
            return requireFits(https, LIST_UNSUBSCRIBE.length() + 2);
        }
        String mailto = "<mailto:" + checkedMailto(mailtoAddress) + "?subject=unsubscribe>";
        String oneLine = https + ", " + mailto;
        if (LIST_UNSUBSCRIBE.length() + 2 + oneLine.length() <= MAX_LINE_LENGTH) {
            return oneLine;
        }
        // RFC 5322 §3.2.2: folding is CRLF followed by whitespace, here after the list comma.
        return requireFits(https, LIST_UNSUBSCRIBE.length() + 2) + ",\r\n " + requireFits(mailto, 1);
    }

    private String checkedOneClickUrl(String url) {
        SingleLineHeader.require("unsubscribeHttpsUrl", url);
        if (url == null || !BRACKETABLE_URI.matcher(url).matches()) {
            throw new IllegalArgumentException("unsubscribeHttpsUrl must be printable ASCII without spaces, "
                    + "commas or angle brackets (RFC 2369 §2: percent-encode them)");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("unsubscribeHttpsUrl is not a valid URI: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean acceptable = scheme.equals("https") || (plainHttpAllowed && scheme.equals("http"));
        if (!acceptable || uri.getHost() == null) {
            throw new IllegalArgumentException("unsubscribeHttpsUrl must be an absolute https URI (RFC 8058 §3.1)"
                    + (plainHttpAllowed ? " or http for local testing" : "") + ", was scheme '" + scheme + "'");
        }
        return url;
    }

    private static String checkedMailto(String address) {
        SingleLineHeader.require("unsubscribeMailto", address);
        if (!PLAIN_MAILTO_ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("unsubscribeMailto must be a plain address such as "
                    + "unsubscribe@example.com (RFC 6068 §2)");
        }
        return address;
    }

    private static String requireFits(String entry, int prefixLength) {
        if (prefixLength + entry.length() > MAX_LINE_LENGTH) {
            throw new IllegalArgumentException("List-Unsubscribe entry is " + entry.length()
                    + " characters; a header line may have at most " + MAX_LINE_LENGTH + " (RFC 5322 §2.1.1)");
        }
        return entry;
    }
}
