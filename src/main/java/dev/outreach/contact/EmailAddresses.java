package dev.outreach.contact;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The one normalisation of email addresses used everywhere: suppression lists, runtime
 * suppressions, consent, pseudonyms and sending. Two spellings of the same mailbox must produce the
 * same string, or a suppression would silently miss.
 *
 * <p>{@link #normalise(String)} does, in this order:
 * <ol>
 *   <li>rejects any control character (CR, LF, TAB, NUL, U+0080–U+009F, U+2028/U+2029) anywhere in
 *       the input, even at the ends: none is ever part of an address, and CR/LF is how header
 *       injection starts;</li>
 *   <li>trims surrounding whitespace;</li>
 *   <li>removes one trailing dot of the domain ({@code ann@example.com.} is the same mailbox);</li>
 *   <li>accepts only a single bare addr-spec ({@code local@domain}), validated strictly by
 *       jakarta.mail {@link InternetAddress}: display names ({@code Ann <ann@example.com>}),
 *       angle brackets, comments ({@code ann@example.com (Ann)}), groups, lists of addresses and
 *       domain literals ({@code ann@[192.0.2.1]}) are rejected. A plain ASCII address (atext atoms
 *       and LDH labels, {@link PlainAddress}) is recognised without parsing, with the same result;</li>
 *   <li>converts an internationalised domain to ASCII with {@link IDN#toASCII} (STD3 rules), so
 *       {@code ann@bücher.de} becomes {@code ann@xn--bcher-kva.de};</li>
 *   <li>requires a dot in the domain ({@code ann@localhost} is not a deliverable marketing
 *       address);</li>
 *   <li>lower-cases the whole address, local part included (Locale.ROOT). RFC 5321 allows a
 *       case-sensitive local part, but no real mailbox provider uses one, and a suppression that
 *       missed because of case would be the unsafe failure;</li>
 *   <li>composes a non-ASCII local part to Unicode NFC, so composed and decomposed spellings of
 *       the same letters are one address (no effect on ASCII addresses);</li>
 *   <li>rejects a result longer than 254 characters (RFC 5321 path limit).</li>
 * </ol>
 *
 * <p>This is the same normalisation partners must apply before hashing an address for a hashed
 * suppression list: trim, lower-case, ASCII (punycode) domain without a trailing dot; then MD5 or
 * SHA-256 of the UTF-8 bytes. For an ordinary ASCII address that is simply "trimmed and
 * lower-cased". See {@code suppression-lists/README.md}.
 */
public final class EmailAddresses {

    /** RFC 5321 4.5.3.1.3: a path is at most 256 octets including the angle brackets. */
    private static final int MAX_LENGTH = 254;

    private EmailAddresses() {
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
        if (PlainAddress.matches(address)) {
            // the common case, decided without InternetAddress and IDN (see PlainAddress): ASCII needs no NFC
            return withinLength(address.toLowerCase(Locale.ROOT));
        }
        requireBareAddrSpec(address);
        int at = address.lastIndexOf('@');
        String local = Normalizer.normalize(address.substring(0, at), Normalizer.Form.NFC);
        return withinLength((local + "@" + asciiDomain(address.substring(at + 1))).toLowerCase(Locale.ROOT));
    }

    private static String withinLength(String normalised) {
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
