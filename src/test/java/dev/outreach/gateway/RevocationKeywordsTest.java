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
        assertThat(keywords.languages()).contains("en", "es", "fr", "de", "pt", "it", "nl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop!", "  Stop.  ", "...stop...", "Opt Out", "opt   out", "opt-out", "OPT_OUT",
            "¡Cancel!", "UnSubScribe", "end", "QUIT 🛑"})
    void theWholeMessageBeingAKeywordIsARevocation(String body) {
        assertThat(keywords.classify(body).reading()).isEqualTo(Reading.REVOCATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"please stop", "stop it now", "STOP ALL", "stpo", "Stp", "sotp please", "STOPP",
            "unsubscibe", "No más", "no mas por favor", "ARRETEZ", "Stopp!", "Stopp bitte", "don’t text me",
            "take me off your list", "Please take me off your list!", "stop texting me", "remove me",
            "leave me alone", "Dame de baja", "no me llames más", "Laissez-moi tranquille", "désabonnez-moi",
            "keine SMS mehr", "Lasst mich in Ruhe", "não quero mais", "me tire da lista", "non scrivermi più",
            "basta così", "niet meer sturen", "laat me met rust", "afmelden aub"})
    void wordingAReasonablePersonReadsAsStopRevokesAtOnce(String body) {
        assertThat(keywords.classify(body).reading()).as(body).isEqualTo(RevocationKeywords.Reading.REVOCATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"don't stop", "Please don't stop texting me, I love the deals", "do not unsubscribe me",
            "hör nicht auf", "nicht aufhören", "n'arrêtez pas", "non basta", "no basta", "niet stoppen"})
    void aNegatedStopIsNoRevocation(String body) {
        assertThat(keywords.classify(body).reading()).as(body).isEqualTo(RevocationKeywords.Reading.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"can you cancel my subscription", "it's the end of the month", "I said stop by at noon?",
            "ok stop and think about the price"})
    void aStopWordAmongOtherWordsGoesToReview(String body) {
        assertThat(keywords.classify(body).reading()).isEqualTo(Reading.REVIEW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Thanks!", "stopwatch battery", "unstoppable", "Call me tomorrow", "sounds good",
            "gracias, info para mi jefe", "   ", "backend question", "next step?", "Step 2 done"})
    void ordinaryTextsAreNotRevocations(String body) {
        assertThat(keywords.classify(body).reading()).isEqualTo(Reading.NONE);
    }

    @Test
    void aMatchNamesTheTermThatDecidedIt() {
        assertThat(keywords.classify(" Opt Out. ").matched()).isEqualTo("opt out");
        assertThat(keywords.classify("please stpo texting me").matched()).isEqualTo("stop texting");
        assertThat(keywords.classify("please stop").matched()).isEqualTo("stop");
        assertThat(keywords.classify("can you cancel my subscription").matched()).isEqualTo("cancel");
        assertThat(keywords.classify(null).matched()).isNull();
    }

    @Test
    void aFileWithoutKeywordsIsRefused() {
        String yaml = "citation: x\nconfidence: S\nkeywords: []\n";
        assertThatThrownBy(() -> RevocationKeywords.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keywords");
    }
}
