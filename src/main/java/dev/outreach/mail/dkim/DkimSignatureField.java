package dev.outreach.mail.dkim;

import java.util.List;

/**
 * The text of a {@code DKIM-Signature} header field (RFC 6376 §3.5), tags in a fixed order:
 * {@code v a c d s h bh b}. No {@code t=}: the signature must be byte-for-byte the same when an
 * outbox retry signs the message again (the .eml transport refuses a different file under the same
 * name), and §3.5 makes {@code t=} optional.
 *
 * <p>Folded between tags, each continuation line starting with a TAB (RFC 5322 §3.2.2), and never
 * inside {@code b=}: §3.5 lets verifiers drop whitespace inside it, but a value on one line is the
 * form every verifier reassembles the same way. The longest line (a 2048-bit {@code b=}) is 350
 * characters, under the 998 limit.
 */
final class DkimSignatureField {

    static final String NAME = "DKIM-Signature";

    private DkimSignatureField() {
    }

    /** The field without the signature value: what §3.7 hashes, with {@code b=} empty. */
    static String unsigned(DkimSigningKey key, List<String> signedFieldNames, String bodyHash) {
        return NAME + ": v=1; a=" + key.algorithm().tag() + "; c=relaxed/relaxed; d=" + key.domain()
                + "; s=" + key.selector() + ";\r\n\th=" + String.join(":", signedFieldNames)
                + ";\r\n\tbh=" + bodyHash + ";\r\n\tb=";
    }

    static String signed(String unsigned, String signature) {
        return unsigned + signature;
    }
}
