package dev.outreach.contact;

import dev.outreach.lead.Lead;
import dev.outreach.lead.Stage;
import dev.outreach.policy.JurisdictionFact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JurisdictionsTest {

    private static final Jurisdictions JURISDICTIONS = Jurisdictions.load();

    private static JurisdictionFact decide(String country, String phone, String email) {
        return JURISDICTIONS.decide(blank(country), phone == null || phone.isBlank() ? List.of() : List.of(phone),
                email == null || email.isBlank() ? List.of() : List.of(email));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                          | country | phone           | email                 | protected | decided by
            German lead                                     | DE      |                 | anna@firma.example    | true      | lead country DE (EEA/UK)
            lead country lower case                         | fr      |                 |                       | true      | lead country FR (EEA/UK)
            US lead with a UK mobile: stricter wins         | US      | +447400123456   | ann@example.com       | true      | phone number region GB (+44) (EEA/UK); lead country US disagrees, the stricter answer wins
            US lead, US number, .com                        | US      | +13055550123    | ann@example.com       | false     | lead country US (also phone number region US (+1)): outside the EEA and UK
            US lead with a German address                   | US      |                 | ann@firma.de          | true      | email domain .de (DE) (EEA/UK); lead country US disagrees, the stricter answer wins
            .co.uk address alone                            |         |                 | ann@shop.co.uk        | true      | email domain .uk (GB) (EEA/UK)
            .gr address alone                               |         |                 | ann@example.gr        | true      | email domain .gr (GR) (EEA/UK)
            .eu address alone                               |         |                 | ann@example.eu        | true      | email domain .eu (European Union) (EEA/UK)
            Norway is EEA, not EU                           | NO      |                 |                       | true      | lead country NO (EEA/UK)
            Switzerland is neither                          | CH      |                 |                       | false     | lead country CH: outside the EEA and UK
            Japanese address                                |         |                 | ann@example.jp        | false     | email domain .jp (JP): outside the EEA and UK
            US number alone                                 |         | +13055550123    |                       | false     | phone number region US (+1): outside the EEA and UK
            French number alone                             |         | +33612345678    |                       | true      | phone number region FR (+33) (EEA/UK)
            .io is a generic TLD: no signal                 |         |                 | ann@startup.io        | true      | no signal (no lead country, no phone number, no country-code email domain); treated as protected, the stricter answer
            nothing known: stricter answer                  |         |                 | ann@example.com       | true      | no signal (no lead country, no phone number, no country-code email domain); treated as protected, the stricter answer
            nothing at all                                  |         |                 |                       | true      | no signal (no lead country, no phone number, no country-code email domain); treated as protected, the stricter answer
            """)
    void decidesFromTheStrongestSignalAndTheStricterAnswerWins(String name, String country, String phone,
                                                               String email, boolean expected, String decidedBy) {
        JurisdictionFact fact = decide(country, phone, email);

        assertThat(fact.protectedByGdpr()).as(name).isEqualTo(expected);
        assertThat(fact.decidedBy()).as(name).isEqualTo(decidedBy);
    }

    @Test
    void aLeadWithCountryUsButAUkNumberIsProtected() {
        Lead lead = new Lead("l-1", "ann@example.com", "+447400123456", "Ann", "Lee", "Initech", "US", null, null,
                Stage.ENGAGEMENT, null, "rep-1", null, null, Instant.parse("2026-01-01T00:00:00Z"), null, null);

        JurisdictionFact fact = JURISDICTIONS.of(lead, lead.email(), null);

        assertThat(fact.protectedByGdpr()).isTrue();
        assertThat(fact.decidedBy()).startsWith("phone number region GB");
    }

    @Test
    void theCalledNumberCountsBesideTheLeadsOwn() {
        Lead lead = new Lead("l-2", "ann@example.com", "+13055550123", null, null, null, "US", null, null,
                Stage.ENGAGEMENT, null, null, null, null, Instant.parse("2026-01-01T00:00:00Z"), null, null);

        assertThat(JURISDICTIONS.of(lead, null, "+13055550123").protectedByGdpr()).isFalse();
        assertThat(JURISDICTIONS.of(lead, null, "+4915112345678").protectedByGdpr()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                   | country | phone          | email             | protected
            lead in Réunion                          | RE      |                |                   | true
            lead in Åland                            | AX      |                |                   | true
            lead in Saint-Martin                     | MF      |                |                   | true
            Réunion mobile (+262)                    |         | +262692123456  |                   | true
            Mayotte mobile (+262)                    |         | +262639123456  |                   | true
            Guadeloupe number (+590)                 |         | +590590123456  |                   | true
            Saint-Barthélemy number shares +590      |         | +590590271234  |                   | true
            French Guiana number (+594)              |         | +594594123456  |                   | true
            Martinique number (+596)                 |         | +596596123456  |                   | true
            .re address                              |         |                | ann@shop.re       | true
            .gp address                              |         |                | ann@shop.gp       | true
            .mq address                              |         |                | ann@shop.mq       | true
            .gf address                              |         |                | ann@shop.gf       | true
            .yt address                              |         |                | ann@shop.yt       | true
            .ax address                              |         |                | ann@shop.ax       | true
            New Caledonia is not EU law              | NC      |                |                   | false
            Faroe Islands are not EU law             | FO      |                |                   | false
            """)
    void theOutermostRegionsAreEuTerritory(String name, String country, String phone, String email,
                                           boolean protectedByGdpr) {
        assertThat(decide(country, phone, email).protectedByGdpr()).as(name).isEqualTo(protectedByGdpr);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # case                                  | country | phone         | email           | CA                              | CH                       | AU
            Canadian lead                           | CA      | -             | -               | lead country CA                 | -                        | -
            Toronto number, US lead                 | US      | +14165550123  | -               | phone number region CA (+1)     | -                        | -
            .ca address                             | -       | -             | ann@shop.ca     | email domain .ca                | -                        | -
            Swiss number                            | -       | +41446681800  | -               | -                               | phone number region CH (+41) | -
            .ch address, German lead                | DE      | -             | ann@firma.ch    | -                               | email domain .ch         | -
            Australian lead with a .com.au address  | AU      | -             | ann@shop.com.au | -                               | -                        | lead country AU
            US lead, US number                      | US      | +13055550123  | ann@example.com | -                               | -                        | -
            """)
    void anySignalPlacesTheRecipientUnderCanadaSwitzerlandOrAustralia(String name, String country, String phone,
                                                                      String email, String ca, String ch, String au) {
        JurisdictionFact fact = decide(country, phone, email);

        assertThat(fact.reaches("CA").orElse(null)).as(name).isEqualTo(ca);
        assertThat(fact.reaches("CH").orElse(null)).as(name).isEqualTo(ch);
        assertThat(fact.reaches("AU").orElse(null)).as(name).isEqualTo(au);
    }

    @Test
    void withNoSignalAtAllEveryForeignLawApplies() {
        JurisdictionFact fact = decide(null, null, "ann@example.com");

        assertThat(fact.foreignLaws()).containsOnlyKeys("CA", "CH", "AU");
        assertThat(fact.reaches("CH")).hasValueSatisfying(s -> assertThat(s).startsWith("no signal at all"));
    }

    @Test
    void theShippedListHoldsTheEeaAndTheUkWithItsSource() {
        assertThat(JURISDICTIONS.protectedCountries()).containsExactlyInAnyOrder("AT", "BE", "BG", "HR", "CY", "CZ",
                "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO",
                "SK", "SI", "ES", "SE", "IS", "LI", "NO", "GB", "RE", "GP", "MQ", "GF", "YT", "MF", "AX");
        assertThat(JURISDICTIONS.citation()).isEqualTo("EEA Agreement; UK GDPR");
        assertThat(JURISDICTIONS.confidence()).isEqualTo("V");
        assertThat(JURISDICTIONS.isProtectedCountry("ch")).isFalse();
        assertThat(JURISDICTIONS.isProtectedCountry("ie")).isTrue();
    }

    @Test
    void aMalformedListFailsNamingTheProblem() {
        String yaml = """
                version: "1"
                citation: "x"
                confidence: V
                countries:
                  - {code: DEU, name: Germany}
                """;

        assertThatThrownBy(() -> Jurisdictions.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'DEU' is not ISO 3166-1 alpha-2");
    }
}
