package dev.outreach.mail.dkim;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * The two signing algorithms this gateway writes in the {@code a=} tag.
 *
 * <ul>
 *   <li>{@code rsa-sha256}, RFC 6376 §3.3.1: RSASSA-PKCS1-v1_5 with SHA-256 over the hash input
 *       of §3.7; the DNS key record carries the SubjectPublicKeyInfo (§3.6.1, {@code k=rsa}).</li>
 *   <li>{@code ed25519-sha256}, RFC 8463 §3: PureEdDSA Ed25519 over the SHA-256 digest of the
 *       same hash input; the DNS record carries the bare 32-byte public key (§4.2, {@code k=ed25519}).</li>
 * </ul>
 */
public enum DkimAlgorithm {
    RSA_SHA256("rsa-sha256", "rsa", "RSA"),
    ED25519_SHA256("ed25519-sha256", "ed25519", "Ed25519");

    /** The X.509 SubjectPublicKeyInfo prefix in front of a raw Ed25519 key (RFC 8410 §4). */
    private static final int ED25519_SPKI_PREFIX = 12;

    private final String tag;
    private final String keyType;
    private final String jcaKeyAlgorithm;

    DkimAlgorithm(String tag, String keyType, String jcaKeyAlgorithm) {
        this.tag = tag;
        this.keyType = keyType;
        this.jcaKeyAlgorithm = jcaKeyAlgorithm;
    }

    /** The {@code a=} value. */
    public String tag() {
        return tag;
    }

    /** The {@code k=} value of the DNS key record. */
    public String keyType() {
        return keyType;
    }

    String jcaKeyAlgorithm() {
        return jcaKeyAlgorithm;
    }

    static DkimAlgorithm forKey(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> RSA_SHA256;
            case "Ed25519", "EdDSA" -> ED25519_SHA256;
            default -> throw new IllegalArgumentException("DKIM key must be RSA or Ed25519, was " + key.getAlgorithm());
        };
    }

    /** Signs the RFC 6376 §3.7 hash input. */
    byte[] sign(PrivateKey key, byte[] hashInput) {
        try {
            if (this == RSA_SHA256) {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initSign(key);
                rsa.update(hashInput);
                return rsa.sign();
            }
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key);
            ed25519.update(MessageDigest.getInstance("SHA-256").digest(hashInput));
            return ed25519.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(tag + " signing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The {@code p=} value of the DNS key record. */
    String publicKeyData(PublicKey key) {
        byte[] spki = key.getEncoded();
        byte[] data = this == RSA_SHA256 ? spki : Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX, spki.length);
        return Base64.getEncoder().encodeToString(data);
    }
}
