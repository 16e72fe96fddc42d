package dev.outreach.config;

import dev.outreach.policy.Channel;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.state.DayWindow;
import dev.outreach.policy.state.FrequencyCap;
import dev.outreach.policy.state.DialerRow;
import dev.outreach.policy.state.EbrRow;
import dev.outreach.policy.state.StateRule;
import dev.outreach.policy.state.WrittenConsentRow;
import dev.outreach.policy.state.StateRulePack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Set;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateRulePackReaderTest {

    private static final StateRulePack SHIPPED = StateRulePackReader.fromClasspath();

    /** A valid minimal pack; each failure case replaces one line of it. */
    private static final String MINIMAL = """
            version: "t.1"
            holidayCalendars:
              AL:
                name: test
                citation: test
                confidence: S
                holidays:
                  - { name: "Christmas Day", fixed: "12-25", confidence: S }
            states:
              TX:
                name: Texas
                hours:
                  - { days: [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY], from: "09:00", until: "21:00" }
                  - { days: [SUNDAY], from: "12:00", until: "21:00" }
                frequencyCap: { count: 3, window: PT24H, channels: [CALL, SMS], dialers: [], scope: test }
                citation: "Tex. Bus. & Com. Code 301.051"
                confidence: U
              AL:
                name: Alabama
                bannedDays: [SUNDAY]
                holidayCalendar: AL
                fixedOffset: "-06:00"
                citation: "test"
                confidence: V
            """;

    @Test
    void readsTheShippedPackWithEveryStateOfTheReference() {
        assertThat(SHIPPED.version()).isEqualTo("2026-12-04.2");
        assertThat(SHIPPED.states().keySet()).containsExactlyInAnyOrder("FL", "OK", "MD", "WA", "TX", "LA", "AL",
                "MS", "GA", "CT", "NJ", "UT", "RI", "DC", "KY", "MA", "MI", "MN", "NM", "NV", "PA", "ME");
        assertThat(SHIPPED.states().values()).allSatisfy(row -> {
            assertThat(row.enforced()).as(row.state()).isTrue();
            assertThat(row.citation()).as(row.state()).isNotBlank();
        });
        assertThat(SHIPPED.calendars().keySet()).containsExactlyInAnyOrder("AL", "LA", "UT", "RI", "PA");
    }

    @ParameterizedTest(name = "{0}: {1}, {2}")
    @CsvSource(delimiter = '|', textBlock = """
            FL | V   | Fla. Stat. 501.616(6); 501.059
            OK | S   | 15 O.S. 775C.1 et seq.
            MD | S   | Md. Com. Law 14-4501 et seq.
            WA | V   | RCW 19.158.040(2); RCW 80.36.390
            TX | U   | Tex. Bus. & Com. Code 301.051
            LA | U/S | La. R.S. 45:844.31 et seq.
            AL | V   | Ala. Admin. Code r. 770-X-5-.17
            MS | V   | Miss. Code 77-3-723
            GA | V   | O.C.G.A. 46-5-187(3)
            CT | S   | Conn. Gen. Stat. 42-288a
            NJ | V   | N.J.S.A. 56:8-128(d)
            UT | V   | Utah Code 13-25a-103
            RI | U   | R.I. Gen. Laws 5-61-3.6
            DC | V   | D.C. Code 22-3226.08
            KY | U   | no citation in the reference
            MA | U   | no citation in the reference
            MI | U   | no citation in the reference
            MN | U   | no citation in the reference
            NM | U   | no citation in the reference
            NV | U   | no citation in the reference
            PA | U   | no citation in the reference
            ME | U   | no citation in the reference
            """)
    void carriesTheReferencesCitationAndConfidenceForEveryState(String state, String confidence, String citation) {
        StateRule row = SHIPPED.rule(state).orElseThrow();

        assertThat(row.confidence()).isEqualTo(confidence);
        assertThat(row.citation()).isEqualTo(citation);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            FL | MONDAY    | 08:00 | 20:00
            FL | SUNDAY    | 08:00 | 20:00
            OK | FRIDAY    | 08:00 | 20:00
            MD | FRIDAY    | 08:00 | 20:00
            WA | FRIDAY    | 08:00 | 20:00
            MA | FRIDAY    | 08:00 | 20:00
            TX | SATURDAY  | 09:00 | 21:00
            TX | SUNDAY    | 12:00 | 21:00
            RI | FRIDAY    | 09:00 | 18:00
            RI | SATURDAY  | 10:00 | 17:00
            CT | FRIDAY    | 09:00 | 20:00
            KY | FRIDAY    | 10:00 | 21:00
            MI | FRIDAY    | 09:00 | 21:00
            MN | FRIDAY    | 09:00 | 21:00
            NM | FRIDAY    | 09:00 | 21:00
            NV | FRIDAY    | 09:00 | 20:00
            GA | FRIDAY    | 08:00 | 21:00
            NJ | FRIDAY    | 08:00 | 21:00
            DC | FRIDAY    | 08:00 | 21:00
            UT | SATURDAY  | 08:00 | 21:00
            LA | SATURDAY  | 08:00 | 20:00
            AL | SATURDAY  | 08:00 | 20:00
            MS | SATURDAY  | 08:00 | 20:00
            """)
    void encodesEachStatesHoursByDayOfWeek(String state, DayOfWeek day, String from, String until) {
        assertThat(SHIPPED.rule(state).orElseThrow().hoursOn(day)).isEqualTo(DayWindow.of(from, until));
    }

    @Test
    void encodesBansCapsAndMississippisStandardTime() {
        assertThat(SHIPPED.rule("RI").orElseThrow().bannedDays()).containsExactly(SUNDAY);
        for (String state : Set.of("LA", "AL", "MS", "UT")) {
            assertThat(SHIPPED.rule(state).orElseThrow().bannedDays()).as(state).containsExactly(SUNDAY);
        }
        for (String state : Set.of("AL", "LA", "UT", "RI", "PA")) {
            assertThat(SHIPPED.rule(state).orElseThrow().holidays().id()).as(state).isEqualTo(state);
        }
        assertThat(SHIPPED.rule("MS").orElseThrow().holidays()).as("MS holiday ban repealed").isNull();
        assertThat(SHIPPED.rule("MS").orElseThrow().fixedOffset()).isEqualTo(ZoneOffset.ofHours(-6));
        assertThat(SHIPPED.calendars().get("AL").saturdayObservedOn()).isEqualTo(FRIDAY);
        assertThat(SHIPPED.calendars().get("AL").sundayObservedOn()).isEqualTo(MONDAY);

        FrequencyCap florida = SHIPPED.rule("FL").orElseThrow().frequencyCap();
        assertThat(florida.count()).isEqualTo(3);
        assertThat(florida.window()).isEqualTo(Duration.ofHours(24));
        assertThat(florida.channels()).containsExactlyInAnyOrder(Channel.CALL, Channel.SMS);
        assertThat(florida.scope()).contains("from any number");
        FrequencyCap maine = SHIPPED.rule("ME").orElseThrow().frequencyCap();
        assertThat(maine.count()).isEqualTo(1);
        assertThat(maine.window()).isEqualTo(Duration.ofHours(8));
        assertThat(maine.channels()).containsExactly(Channel.CALL);
        assertThat(maine.dialers()).containsExactly(Dialer.AUTODIALED);
        assertThat(SHIPPED.rule("OK").orElseThrow().frequencyCap().count()).isEqualTo(3);
        assertThat(SHIPPED.rule("MD").orElseThrow().frequencyCap().count()).isEqualTo(3);
    }

    @Test
    void encodesPennsylvaniasUnknownSaturdayHoursAsASaturdayBanNotAGuessedWindow() {
        StateRule pa = SHIPPED.rule("PA").orElseThrow();

        assertThat(pa.hasHours()).isFalse();
        assertThat(pa.bannedDays()).containsExactly(SATURDAY);
        assertThat(pa.holidays()).isNotNull();
        assertThat(pa.notes()).contains("restricted Saturday hours", "fail closed");
    }

    @Test
    void readsWrittenConsentEbrAndDialerRows() {
        assertThat(SHIPPED.rule("MD").orElseThrow().writtenConsent())
                .isEqualTo(new WrittenConsentRow(WrittenConsentRow.Covers.AUTOMATED, java.time.LocalDate.of(2024, 1, 1)));
        assertThat(SHIPPED.rule("OK").orElseThrow().writtenConsent().covers())
                .isEqualTo(WrittenConsentRow.Covers.AUTOMATED);
        assertThat(SHIPPED.rule("CT").orElseThrow().writtenConsent().covers())
                .isEqualTo(WrittenConsentRow.Covers.EVERY_SALES_TOUCH);
        assertThat(SHIPPED.rule("UT").orElseThrow().ebr()).isEqualTo(new EbrRow(18, 0));
        assertThat(SHIPPED.rule("DC").orElseThrow().elsewhere()).extracting(DialerRow::fact, DialerRow::enforcedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("phone may not ring > 15 times", "dialer"));
        assertThatThrownBy(() -> read(MINIMAL.replace("    confidence: U\n",
                "    confidence: U\n    enforcedElsewhere:\n      - { fact: x, enforcedBy: nobody, reason: y }\n")))
                .hasMessageContaining("enforcedBy: expected dialer");
    }

    @Test
    void readsAMinimalPack() {
        StateRulePack pack = read(MINIMAL);

        assertThat(pack.version()).isEqualTo("t.1");
        assertThat(pack.rule("TX").orElseThrow().hoursOn(SUNDAY)).isEqualTo(DayWindow.of("12:00", "21:00"));
        assertThat(pack.rule("AL").orElseThrow().hoursOn(SATURDAY)).isEqualTo(DayWindow.ALL_DAY);
        assertThat(pack.rule("AL").orElseThrow().enforced()).isTrue();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            version: "t.1"                                         | version: ""                                                 | the file: field version: must not be blank
            confidence: U                                          | confidence: X                                               | state TX: field confidence: expected V, S, U or a mix such as U/S, was 'X'
            citation: "Tex. Bus. & Com. Code 301.051"              | citatoin: "Tex. Bus. & Com. Code 301.051"                   | state TX: unknown field 'citatoin'
            from: "09:00", until: "21:00" }                        | from: "09:00", until: "25:00" }                             | state TX: field hours[0].until: expected HH:mm, was '25:00'
            from: "12:00", until: "21:00" }                        | from: "21:00", until: "12:00" }                             | state TX: field hours[1]: from 21:00 must be before until 12:00
            - { days: [SUNDAY], from: "12:00", until: "21:00" }    | - { days: [SUNDAY, MONDAY], from: "12:00", until: "21:00" } | state TX: field hours[1].days: MONDAY has hours twice
            - { days: [SUNDAY], from: "12:00", until: "21:00" }    | - { days: [SUNDAI], from: "12:00", until: "21:00" }         | state TX: field hours[1].days: expected one of
            - { days: [SUNDAY], from: "12:00", until: "21:00" }    | # no Sunday hours                                           | state TX: field hours: [SUNDAY] have neither hours nor a ban
            window: PT24H                                          | window: 24h                                                 | state TX: field frequencyCap.window: expected an ISO-8601 duration
            channels: [CALL, SMS]                                  | channels: [CALL, EMAIL]                                     | state TX: field frequencyCap.channels: expected CALL or SMS, was EMAIL
            count: 3                                               | count: 0                                                    | state TX: field frequencyCap.count: expected >= 1, was 0
            holidayCalendar: AL                                    | holidayCalendar: XX                                         | state AL: field holidayCalendar: no calendar 'XX'
            fixedOffset: "-06:00"                                  | fixedOffset: "CST"                                          | state AL: field fixedOffset: expected an offset such as -06:00, was 'CST'
            confidence: V                                          | confidence: V\\n    enforced: false                          | state AL: field disabledReason: a row with enforced: false needs the reason
            fixed: "12-25"                                         | fixed: "12-25", month: DECEMBER                             | holiday calendar AL: field holidays[0] (Christmas Day): expected exactly one of
            fixed: "12-25"                                         | fixed: "25-12"                                              | holiday calendar AL: field holidays[0].fixed: expected MM-DD, was '25-12'
            "Christmas Day", fixed: "12-25"                        | "Christmas Day", month: DECEMBER, weekday: FRIDAY, nth: 5    | holiday calendar AL: field holidays[0].nth: expected 1-4 or -1 (last), was 5
            """)
    void failsWithAMessageNamingTheStateAndField(String original, String replacement, String message) {
        assertThat(MINIMAL).contains(original);
        String broken = MINIMAL.replaceFirst(java.util.regex.Pattern.quote(original),
                java.util.regex.Matcher.quoteReplacement(replacement.replace("\\n", "\n")));

        assertThatThrownBy(() -> read(broken)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("state rule pack test.yaml: ").hasMessageContaining(message);
    }

    @Test
    void failsOnTextThatIsNotYaml() {
        assertThatThrownBy(() -> read("states: [unclosed")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not valid YAML");
    }

    @Test
    void failsWhenARowEncodesNothing() {
        String empty = """
                version: "t.1"
                states:
                  NV:
                    name: Nevada
                    citation: x
                    confidence: U
                """;
        assertThatThrownBy(() -> read(empty)).hasMessageContaining("state NV: encodes nothing");
    }

    @Test
    void readsAFileWithARowTurnedOffAndItsReason(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("state-rules.yaml");
        Files.writeString(file, MINIMAL.replace("confidence: U\n", "confidence: U\n    enforced: false\n"
                + "    disabledReason: counsel says TX hours are handled by the dialer\n"));

        StateRule tx = StateRulePackReader.fromFile(file).rule("TX").orElseThrow();

        assertThat(tx.enforced()).isFalse();
        assertThat(tx.disabledReason()).isEqualTo("counsel says TX hours are handled by the dialer");
    }

    @Test
    void givesAnEditedPackADifferentFingerprintEvenWithoutAVersionBump() {
        assertThat(read(MINIMAL).fingerprint()).isNotEqualTo(read(MINIMAL.replace("09:00", "10:00")).fingerprint());
    }

    @Test
    void failsWhenTheResourceIsMissing() {
        assertThatThrownBy(() -> StateRulePackReader.fromClasspath("policy/no-such.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("policy/no-such.yaml is not on the classpath");
    }

    private static StateRulePack read(String yaml) {
        return StateRulePackReader.read(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
    }
}
