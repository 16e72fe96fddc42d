package dev.outreach.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers in one canonical form, E.164 ({@code +13055550123}), parsed with libphonenumber.
 * A number written without a country code is read in the caller's default region. Numbers that
 * libphonenumber cannot parse, or that are not valid numbers for their region (wrong length, no
 * such area code), are rejected: a call decision about a number that cannot exist is meaningless,
 * and a suppression entry that was silently "repaired" into another number would block the wrong
 * person. An extension is dropped: do-not-call applies to the line, not the extension.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** E.164: at most 15 digits, so the digits always fit in a long. */
    private static final int MAX_E164_DIGITS = 15;

    private PhoneNumbers() {
    }

    /**
     * @param raw           a number in any common notation: "(305) 555-0123", "+1 305 555 0123",
     *                      "305.555.0123"
     * @param defaultRegion ISO 3166 region ("US", "DE") for numbers written without a country code
     * @return the number in E.164
     * @throws InvalidPhoneNumberException with a message that never contains the number
     */
    public static String toE164(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPhoneNumberException("phone number is missing");
        }
        rejectControlCharacters(raw);
        PhoneNumber number = parse(raw, defaultRegion);
        ValidationResult possible = UTIL.isPossibleNumberWithReason(number);
        if (possible != ValidationResult.IS_POSSIBLE) {
            throw new InvalidPhoneNumberException("phone number is impossible (" + describe(possible) + ")");
        }
        // isValidNumber's own two steps, so the region found here is kept for the rest of the decision
        String region = UTIL.getRegionCodeForNumber(number);
        if (!UTIL.isValidNumberForRegion(number, region)) {
            throw new InvalidPhoneNumberException("phone number is not a valid number for its region");
        }
        String e164 = UTIL.format(number, PhoneNumberFormat.E164);
        ParsedNumbers.remember(e164, number, region);
        return e164;
    }

    /**
     * The digits of an E.164 number as a long, for compact indexes. Distinct numbers give distinct
     * values: country codes never start with 0 and are prefix-free, so no two E.164 strings share
     * their digits.
     *
     * @param e164 a number returned by {@link #toE164(String, String)}
     */
    public static long e164Digits(String e164) {
        if (e164 == null || e164.length() < 2 || e164.length() > MAX_E164_DIGITS + 1 || e164.charAt(0) != '+'
                || e164.charAt(1) == '0') {
            throw new InvalidPhoneNumberException("not an E.164 phone number");
        }
        for (int i = 1; i < e164.length(); i++) {
            if (e164.charAt(i) < '0' || e164.charAt(i) > '9') {
                throw new InvalidPhoneNumberException("not an E.164 phone number");
            }
        }
        return Long.parseLong(e164, 1, e164.length(), 10);
    }

    private static PhoneNumber parse(String raw, String defaultRegion) {
        try {
            return UTIL.parse(raw, defaultRegion);
        } catch (NumberParseException e) {
            // e's message is generic, but its type is the useful part and never echoes the input
            throw new InvalidPhoneNumberException("not a phone number that can be parsed (" + describe(e) + ")");
        }
    }

    private static void rejectControlCharacters(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (Character.isISOControl(raw.charAt(i))) {
                throw new InvalidPhoneNumberException("phone number contains a control character such as CR or LF");
            }
        }
    }

    private static String describe(NumberParseException e) {
        return switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> "unknown country code, or no country code and no default region";
            case NOT_A_NUMBER -> "does not look like a phone number";
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "too short";
            case TOO_LONG -> "too long";
        };
    }

    private static String describe(ValidationResult result) {
        return switch (result) {
            case TOO_SHORT -> "too short";
            case TOO_LONG -> "too long";
            case INVALID_LENGTH -> "invalid length";
            case INVALID_COUNTRY_CODE -> "unknown country code";
            case IS_POSSIBLE_LOCAL_ONLY -> "local number without an area code";
            case IS_POSSIBLE -> "possible";
        };
    }
}
