package dev.outreach.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ParsedNumbersTest {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @Test
    void answersAsLibphonenumberDoesWhicheverNumberWasParsedBefore() throws NumberParseException {
        // alternating numbers: the kept last number must never answer for another
        List<String> numbers = List.of("+13055550123", "+14165550123", "+13055550123", "+442079460000",
                "+12425550123", "+12425550123", "+80012345678", "+15555550100");
        for (String e164 : numbers) {
            PhoneNumber direct = PHONES.parse(e164, "ZZ");

            ParsedNumbers.ParsedNumber parsed = ParsedNumbers.of(e164).orElseThrow();

            assertThat(parsed.e164()).isEqualTo(e164);
            assertThat(parsed.region()).as(e164).isEqualTo(PHONES.getRegionCodeForNumber(direct));
            assertThat(parsed.callingCode()).isEqualTo(direct.getCountryCode());
            assertThat(ParsedNumbers.isValid(parsed)).as(e164).isEqualTo(PHONES.isValidNumber(direct));
        }
    }

    @Test
    void aNumberToE164JustParsedIsKeptExactlyAsParsingItsE164WouldGiveIt() throws NumberParseException {
        // an extension (dropped from E.164), an Italian leading zero, another NANP country, a national form
        List<List<String>> raws = List.of(List.of("(305) 555-0123 ext. 45", "US"), List.of("+39 06 1234 5678", "US"),
                List.of("+1 242 357 1234", "US"), List.of("020 7946 0000", "GB"), List.of("305.555.0123", "US"));
        for (List<String> raw : raws) {
            ParsedNumbers.of("+14165550123"); // something else was parsed last

            String e164 = PhoneNumbers.toE164(raw.get(0), raw.get(1));
            ParsedNumbers.ParsedNumber kept = ParsedNumbers.of(e164).orElseThrow();

            PhoneNumber direct = PHONES.parse(e164, "ZZ");
            assertThat(kept.number().exactlySameAs(direct)).as("%s: %s vs %s", raw, kept.number(), direct).isTrue();
            assertThat(kept.region()).as(e164).isEqualTo(PHONES.getRegionCodeForNumber(direct));
            assertThat(ParsedNumbers.isValid(kept)).isTrue();
        }
    }

    @Test
    void aValueThatIsNotANumberGivesNothingAndDoesNotReplaceTheLastNumber() {
        ParsedNumbers.ParsedNumber first = ParsedNumbers.of("+13055550123").orElseThrow();

        assertThat(ParsedNumbers.of("not a number")).isEmpty();
        assertThat(ParsedNumbers.of("3055550123")).as("no + and no region to read it in").isEmpty();
        assertThat(ParsedNumbers.of("+13055550123")).containsSame(first);
    }
}
