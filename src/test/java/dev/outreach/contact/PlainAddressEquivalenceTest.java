package dev.outreach.contact;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path for plain addresses accepts exactly what the old InternetAddress-only normalisation
 * accepted, with the same result or the same error, over hand-picked tricky addresses and a
 * seeded random corpus built from the characters that matter.
 */
class PlainAddressEquivalenceTest {

    private static final List<String> TRICKY = List.of(
            "ann@example.com", "Ann.Lee@Example.COM", " ann@example.com ", "ann@example.com.", "ann@example.com..",
            "a@b.c", "a@b", "a@localhost", "@example.com", "ann@", "ann", "", " ", "ann@@example.com",
            "ann@ex@ample.com", ".ann@example.com", "ann.@example.com", "a..b@example.com", "a.b@example.com",
            "ann@.example.com", "ann@example..com", "ann@-example.com", "ann@example-.com", "ann@ex-ample.com",
            "ann@xn--bcher-kva.de", "ann@bücher.de", "jöran@example.se", "ann@EXAMPLE.com", "ANN@example.com",
            "a+tag@example.com", "a!b@example.com", "a#b@example.com", "a$b@example.com", "a%b@example.com",
            "a&b@example.com", "a'b@example.com", "a*b@example.com", "a/b@example.com", "a=b@example.com",
            "a?b@example.com", "a^b@example.com", "a_b@example.com", "a`b@example.com", "a{b@example.com",
            "a|b@example.com", "a}b@example.com", "a~b@example.com", "a-b@example.com", "-@example.com",
            "a(b)@example.com", "a,b@example.com", "a;b@example.com", "a:b@example.com", "a<b@example.com",
            "a>b@example.com", "a[b]@example.com", "a\\b@example.com", "a\"b@example.com", "\"a b\"@example.com",
            "\"ann\"@example.com", "a b@example.com", "Ann <ann@example.com>", "<ann@example.com>",
            "ann@example.com (Ann)", "ann@[192.0.2.1]", "ann@192.0.2.1", "ann@example.com, bob@example.com",
            "group: ann@example.com;", "ann@exa_mple.com", "ann@exam ple.com", "ann@123.456", "1@2.3",
            "ann@" + "a".repeat(63) + ".com", "ann@" + "a".repeat(64) + ".com",
            "a".repeat(64) + "@example.com", "a".repeat(65) + "@example.com",
            "a".repeat(240) + "@example.com", "a".repeat(250) + "@example.com",
            "ann@example.com\r\nBcc: x@y.z", "ann@exa\u0000mple.com", "ann\u2028@example.com", "ann@example.com\t",
            "ann@exämple.com", "ann@例え.jp", "ann@example.ｃｏｍ", "a\u0308nn@example.com", "ann@Bücher.DE",
            "ann@xn--.com", "ann@xn--zz.com", "ann@e.x.a.m.p.l.e", "ann@" + "b.".repeat(130) + "com");

    @Test
    void everyTrickyAddressIsNormalisedOrRefusedExactlyAsBefore() {
        for (String raw : TRICKY) {
            assertThat(outcome(EmailAddresses::normalise, raw)).as(raw)
                    .isEqualTo(outcome(LegacyEmailAddresses::normalise, raw));
        }
    }

    @Test
    void aRandomCorpusOfAddressLikeStringsIsNormalisedOrRefusedExactlyAsBefore() {
        String alphabet = "abcXYZ019.-_+@\"()<>,;:[]\\ !#$%&'*/=?^`{|}~äü例\t";
        SplittableRandom random = new SplittableRandom(20261204);
        List<String> differences = new ArrayList<>();
        int plainAccepted = 0;
        for (int n = 0; n < 200_000; n++) {
            String raw = randomAddress(random, alphabet);
            String now = outcome(EmailAddresses::normalise, raw);
            if (!now.equals(outcome(LegacyEmailAddresses::normalise, raw))) {
                differences.add(raw);
            }
            if (!now.startsWith("!") && PlainAddress.matches(raw.strip())) {
                plainAccepted++;
            }
        }
        assertThat(differences).isEmpty();
        assertThat(plainAccepted).as("the corpus exercises the fast path").isGreaterThan(10_000);
    }

    /** Mostly address-shaped: a local part, usually one '@', a domain of one to three labels. */
    private static String randomAddress(SplittableRandom random, String alphabet) {
        StringBuilder s = new StringBuilder();
        int localLength = random.nextInt(0, 8);
        for (int i = 0; i < localLength; i++) {
            s.append(random.nextInt(3) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                    : (char) ('a' + random.nextInt(26)));
        }
        if (random.nextInt(10) != 0) {
            s.append('@');
        }
        int labels = random.nextInt(1, 4);
        for (int l = 0; l < labels; l++) {
            if (l > 0) {
                s.append('.');
            }
            int length = random.nextInt(0, 6);
            for (int i = 0; i < length; i++) {
                s.append(random.nextInt(6) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('a' + random.nextInt(26)));
            }
        }
        return s.toString();
    }

    /** The normalised address, or "!" and the error message. */
    private static String outcome(java.util.function.UnaryOperator<String> normalise, String raw) {
        try {
            return normalise.apply(raw);
        } catch (InvalidEmailAddressException e) {
            return "!" + e.getMessage();
        }
    }
}
