package dev.outreach.policy;

import dev.outreach.config.ReferenceCoverageReader;
import dev.outreach.config.StateRulePackReader;
import dev.outreach.contact.PhoneLocator;
import dev.outreach.policy.state.DayWindow;
import dev.outreach.policy.state.DialerRow;
import dev.outreach.policy.state.StateRule;
import dev.outreach.policy.state.StateRulePack;
import dev.outreach.policy.state.WrittenConsentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Walks the reference's tables (copied into src/test/resources/reference with their source) and fails
 * when a row has neither a rule that enforces it nor an {@code enforcedBy} mark with a reason: tables
 * A-C and E-G against {@code policy/reference-coverage.yaml}, table D against the state rule pack.
 */
class ReferenceTablesTest {

    private static final StateRulePack PACK = StateRulePackReader.fromClasspath();
    private static final ReferenceCoverage COVERAGE = ReferenceCoverageReader.fromClasspath();
    private static final Set<String> RULE_IDS = RuleBook.rules(new PolicySettings(Set.of("example.com"), 0,
            Duration.ofDays(7), Duration.ofDays(1)), PACK).stream().map(Rule::id).collect(Collectors.toSet());
    private static final Pattern WINDOW = Pattern.compile("(\\d{2}:\\d{2})–(\\d{2}:\\d{2})");
    /** A number in an area code of the state, for "area codes presumed in-state". */
    private static final Map<String, String> NUMBER_IN = Map.of("FL", "+13055550123", "CT", "+12035550123");

    static List<String[]> referenceRows() throws IOException {
        return rows("reference/reference-rows.csv");
    }

