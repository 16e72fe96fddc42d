package dev.outreach.audit;

import dev.outreach.contact.EmailAddresses;
import dev.outreach.contact.PhoneNumbers;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed pseudonyms (HMAC-SHA256) of normalised recipients. The same person always gets the same
 * pseudonym, so suppression and audit queries work by pseudonym even after the readable address
 * has been erased, while the pseudonym alone reveals nothing without the key.
 */
public final class RecipientPseudonyms {

    private final SecretKeySpec key;
    /**
     * One keyed MAC per thread: looking the algorithm up and keying it cost more than the HMAC of a
     * short address, and every decision takes two to four pseudonyms. {@code doFinal} resets it.
     */
    private final ThreadLocal<Mac> macs;

    public RecipientPseudonyms(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("pseudonym key must be at least 32 bytes, was " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::keyedMac);
        keyedMac();
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * @param type EMAIL, PHONE or DOMAIN, so an address and a number never share a pseudonym
     * @param normalisedValue already normalised (lower-case ASCII address, E.164 number, domain)
     */
    public String of(String type, String normalisedValue) {
        Mac mac = macs.get();
        mac.update(type.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) ':');
        return HexFormat.of().formatHex(mac.doFinal(normalisedValue.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The pseudonym of a recipient typed plainly, as a compliance officer searches: an email address
     * (anything with an {@code @}) or a phone number in any format.
     *
     * @param defaultPhoneRegion region for numbers written without a country code, e.g. "US"
     * @throws IllegalArgumentException saying what the value should be
     */
    public String ofTyped(String recipient, String defaultPhoneRegion) {
        if (recipient.contains("@")) {
            try {
                return email(EmailAddresses.normalise(recipient));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("is not a valid email address", e);
            }
        }
        try {
            return phone(PhoneNumbers.toE164(recipient, defaultPhoneRegion));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be an email address or a phone number", e);
        }
    }

    public String email(String normalisedAddress) {
        return of("EMAIL", normalisedAddress);
    }

    public String phone(String e164) {
        return of("PHONE", e164);
    }

    public String domain(String normalisedDomain) {
        return of("DOMAIN", normalisedDomain);
    }
}
