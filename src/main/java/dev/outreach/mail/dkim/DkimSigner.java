package dev.outreach.mail.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The signer actions of RFC 6376 §5 for one message and one key.
 *
 * <ol>
 *   <li>§5.4 choose the fields to sign: each of {@link #SIGNED_FIELDS} that the message has, every
 *       instance, the last one first (§5.4.2), so a field added later in transit cannot pass for a
 *       signed one;</li>
 *   <li>§3.7 body hash: SHA-256 of the relaxed body ({@link RelaxedBodyCanonicalization}),
 *       no {@code l=} (an unsigned tail could be appended);</li>
 *   <li>§3.7 header hash input: each chosen field relaxed ({@link RelaxedHeaderCanonicalization})
 *       with CRLF, then the DKIM-Signature field itself with an empty {@code b=} and no CRLF;</li>
 *   <li>§5.6 prepend the signature field to the unchanged message.</li>
 * </ol>
 */
final class DkimSigner {

    /**
     * From, To, Subject, Date, Message-ID (RFC 6376 §5.4.1 recommends them), MIME-Version and
     * Content-Type (a changed content type could show the body differently) and both unsubscribe
     * headers, which RFC 8058 §4 requires to be covered.
     */
    static final List<String> SIGNED_FIELDS = List.of("From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
            "Content-Type", "List-Unsubscribe", "List-Unsubscribe-Post");

    private DkimSigner() {
    }

    /** The DKIM-Signature field, folded, without the trailing CRLF. */
    static String signatureField(RawMessage message, DkimSigningKey key) {
        List<RawMessage.HeaderField> chosen = chooseFields(message);
        List<String> names = chosen.stream().map(RawMessage.HeaderField::lowerName).toList();
        String bodyHash = Base64.getEncoder().encodeToString(sha256(
                RelaxedBodyCanonicalization.canonicalize(message.body())));
        String unsigned = DkimSignatureField.unsigned(key, names, bodyHash);
        ByteArrayOutputStream hashInput = new ByteArrayOutputStream();
        for (RawMessage.HeaderField field : chosen) {
            hashInput.writeBytes(relaxed(field.name(), field.value()));
            hashInput.writeBytes(new byte[]{'\r', '\n'});
        }
        hashInput.writeBytes(relaxed(DkimSignatureField.NAME, unsigned.substring(unsigned.indexOf(':') + 1)));
        byte[] signature = key.algorithm().sign(key.privateKey(), hashInput.toByteArray());
        return DkimSignatureField.signed(unsigned, Base64.getEncoder().encodeToString(signature));
    }

    private static List<RawMessage.HeaderField> chooseFields(RawMessage message) {
        List<RawMessage.HeaderField> chosen = new ArrayList<>();
        for (String name : SIGNED_FIELDS) {
            List<RawMessage.HeaderField> fields = message.fields();
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (fields.get(i).lowerName().equals(name.toLowerCase(Locale.ROOT))) {
                    chosen.add(fields.get(i));
                }
            }
        }
        return chosen;
    }

    private static byte[] relaxed(String name, String value) {
        // Header fields are 7-bit here (RFC 2047 encodes the rest), so ISO-8859-1 maps bytes one to one.
        return RelaxedHeaderCanonicalization.canonicalize(name, value).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
