package dev.outreach.mail.dkim;

/**
 * The "relaxed" header canonicalisation of RFC 6376 §3.4.2, in the order the RFC lists its steps:
 * lower-case the field name; unfold (delete every CRLF); turn each run of WSP into one SP; delete
 * WSP at the end of the value; delete WSP before and after the colon. The result ends in CRLF
 * except for the DKIM-Signature field being signed (§3.7).
 */
final class RelaxedHeaderCanonicalization {

    private RelaxedHeaderCanonicalization() {
    }

    /** {@code name:value} without the trailing CRLF. */
    static String canonicalize(String name, String value) {
        String unfolded = value.replace("\r\n", "");
        String singleSpaced = unfolded.replaceAll("[ \t]+", " ");
        return name.strip().toLowerCase(java.util.Locale.ROOT) + ":" + singleSpaced.strip();
    }
}
