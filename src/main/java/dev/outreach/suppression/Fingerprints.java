package dev.outreach.suppression;

import dev.outreach.contact.PhoneNumbers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Turns normalised values into the 64-bit fingerprints a {@link FingerprintIndex} holds. An
 * address fingerprint is the first 8 bytes (big-endian) of the SHA-256 of the normalised address,
 * which is also exactly the first 16 hex digits of a partner's SHA-256 digest of that address, so
 * both kinds of list share one scheme. Holds its own digests: one instance per thread.
 */
final class Fingerprints {

    private final MessageDigest sha256 = digest("SHA-256");
    private final MessageDigest md5 = digest("MD5");

    long sha256Of(String normalised) {
        return prefix(sha256.digest(normalised.getBytes(StandardCharsets.UTF_8)));
    }

    long md5Of(String normalised) {
        return prefix(md5.digest(normalised.getBytes(StandardCharsets.UTF_8)));
    }

    static long ofE164(String e164) {
        return PhoneNumbers.e164Digits(e164);
    }

    /**
     * @param hex       a hex digest as partners send it, either case
     * @param hexDigits 32 for MD5, 64 for SHA-256
     */
    static long ofHexDigest(String hex, int hexDigits, String algorithm) {
        if (hex.length() != hexDigits) {
            throw new InvalidEntryException("not a " + algorithm + " digest (expected " + hexDigits + " hex digits)");
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new InvalidEntryException("not a " + algorithm + " digest (non-hex character)");
            }
        }
        return Long.parseUnsignedLong(hex, 0, 16, 16);
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return s.toString();
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }

    private static long prefix(byte[] digest) {
        return ByteBuffer.wrap(digest).getLong();
    }
}
