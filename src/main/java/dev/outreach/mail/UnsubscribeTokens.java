package dev.outreach.mail;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Signed tokens for the unsubscribe link ({@code /u/TOKEN}) and the RFC 8058 one-click URI.
 *
 * <p>Layout, before base64url without padding (RFC 4648 §5):
 * <pre>
 *   [1 byte version = 1][32 bytes recipient pseudonym][16 bytes HMAC-SHA256(version ‖ pseudonym), truncated]
 * </pre>
 * which is always 49 bytes, i.e. 66 characters.
 *
 * <p><b>Why no address inside.</b> The URI travels in a header and a visible link, so it ends up in
 * web server logs, referrers, link scanners and forwarded mail. RFC 8058 §3.1 asks for "an opaque
 * identifier or another hard-to-forge component" instead of the plaintext subscriber. The token
 * carries only the keyed pseudonym ({@code subjectKey}) the rest of the gateway already uses, so
 * it reveals nothing without the pseudonym key and still resolves after the readable address
 * has been erased: an erased person can still unsubscribe, and stays suppressed.
 *
 * <p><b>Why no expiry.</b> CAN-SPAM (15 U.S.C. 7704(a)(3)) requires the opt-out mechanism to keep
 * working for at least 30 days after the message is sent, and people act on old mail long after
 * that. An unsubscribe only ever reduces what we send, so an old token is harmless; the tokens
 * therefore never expire. The HMAC (RFC 2104) only stops someone forging tokens for other people.
 *
 * <p>Thread-safe.
 */
public final class UnsubscribeTokens {

    static final byte VERSION = 1;
    static final int PSEUDONYM_BYTES = 32;
    static final int MAC_BYTES = 16;
    static final int TOKEN_BYTES = 1 + PSEUDONYM_BYTES + MAC_BYTES;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int TOKEN_CHARS = ENCODER.encodeToString(new byte[TOKEN_BYTES]).length();
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    /** @param signingKey at least 32 bytes (the HMAC-SHA256 output size, RFC 2104 §3) */
    public UnsubscribeTokens(byte[] signingKey) {
        if (signingKey == null || signingKey.length < 32) {
            throw new IllegalArgumentException("unsubscribe signing key must be at least 32 bytes, was "
                    + (signingKey == null ? "null" : signingKey.length));
        }
        this.key = new SecretKeySpec(signingKey.clone(), "HmacSHA256");
    }

    /** @param subjectKeyHex the recipient pseudonym: 64 hex digits (32 bytes) */
    public String issue(String subjectKeyHex) {
        byte[] pseudonym = parsePseudonym(subjectKeyHex);
        ByteBuffer token = ByteBuffer.allocate(TOKEN_BYTES).put(VERSION).put(pseudonym);
        token.put(mac(VERSION, pseudonym));
        return ENCODER.encodeToString(token.array());
    }

    /**
     * @return the subjectKey (lower-case hex) the token was issued for; empty when the token is
     *         malformed, has the wrong length or version, or its MAC does not match
     */
    public Optional<String> verify(String token) {
        byte[] bytes = decodeCanonical(token);
        if (bytes == null || bytes[0] != VERSION) {
            return Optional.empty();
        }
        byte[] pseudonym = Arrays.copyOfRange(bytes, 1, 1 + PSEUDONYM_BYTES);
        byte[] presented = Arrays.copyOfRange(bytes, 1 + PSEUDONYM_BYTES, TOKEN_BYTES);
        // MessageDigest.isEqual takes the same time wherever the first difference is.
        if (!MessageDigest.isEqual(mac(VERSION, pseudonym), presented)) {
            return Optional.empty();
        }
        return Optional.of(HEX.formatHex(pseudonym));
    }

    /** Decodes only the one spelling {@link #issue} produces, so a token has exactly one text form. */
    private static byte[] decodeCanonical(String token) {
        if (token == null || token.length() != TOKEN_CHARS) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(token);
        } catch (IllegalArgumentException notBase64Url) {
            return null;
        }
        if (bytes.length != TOKEN_BYTES || !ENCODER.encodeToString(bytes).equals(token)) {
            return null;
        }
        return bytes;
    }

    private static byte[] parsePseudonym(String subjectKeyHex) {
        if (subjectKeyHex == null || subjectKeyHex.length() != PSEUDONYM_BYTES * 2) {
            throw new IllegalArgumentException("subjectKey must be " + PSEUDONYM_BYTES * 2 + " hex digits");
        }
        try {
            return HEX.parseHex(subjectKeyHex);
        } catch (IllegalArgumentException notHex) {
            throw new IllegalArgumentException("subjectKey must be " + PSEUDONYM_BYTES * 2 + " hex digits", notHex);
        }
    }

    private byte[] mac(byte version, byte[] pseudonym) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(version);
            mac.update(pseudonym);
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
