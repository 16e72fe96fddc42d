package dev.outreach.suppression;

import dev.outreach.contact.EmailAddresses;
import dev.outreach.contact.PhoneNumbers;

import java.util.Locale;
import java.util.Optional;

/**
 * The file formats each kind folder accepts, chosen by file extension, and how one value of each
 * becomes a fingerprint. Formats are described for people in {@code suppression-lists/README.md}.
 */
enum ListFormat {
    EMAIL_TXT(ListKind.EMAIL, ".txt", null, FingerprintScheme.ADDRESS_SHA256),
    EMAIL_CSV(ListKind.EMAIL, ".csv", "email", FingerprintScheme.ADDRESS_SHA256),
    DOMAIN_TXT(ListKind.DOMAIN, ".txt", null, FingerprintScheme.DOMAIN_SHA256),
    HASHED_MD5(ListKind.HASHED, ".md5", null, FingerprintScheme.ADDRESS_MD5),
    HASHED_SHA256(ListKind.HASHED, ".sha256", null, FingerprintScheme.ADDRESS_SHA256),
    PHONE_TXT(ListKind.PHONE, ".txt", null, FingerprintScheme.E164_DIGITS),
    PHONE_CSV(ListKind.PHONE, ".csv", "phone", FingerprintScheme.E164_DIGITS);

    /** Company DNC lists are US numbers unless written with a country code. */
    static final String PHONE_DEFAULT_REGION = "US";

    private final ListKind kind;
    private final String extension;
    private final String csvColumn;
    private final FingerprintScheme scheme;

    ListFormat(ListKind kind, String extension, String csvColumn, FingerprintScheme scheme) {
        this.kind = kind;
        this.extension = extension;
        this.csvColumn = csvColumn;
        this.scheme = scheme;
    }

    /** The format of a file in a kind folder, by extension (any case); empty if unsupported. */
    static Optional<ListFormat> of(ListKind kind, String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (ListFormat f : values()) {
            if (f.kind == kind && lower.endsWith(f.extension) && lower.length() > f.extension.length()) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** "*.txt or *.csv", for messages about unsupported files. */
    static String extensionsOf(ListKind kind) {
        StringBuilder s = new StringBuilder();
        for (ListFormat f : values()) {
            if (f.kind == kind) {
                s.append(s.length() == 0 ? "" : " or ").append('*').append(f.extension);
            }
        }
        return s.toString();
    }

    /** The CSV column holding the value, or null for one-value-per-line formats. */
    String csvColumn() {
        return csvColumn;
    }

    FingerprintScheme scheme() {
        return scheme;
    }

    /**
     * @param value one value from the file, surrounding whitespace already removed
     * @throws IllegalArgumentException (one of the reason-carrying subtypes) when it is not usable
     */
    long fingerprint(String value, Fingerprints fingerprints) {
        return switch (this) {
            case EMAIL_TXT, EMAIL_CSV -> fingerprints.sha256Of(EmailAddresses.normalise(value));
            case DOMAIN_TXT -> fingerprints.sha256Of(EmailAddresses.normaliseDomain(value));
            case HASHED_MD5 -> Fingerprints.ofHexDigest(value, 32, "MD5");
            case HASHED_SHA256 -> Fingerprints.ofHexDigest(value, 64, "SHA-256");
            case PHONE_TXT, PHONE_CSV -> Fingerprints.ofE164(PhoneNumbers.toE164(value, PHONE_DEFAULT_REGION));
        };
    }
}
