package dev.outreach.contact;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The normalisation as it was before the fast path for plain addresses: every address went through
 * jakarta.mail InternetAddress. Kept verbatim as the reference the new implementation is compared with.
 */
final class LegacyEmailAddresses {

    /** RFC 5321 4.5.3.1.3: a path is at most 256 octets including the angle brackets. */
    private static final int MAX_LENGTH = 254;

    private LegacyEmailAddresses() {
    }

    /**
     * @return the normalised address, e.g. {@code ann@example.com}
     * @throws InvalidEmailAddressException when the input is not a single bare address; the message
     *                                      never contains the input
     */
    public static String normalise(String raw) {
        if (raw == null) {
            throw new InvalidEmailAddressException("email address is missing");
        }
        rejectControlCharacters(raw);
        String address = withoutTrailingDot(raw.strip());
        if (address.isEmpty()) {
            throw new InvalidEmailAddressException("email address is empty");
        }
        requireBareAddrSpec(address);
        int at = address.lastIndexOf('@');
        String local = Normalizer.normalize(address.substring(0, at), Normalizer.Form.NFC);
        String normalised = (local + "@" + asciiDomain(address.substring(at + 1))).toLowerCase(Locale.ROOT);
        if (normalised.length() > MAX_LENGTH) {
            throw new InvalidEmailAddressException("email address is longer than " + MAX_LENGTH + " characters");
        }
        return normalised;
    }

    /**
     * Normalises a bare domain the same way as the domain part of {@link #normalise(String)}:
     * trimmed, trailing dot removed, ASCII (punycode), lower-case, at least one dot.
     *
     * @throws InvalidEmailAddressException when it is not a domain name
     */
    public static String normaliseDomain(String raw) {
        if (raw == null) {
            throw new InvalidEmailAddressException("domain is missing");
        }
        rejectControlCharacters(raw);
        String domain = raw.strip();
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.isEmpty()) {
            throw new InvalidEmailAddressException("domain is empty");
        }
        return asciiDomain(domain).toLowerCase(Locale.ROOT);
    }

    /**
     * @param normalised an address returned by {@link #normalise(String)}
     * @return its domain, e.g. {@code example.com}
     */
    public static String domainOf(String normalised) {
        int at = normalised == null ? -1 : normalised.lastIndexOf('@');
        if (at < 1 || at == normalised.length() - 1) {
            throw new InvalidEmailAddressException("not a normalised email address");
        }
        return normalised.substring(at + 1);
    }

    private static void rejectControlCharacters(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new InvalidEmailAddressException("contains a control character such as CR or LF");
            }
        }
    }

    /** InternetAddress refuses a trailing dot, but {@code example.com.} is the same DNS name. */
    private static String withoutTrailingDot(String address) {
        return address.endsWith(".") && address.indexOf('@') >= 0
                ? address.substring(0, address.length() - 1)
                : address;
    }

    /**
     * InternetAddress happily parses "Ann &lt;ann@x.com&gt;" and "ann@x.com (Ann)" into a bare
     * address; requiring the parsed address to equal the input is what rejects those forms.
     */
    private static void requireBareAddrSpec(String address) {
        InternetAddress parsed;
        try {
            parsed = new InternetAddress(address, true);
            parsed.validate();
        } catch (AddressException e) {
            // e's message may quote the input: do not pass it on
            throw new InvalidEmailAddressException("not a valid email address");
        }
        if (parsed.isGroup() || parsed.getPersonal() != null || !address.equals(parsed.getAddress())) {
            throw new InvalidEmailAddressException(
                    "not a bare email address (display names, angle brackets, comments and groups are not accepted)");
        }
        if (address.indexOf('@') < 0) {
            throw new InvalidEmailAddressException("email address has no @ and domain");
        }
    }

    private static String asciiDomain(String domain) {
        if (domain.startsWith("[")) {
            throw new InvalidEmailAddressException("an IP address literal is not accepted as an email domain");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new InvalidEmailAddressException("domain is not a valid domain name");
        }
        if (ascii.isEmpty() || ascii.indexOf('.') < 0) {
            throw new InvalidEmailAddressException("domain has no dot");
        }
        if (ascii.startsWith(".") || ascii.endsWith(".") || ascii.contains("..")) {
            throw new InvalidEmailAddressException("domain is not a valid domain name");
        }
        return ascii;
    }
}
