package dev.outreach.suppression;

/** How the entries of a list were turned into fingerprints, and so how a query must be. */
enum FingerprintScheme {
    /** First 8 bytes of SHA-256 of the normalised address: address lists and *.sha256 lists. */
    ADDRESS_SHA256,
    /** First 8 bytes of MD5 of the normalised address: *.md5 lists. */
    ADDRESS_MD5,
    /** First 8 bytes of SHA-256 of the normalised domain: domain lists. */
    DOMAIN_SHA256,
    /** The digits of the E.164 number: phone lists. */
    E164_DIGITS
}
