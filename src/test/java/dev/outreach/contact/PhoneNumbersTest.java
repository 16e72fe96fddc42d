package dev.outreach.contact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"(305) 555-0123", "+1 305 555 0123", "305.555.0123", "1-305-555-0123", " 3055550123 "})
    void usNotationsWithDefaultRegionUsAllBecomeTheSameE164(String raw) {
        assertThat(PhoneNumbers.toE164(raw, "US")).isEqualTo("+13055550123");
    }

    @Test
    void aGermanNumberIsReadInTheDefaultRegionDe() {
        assertThat(PhoneNumbers.toE164("030 1234567", "DE")).isEqualTo("+49301234567");
        assertThat(PhoneNumbers.toE164("+49 30 1234567", "US")).isEqualTo("+49301234567");
    }

    @Test
    void anExplicitCountryCodeWinsOverTheDefaultRegion() {
        assertThat(PhoneNumbers.toE164("+44 20 7946 0958", "US")).isEqualTo("+442079460958");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "call me", "++--"})
    void unparseableInputIsRejectedWithoutEchoingIt(String raw) {
        assertThatThrownBy(() -> PhoneNumbers.toE164(raw, "US"))
                .isInstanceOf(InvalidPhoneNumberException.class)
                .hasMessageContaining("can be parsed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "555-0123", "+1 000 000 0000", "+1 305 555 01234567"})
    void impossibleOrInvalidNumbersAreRejected(String raw) {
        assertThatThrownBy(() -> PhoneNumbers.toE164(raw, "US"))
                .isInstanceOf(InvalidPhoneNumberException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("0123", "000"));
    }

    @Test
    void controlCharactersAreRejected() {
        assertThatThrownBy(() -> PhoneNumbers.toE164("305 555 0123\r\n", "US"))
                .isInstanceOf(InvalidPhoneNumberException.class)
                .hasMessageContaining("control character");
    }

    @Test
    void missingInputIsRejected() {
        assertThatThrownBy(() -> PhoneNumbers.toE164("  ", "US")).isInstanceOf(InvalidPhoneNumberException.class);
        assertThatThrownBy(() -> PhoneNumbers.toE164(null, "US")).isInstanceOf(InvalidPhoneNumberException.class);
    }

    @Test
    void e164DigitsAreTheNumberWithoutThePlus() {
        assertThat(PhoneNumbers.e164Digits("+13055550123")).isEqualTo(13_055_550_123L);
        assertThat(PhoneNumbers.e164Digits("+999999999999999")).isEqualTo(999_999_999_999_999L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"13055550123", "+", "+0123", "+1305555O123", "+1234567890123456", "+1 305"})
    void e164DigitsRejectsAnythingThatIsNotE164(String notE164) {
        assertThatThrownBy(() -> PhoneNumbers.e164Digits(notE164)).isInstanceOf(InvalidPhoneNumberException.class);
    }
}
