package dev.outreach.mail;

/**
 * Guards header input against injection. RFC 5322 §2.2 lets CRLF appear in a field body only as
 * folding, so a CR or LF that reaches a header from data (a lead's name, a rendered subject) could
 * start a new header field such as {@code Bcc:}; RFC 5321 §2.3.8 likewise ends an SMTP command at
 * CRLF. Such input is refused outright rather than cleaned, because a silently altered subject or
 * address is worse than a clear error.
 */
final class SingleLineHeader {

    private SingleLineHeader() {
    }

    /** @return {@code value} unchanged; {@code null} passes (callers decide what is required) */
    static String require(String field, String value) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException(field + " must not contain CR or LF");
        }
        return value;
    }
}
