package dev.outreach.mail.dkim;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One private key that signs for a domain under a selector (RFC 6376 §3.1: the key is found at
 * {@code <selector>._domainkey.<domain>}).
 *
 * @param publicKey the matching public key, or null when only the private key is on file (Ed25519
 *                  keys cannot be derived from a PKCS#8 file by the JDK); needed only to print the
 *                  DNS record
 */
public record DkimSigningKey(String domain, String selector, PrivateKey privateKey, PublicKey publicKey) {

    /** RFC 6376 §3.1 selector: sub-domain labels. */
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");

    public DkimSigningKey {
        Objects.requireNonNull(privateKey, "privateKey");
        domain = checkedName("domain", domain).toLowerCase(Locale.ROOT);
        selector = checkedName("selector", selector);
        DkimAlgorithm.forKey(privateKey);
    }

    static String checkedName(String field, String value) {
        if (value == null || !SELECTOR.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a DNS name such as example.com (RFC 6376 §3.1)");
        }
        return value;
    }

    public DkimAlgorithm algorithm() {
        return DkimAlgorithm.forKey(privateKey);
    }

    /** Where verifiers look the key up (RFC 6376 §3.6.2.1). */
    public String dnsName() {
        return selector + "._domainkey." + domain;
    }

    /** The TXT record value (RFC 6376 §3.6.1), when the public key is known. */
    public Optional<String> dnsRecord() {
        if (publicKey == null) {
            return Optional.empty();
        }
        return Optional.of("v=DKIM1; k=" + algorithm().keyType() + "; p=" + algorithm().publicKeyData(publicKey));
    }
}
