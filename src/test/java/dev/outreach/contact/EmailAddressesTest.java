package dev.outreach.contact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailAddressesTest {

    @Test
    void lowerCasesTheWholeAddressIncludingTheLocalPart() {
        assertThat(EmailAddresses.normalise("Ann.Smith@Example.COM")).isEqualTo("ann.smith@example.com");
    }

    @Test
    void trimsSurroundingWhitespace() {
        assertThat(EmailAddresses.normalise("  Ann@Example.COM ")).isEqualTo("ann@example.com");
    }

    @Test
    void convertsAnInternationalisedDomainToPunycode() {
        assertThat(EmailAddresses.normalise("ann@bücher.de")).isEqualTo("ann@xn--bcher-kva.de");
        assertThat(EmailAddresses.normalise("Ann@BÜCHER.de")).isEqualTo("ann@xn--bcher-kva.de");
    }

    @Test
    void removesATrailingDotFromTheDomain() {
        assertThat(EmailAddresses.normalise("ann@example.com.")).isEqualTo("ann@example.com");
    }

    @Test
    void keepsDotsAndPlusTagsInTheLocalPart() {
        assertThat(EmailAddresses.normalise("Ann.Smith+News@example.com")).isEqualTo("ann.smith+news@example.com");
    }

    @Test
    void isIdempotent() {
        String once = EmailAddresses.normalise(" Ann@Bücher.DE ");
        assertThat(EmailAddresses.normalise(once)).isEqualTo(once);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann@example.com\r\nBcc: eve@example.net", "ann@example.com\n", "\r\nann@example.com",
            "ann@exa\u0000mple.com", "ann@example.com\t", "ann@example.com\u2028"})
    void rejectsCrLfAndOtherControlCharactersAnywhere(String raw) {
        assertThatThrownBy(() -> EmailAddresses.normalise(raw))
                .isInstanceOf(InvalidEmailAddressException.class)
                .hasMessageContaining("control character")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n", "ann", "eve"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ann <ann@example.com>", "<ann@example.com>", "\"Ann\" <ann@example.com>",
            "ann@example.com (Ann)", "friends: ann@example.com, bob@example.com;", "ann@example.com, bob@example.com"})
    void rejectsDisplayNamesAngleBracketsCommentsGroupsAndLists(String raw) {
        assertThatThrownBy(() -> EmailAddresses.normalise(raw))
                .isInstanceOf(InvalidEmailAddressException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ann", "Ann"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ann", "ann@", "@example.com", "ann@@example.com", "ann@exa mple.com",
            "ann..smith@example.com", "ann@example..com", "ann@-example.com", "ann@[192.0.2.1]", "ann@example.com..",
            "ann@*.example.com"})
    void rejectsMalformedAddresses(String raw) {
        assertThatThrownBy(() -> EmailAddresses.normalise(raw)).isInstanceOf(InvalidEmailAddressException.class);
    }

    @Test
    void rejectsADomainWithoutADot() {
        assertThatThrownBy(() -> EmailAddresses.normalise("ann@localhost"))
                .isInstanceOf(InvalidEmailAddressException.class)
                .hasMessageContaining("no dot");
    }

    @Test
    void rejectsAnAddressLongerThanTheSmtpLimit() {
        String longDomain = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + ".example.com";
        assertThatThrownBy(() -> EmailAddresses.normalise("ann@" + longDomain))
                .isInstanceOf(InvalidEmailAddressException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> EmailAddresses.normalise(null)).isInstanceOf(InvalidEmailAddressException.class);
    }

    @Test
    void domainOfReturnsThePartAfterTheAt() {
        assertThat(EmailAddresses.domainOf("ann@mail.example.com")).isEqualTo("mail.example.com");
        assertThat(EmailAddresses.domainOf(EmailAddresses.normalise("ann@bücher.de"))).isEqualTo("xn--bcher-kva.de");
    }

    @Test
    void domainOfRejectsSomethingThatIsNotAnAddress() {
        assertThatThrownBy(() -> EmailAddresses.domainOf("example.com")).isInstanceOf(InvalidEmailAddressException.class);
    }

    @Test
    void normaliseDomainMatchesTheDomainPartOfAnAddress() {
        assertThat(EmailAddresses.normaliseDomain(" Bücher.DE. ")).isEqualTo("xn--bcher-kva.de");
        assertThatThrownBy(() -> EmailAddresses.normaliseDomain("com")).isInstanceOf(InvalidEmailAddressException.class);
        assertThatThrownBy(() -> EmailAddresses.normaliseDomain("@example.com"))
                .isInstanceOf(InvalidEmailAddressException.class);
    }
}
