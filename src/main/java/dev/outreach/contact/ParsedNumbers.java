package dev.outreach.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Optional;

/**
 * An E.164 number parsed once for all the questions one decision asks about it. Locating the number,
 * the GDPR signal and each foreign marketing law parsed it again and looked up its region, which for
 * a +1 number means trying the number patterns of every NANP country in turn: five parses and four
 * region look-ups per call or text. A decision runs on one thread, so each thread keeps the last
 * number it parsed; the answers depend only on the number and libphonenumber's metadata.
 */
final class ParsedNumbers {

    /**
     * @param number as parsed; never modified by anyone (libphonenumber's methods only read it)
     * @param region ISO 3166 region, or libphonenumber's null/"ZZ"/"001" when the number has none
     */
    record ParsedNumber(String e164, PhoneNumber number, String region) {

        int callingCode() {
            return number.getCountryCode();
        }
    }

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final ThreadLocal<ParsedNumber> LAST = new ThreadLocal<>();

    private ParsedNumbers() {
    }

    /**
     * Keeps a number {@link PhoneNumbers#toE164} has just parsed and found the region of, so the
     * questions the same decision asks next about its E.164 form do not parse it again. Only the
     * fields parsing the E.164 text gives are kept (no extension), so the kept number is exactly
     * what {@link #of} would parse. {@code number} is toE164's own and never handed out, so it is
     * kept as it is unless an extension has to go (list loads call toE164 for every line).
     */
    static void remember(String e164, PhoneNumber number, String region) {
        PhoneNumber asE164 = number.hasExtension() ? new PhoneNumber().mergeFrom(number).clearExtension() : number;
        LAST.set(new ParsedNumber(e164, asE164, region));
    }

    /** Empty when the value cannot be parsed as a number (then it gives no signal, zone or state). */
    static Optional<ParsedNumber> of(String e164) {
        ParsedNumber last = LAST.get();
        if (last != null && last.e164().equals(e164)) {
            return Optional.of(last);
        }
        try {
            PhoneNumber number = PHONES.parse(e164, "ZZ");
            ParsedNumber parsed = new ParsedNumber(e164, number, PHONES.getRegionCodeForNumber(number));
            LAST.set(parsed);
            return Optional.of(parsed);
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** libphonenumber's {@code isValidNumber}, without finding the region again. */
    static boolean isValid(ParsedNumber parsed) {
        return PHONES.isValidNumberForRegion(parsed.number(), parsed.region());
    }
}
