package dev.outreach.contact;

/**
 * Recognises, without parsing, the overwhelmingly common shape of an address: ASCII
 * {@code local@domain} whose local part is dot-separated atoms of RFC 5322 atext and whose domain is
 * dot-separated LDH labels (letters, digits, inner hyphens, 1 to 63 characters). Every such address
 * is accepted by jakarta.mail's strict {@code InternetAddress} as a bare addr-spec and left unchanged
 * by {@code IDN.toASCII}, so {@link EmailAddresses} may skip both for it; anything else (quotes,
 * comments, display names, non-ASCII, odd dots) still goes the slow, strict way. A test compares
 * both ways over a corpus of tricky and random addresses.
 */
final class PlainAddress {

    private static final int MAX_LABEL = 63;
    /** RFC 5322 atext besides letters and digits. */
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";
    private static final boolean[] ATEXT = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            ATEXT[c] = true;
            ATEXT[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ATEXT[c] = true;
        }
        for (char c : ATEXT_SPECIALS.toCharArray()) {
            ATEXT[c] = true;
        }
    }

    private PlainAddress() {
    }

    /** @param address trimmed, without a trailing dot */
    static boolean matches(String address) {
        int at = address.indexOf('@');
        return at > 0 && isLocalPart(address, at) && isDomain(address, at + 1);
    }

    private static boolean isLocalPart(String s, int end) {
        char previous = '.';
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (previous == '.') {
                    return false; // leading dot or dot-dot
                }
            } else if (c >= 128 || !ATEXT[c]) {
                return false;
            }
            previous = c;
        }
        return previous != '.';
    }

    /** At least two labels; the second '@' of a wrong address fails here as a non-LDH character. */
    private static boolean isDomain(String s, int start) {
        int labelStart = start;
        int labels = 0;
        for (int i = start; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                if (!isLabel(s, labelStart, i)) {
                    return false;
                }
                labels++;
                labelStart = i + 1;
            }
        }
        return labels >= 2;
    }

    private static boolean isLabel(String s, int from, int to) {
        int length = to - from;
        if (length < 1 || length > MAX_LABEL || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ldh = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ldh) {
                return false;
            }
        }
        return true;
    }
}