    static List<String[]> stateRows() throws IOException {
        return rows("reference/state-rows.csv");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("referenceRows")
    void everyReferenceRowHasARuleOrAMark(String table, String fact, String cite, String confidence) {
        ReferenceCoverage.Row row = COVERAGE.row(table, fact).orElseThrow(() -> new AssertionError(
                "reference row " + table + " '" + fact + "' (" + cite + ") has neither a rule nor an enforcedBy mark"
                        + " in policy/reference-coverage.yaml"));
        if (row.rules().isEmpty()) {
            assertThat(row.enforcedBy()).isIn("dialer", "mail", "audit", "operator", "none");
            assertThat(row.reason()).isNotBlank();
        } else {
            assertThat(RULE_IDS).as("rules named for " + table + " " + fact).containsAll(row.rules());
        }
    }

    @Test
    void everyRuleInForceIsDocumentedWithCitationConfidenceAndWhatItCannotKnow() {
        assertThat(COVERAGE.rules()).extracting(ReferenceCoverage.RuleNote::id)
                .containsExactlyInAnyOrderElementsOf(RULE_IDS);
        assertThat(COVERAGE.rules()).allSatisfy(r -> {
            assertThat(r.citation()).as(r.id()).isNotBlank();
            assertThat(r.confidence()).as(r.id()).isNotBlank();
            assertThat(r.cannotKnow()).as(r.id()).isNotBlank();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stateRows")
    void everyStateRowIsEncodedInThePack(String states, String hours, String days, String cap, String notes,
                                         String cite, String confidence) {
        for (String state : states.split(",\\s*")) {
            StateRule row = PACK.rule(state).orElseThrow(() -> new AssertionError(state + " has no row in the pack"));
            assertThat(row.citation()).as(state).isEqualTo(cite.isBlank() ? "no citation in the reference" : cite);
            assertThat(row.confidence()).as(state).isEqualTo(confidence);
            hours(row, hours);
            days(row, days);
            cap(row, cap);
            for (String note : notes.isBlank() ? new String[0] : notes.split(";\\s*")) {
                note(row, note.strip());
            }
        }
    }

    private static void hours(StateRule row, String hours) {
        if (hours.equals("—")) {
            assertThat(row.hasHours()).as(row.state() + " has no hours in the reference").isFalse();
            return;
        }
        Matcher m = WINDOW.matcher(hours);
        if (!m.find()) {
            // "restricted Saturday hours" without the hours: the day is banned (fail closed)
            assertThat(hours).contains("Saturday");
            assertThat(row.bannedDays()).as(row.state()).contains(DayOfWeek.SATURDAY);
            return;
        }
        DayWindow first = DayWindow.of(m.group(1), m.group(2));
        assertThat(row.hours().values()).as(row.state() + " hours").contains(first);
        if (hours.contains("Central Standard Time")) {
            assertThat(row.fixedOffset()).as(row.state()).hasToString("-06:00");
        }
    }

    private static void days(StateRule row, String days) {
        if (days.equals("—")) {
            return;
        }
        if (days.contains("Sundays")) {
            assertThat(row.bannedDays()).as(row.state()).contains(DayOfWeek.SUNDAY);
        }
        if (days.contains("holidays")) {
            assertThat(row.holidays()).as(row.state() + " holiday calendar").isNotNull();
        }
    }

    private static void cap(StateRule row, String cap) {
        if (cap.equals("—")) {
            return;
        }
        if (cap.contains("ring")) {
            assertThat(row.elsewhere()).extracting(DialerRow::fact).as(row.state()).anyMatch(f -> f.contains("ring"));
            assertThat(row.elsewhere()).extracting(DialerRow::enforcedBy).containsOnly("dialer");
            return;
        }
        int count = cap.startsWith("one") ? 1 : Integer.parseInt(cap.replaceAll("^(\\d+).*", "$1"));
        assertThat(row.frequencyCap()).as(row.state() + " cap").isNotNull();
        assertThat(row.frequencyCap().count()).isEqualTo(count);
        if (cap.contains("autodialed")) {
            assertThat(row.frequencyCap().dialers()).containsExactly(Dialer.AUTODIALED);
        }
    }

    private static void note(StateRule row, String note) {
        if (note.startsWith("written consent")) {
            assertThat(row.writtenConsent()).as(row.state() + ": " + note).isNotNull();
            assertThat(row.writtenConsent().covers()).isEqualTo(note.contains("every")
                    ? WrittenConsentRow.Covers.EVERY_SALES_TOUCH : WrittenConsentRow.Covers.AUTOMATED);
            Matcher since = Pattern.compile("\\((\\d{4}-\\d{2}-\\d{2})\\)").matcher(note);
            assertThat(row.writtenConsent().since()).isEqualTo(since.find() ? LocalDate.parse(since.group(1)) : null);
        } else if (note.startsWith("EBR")) {
            assertThat(row.ebr()).as(row.state() + ": " + note).isNotNull();
            assertThat(row.ebr().purchaseMonths()).isEqualTo(18);
            assertThat(row.ebr().inquiryMonths()).isZero();
        } else if (note.startsWith("identify")) {
            assertThat(row.elsewhere()).as(row.state() + ": " + note)
                    .anyMatch(d -> d.fact().equals(note) && d.enforcedBy().equals("dialer") && !d.reason().isBlank());
        } else if (note.equals("area codes presumed in-state")) {
            assertThat(PhoneLocator.load().locate(NUMBER_IN.get(row.state()), null, null, null).states())
                    .as(row.state() + ": the area code's state is always a candidate").contains(row.state());
        } else if (note.startsWith("texts: STOP")) {
            // a STOP ends texts at once (tcpa.company-dnc), stricter than any 15-day grace
            assertThat(RULE_IDS).contains("tcpa.company-dnc");
            assertThat(COVERAGE.row("C", "revocation keywords").orElseThrow().rules()).contains("tcpa.company-dnc");
        } else if (note.startsWith("all solicitation banned during a declared emergency")) {
            assertThat(row.holidays()).as(row.state() + ": emergency days are ad-hoc dates of its calendar")
                    .isNotNull();
        } else if (note.equals("holiday ban repealed")) {
            assertThat(row.holidays()).as(row.state()).isNull();
        } else {
            fail(row.state() + " note '" + note + "' has neither a rule nor an enforcedBy mark");
        }
    }

    private static List<String[]> rows(String resource) throws IOException {
        try (InputStream in = ReferenceTablesTest.class.getClassLoader().getResourceAsStream(resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> Arrays.stream(l.split("\\|", -1)).map(String::strip).toArray(String[]::new)).toList();
        }
    }
}
