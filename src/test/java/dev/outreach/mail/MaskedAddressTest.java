package dev.outreach.mail;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskedAddressTest {

    @Test
    void keepsTheFirstCharacterAndTheDomainOnly() {
        assertThat(MaskedAddress.of("alice@example.com")).isEqualTo("a***@example.com");
        assertThat(MaskedAddress.of("not-an-address")).isEqualTo("***");
        assertThat(MaskedAddress.of(null)).isEqualTo("<none>");
    }

    @Test
    void masksEveryAddressQuotedInAServerReply() {
        assertThat(MaskedAddress.inText("550 5.1.1 <bob.smith@example.org>: Recipient address rejected; from=<x@y.z>"))
                .isEqualTo("550 5.1.1 <b***@example.org>: Recipient address rejected; from=<x***@y.z>");
    }
}
