package dev.outreach.mail;

import dev.outreach.audit.RecipientPseudonyms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnsubscribeTokensTest {

    private static final byte[] SIGNING_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String ADDRESS = "alice.walker@example.com";
    private static final String SUBJECT_KEY =
            new RecipientPseudonyms("pseudonym-key-pseudonym-key-0123".getBytes(StandardCharsets.US_ASCII)).email(ADDRESS);

    private final UnsubscribeTokens tokens = new UnsubscribeTokens(SIGNING_KEY);

    @Test
    void issuedTokenVerifiesToTheSubjectKeyItWasIssuedFor() {
        String token = tokens.issue(SUBJECT_KEY);

        assertThat(tokens.verify(token)).contains(SUBJECT_KEY);
    }

    @Test
    void tokenIsSixtySixUrlSafeCharactersWithoutPadding() {
        String token = tokens.issue(SUBJECT_KEY);

        assertThat(token).hasSize(66).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void tokenCarriesNeitherTheAddressNorAnyPartOfIt() {
        String token = tokens.issue(SUBJECT_KEY);
        String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1);

        for (String part : new String[] {ADDRESS, "alice", "walker", "example"}) {
            assertThat(token).doesNotContainIgnoringCase(part);
            assertThat(decoded).doesNotContainIgnoringCase(part);
        }
    }

    @Test
    void everySingleTamperedByteIsRejected() {
        byte[] genuine = Base64.getUrlDecoder().decode(tokens.issue(SUBJECT_KEY));

        for (int i = 0; i < genuine.length; i++) {
            byte[] tampered = genuine.clone();
            tampered[i] ^= 0x01;
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThat(tokens.verify(token)).as("byte %d flipped", i).isEmpty();
        }
    }

    @Test
    void tokenWithAnotherVersionIsRejectedEvenWithAValidMacForIt() throws Exception {
        byte[] pseudonym = HexFormat.of().parseHex(SUBJECT_KEY);
        byte version = 2;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SIGNING_KEY, "HmacSHA256"));
        mac.update(version);
        byte[] tag = Arrays.copyOf(mac.doFinal(pseudonym), 16);
        byte[] token = new byte[49];
        token[0] = version;
        System.arraycopy(pseudonym, 0, token, 1, 32);
        System.arraycopy(tag, 0, token, 33, 16);

        assertThat(tokens.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(token))).isEmpty();
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() {
        UnsubscribeTokens otherKey = new UnsubscribeTokens("another-key-another-key-another-k".getBytes(StandardCharsets.US_ASCII));

        assertThat(tokens.verify(otherKey.issue(SUBJECT_KEY))).isEmpty();
    }

    @Test
    void tokenStillVerifiesYearsLaterBecauseTokensNeverExpire() {
        String token = tokens.issue(SUBJECT_KEY);
        UnsubscribeTokens afterRestart = new UnsubscribeTokens(SIGNING_KEY.clone());

        assertThat(afterRestart.verify(token)).contains(SUBJECT_KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "not a token at all", "AQ", "AQ==",
            "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void malformedOrWrongLengthTextIsRejected(String token) {
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void nullTokenIsRejected() {
        assertThat(tokens.verify(null)).isEmpty();
    }

    @Test
    void paddedOrNonCanonicalSpellingOfAValidTokenIsRejected() {
        String token = tokens.issue(SUBJECT_KEY);
        // 49 bytes leave 4 unused bits in the last character; setting one keeps the decoded bytes.
        char last = token.charAt(token.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String nonCanonical = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);

        assertThat(tokens.verify(token + "==")).isEmpty();
        assertThat(tokens.verify(nonCanonical)).isEmpty();
    }

    @Test
    void signingKeyShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> new UnsubscribeTokens(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abcd", "zz00000000000000000000000000000000000000000000000000000000000000"})
    void subjectKeyThatIsNot64HexDigitsIsRefused(String subjectKey) {
        assertThatThrownBy(() -> tokens.issue(subjectKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hex digits");
    }
}
