package dev.outreach.suppression;

import dev.outreach.contact.EmailAddresses;

import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every fingerprint one email address can be listed under, computed once per query and then
 * tested against each list: the address itself (SHA-256, MD5 for partner lists) and each
 * suffix of its domain, because a listed domain covers its subdomains. The MD5 fingerprints are
 * computed only when an MD5 list asks for them. Used by one thread, for one query.
 */
final class EmailProbe {

    /** Digests are costly to look up and cheap to reuse; a probe runs on one thread at a time. */
    private static final ThreadLocal<Fingerprints> FINGERPRINTS = ThreadLocal.withInitial(Fingerprints::new);

    private final List<String> spellings;
    private final long[] addressSha256;
    private final long[] domainSuffixes;
    private long[] addressMd5;

    private EmailProbe(List<String> spellings, long[] addressSha256, long[] domainSuffixes) {
        this.spellings = spellings;
        this.addressSha256 = addressSha256;
        this.domainSuffixes = domainSuffixes;
    }

    /** @param normalised an address from {@link EmailAddresses#normalise(String)} */
    static EmailProbe of(String normalised) {
        Fingerprints fingerprints = FINGERPRINTS.get();
        List<String> spellings = hashedSpellings(normalised);
        long[] sha256 = new long[spellings.size()];
        for (int i = 0; i < spellings.size(); i++) {
            sha256[i] = fingerprints.sha256Of(spellings.get(i));
        }
        List<String> suffixes = domainSuffixes(EmailAddresses.domainOf(normalised));
        long[] domains = new long[suffixes.size()];
        for (int i = 0; i < suffixes.size(); i++) {
            domains[i] = fingerprints.sha256Of(suffixes.get(i));
        }
        return new EmailProbe(spellings, sha256, domains);
    }

    boolean isIn(FingerprintScheme scheme, FingerprintIndex index) {
        return switch (scheme) {
            case ADDRESS_SHA256 -> anyIn(addressSha256, index);
            case ADDRESS_MD5 -> anyIn(addressMd5(), index);
            case DOMAIN_SHA256 -> anyIn(domainSuffixes, index);
            case E164_DIGITS -> false;
        };
    }

    private long[] addressMd5() {
        if (addressMd5 == null) {
            Fingerprints fingerprints = FINGERPRINTS.get();
            long[] md5 = new long[spellings.size()];
            for (int i = 0; i < md5.length; i++) {
                md5[i] = fingerprints.md5Of(spellings.get(i));
            }
            addressMd5 = md5;
        }
        return addressMd5;
    }

    /**
     * The normalised address, plus its Unicode-domain spelling for an IDN domain: a partner who
     * hashed {@code ann@bücher.de} instead of the punycode form must still suppress. Checking one
     * extra spelling can only block more, never less.
     */
    private static List<String> hashedSpellings(String normalised) {
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(normalised);
        String domain = EmailAddresses.domainOf(normalised);
        if (domain.contains("xn--")) {
            String local = normalised.substring(0, normalised.length() - domain.length());
            try {
                spellings.add(local + IDN.toUnicode(domain, IDN.USE_STD3_ASCII_RULES));
            } catch (IllegalArgumentException e) {
                // not decodable: only the ASCII spelling can be listed
            }
        }
        return new ArrayList<>(spellings);
    }

    /**
     * {@code a.mail.example.com} → {@code a.mail.example.com, mail.example.com, example.com}. A bare
     * top-level label is never a listable domain (domain entries need a dot), so it is not probed.
     */
    private static List<String> domainSuffixes(String domain) {
        List<String> suffixes = new ArrayList<>();
        String suffix = domain;
        while (suffix.indexOf('.') > 0) {
            suffixes.add(suffix);
            suffix = suffix.substring(suffix.indexOf('.') + 1);
        }
        return suffixes;
    }

    private static boolean anyIn(long[] fingerprints, FingerprintIndex index) {
        for (long f : fingerprints) {
            if (index.contains(f)) {
                return true;
            }
        }
        return false;
    }
}
