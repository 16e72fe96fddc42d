package dev.outreach.gateway;

import dev.outreach.gateway.RevocationKeywords.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading inbound texts against the shipped keyword file. */
class RevocationKeywordsTest {

    private final RevocationKeywords keywords = RevocationKeywords.load();

    @Test
    void theShippedFileCarriesTheReferenceKeywordsWithCitationAndConfidence() {
        assertThat(keywords.keywords()).containsExactly("stop", "quit", "end", "revoke", "opt out", "cancel",
                "unsubscribe");
        assertThat(keywords.citation()).isEqualTo("47 CFR 64.1200(a)(10)");
        assertThat(keywords.confidence()).isEqualTo("S");
        assertThat(keywords.reviewTerms()).contains("stpo", "unsubscibe", "no mas", "basta", "arrêter", "stopp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop!", "  Stop.  ", "...stop...", "Opt Out", "opt   out", "opt-out", "OPT_OUT",
            "¡Cancel!", "UnSubScribe", "end", "QUIT 🛑"})
    void theWholeMessageBeingAKeywordIsARevocation(String body) {
        assertThat(keywords.classify(body).reading()).isEqualTo(Reading.REVOCATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"please stop", "stop it now", "STOP ALL", "can you cancel my subscription", "stpo",
            "No más", "no mas por favor", "ARRETEZ", "Stopp!", "don’t text me", "take me off your list",
            "it's the end of the month"})
    void wordingThatMayMeanStopGoesToReview(String body) {
        assertThat(keywords.classify(body).reading()).isEqualTo(Reading.REVIEW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Thanks!", "stopwatch battery", "unstoppable", "Call me tomorrow", "sounds good",
            "gracias, info para mi jefe", "   ", "backend question"})
    void ordinaryTextsAreNotRevocations(String body) {
        assertThat(keywords.classify(body).reading()).isEqualTo(Reading.NONE);
    }

    @Test
    void aMatchNamesTheTermThatDecidedIt() {
        assertThat(keywords.classify(" Opt Out. ").matched()).isEqualTo("opt out");
        assertThat(keywords.classify("please stpo texting me").matched()).isEqualTo("stpo");
        assertThat(keywords.classify("please stop texting me").matched()).isEqualTo("stop");
        assertThat(keywords.classify(null).matched()).isNull();
    }

    @Test
    void aFileWithoutKeywordsIsRefused() {
        String yaml = "citation: x\nconfidence: S\nkeywords: []\n";
        assertThatThrownBy(() -> RevocationKeywords.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keywords");
    }
}
