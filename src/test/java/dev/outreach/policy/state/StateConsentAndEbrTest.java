package dev.outreach.policy.state;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Facts;
import dev.outreach.policy.Outcome;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.RelationshipFact;
import dev.outreach.policy.RuleResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static dev.outreach.policy.state.CallAttempts.PACK;
import static org.assertj.core.api.Assertions.assertThat;

/** state.written-consent (MD, OK, CT) and state.ebr (UT) with the shipped pack, on fixed instants. */
class StateConsentAndEbrTest {

    private static final Instant NOW = Instant.parse("2026-11-18T16:00:00Z");
    private static final String NUMBER = "+13015550123";

    private final StateWrittenConsentRule consent = new StateWrittenConsentRule(PACK);
    private final StateEbrRule ebr = new StateEbrRule(PACK);

    private static PhoneFacts phone(String state, List<ConsentFact> consents, List<RelationshipFact> rel,
                                    boolean onRegistry) {
        return new PhoneFacts(NUMBER, true, Set.of(ZoneId.of("America/New_York")), Set.of(state), true,
                LocalDate.of(2026, 11, 10), onRegistry, List.of(), null, consents, rel);
    }

    private static Attempt touch(Channel channel, Dialer dialer) {
        return new Attempt(channel, channel == Channel.CALL ? Purpose.TELEMARKETING : Purpose.MARKETING, NUMBER,
                "lead-1", null, dialer, NOW, false);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # state | channel | dialer      | outcome without written consent
            MD      | CALL    | AUTODIALED  | BLOCK
            MD      | CALL    | PRERECORDED | BLOCK
            MD      | CALL    | -           | BLOCK
            MD      | SMS     | -           | BLOCK
            MD      | CALL    | MANUAL      | NOT_APPLICABLE
            OK      | CALL    | AUTODIALED  | BLOCK
            OK      | CALL    | MANUAL      | NOT_APPLICABLE
            CT      | CALL    | MANUAL      | BLOCK
            CT      | SMS     | -           | BLOCK
            GA      | CALL    | AUTODIALED  | NOT_APPLICABLE
            """)
    void aStateWrittenConsentRowBlocksTheTouchesItCovers(String state, Channel channel, Dialer dialer,
                                                         Outcome outcome) {
        RuleResult r = consent.evaluate(touch(channel, dialer),
                Facts.none().withPhone(phone(state, List.of(), List.of(), false)), NOW);

        assertThat(r.rule()).isEqualTo("state.written-consent");
        assertThat(r.outcome()).as(r.detail()).isEqualTo(outcome);
        if (outcome == Outcome.BLOCK) {
            assertThat(r.citation()).startsWith(state + ": ");
        }
    }

    @Test
    void writtenConsentGivenAfterTheLatestRevocationSatisfiesConnecticut() {
        ConsentFact written = new ConsentFact("c-1", "TCPA_WRITTEN", Channel.CALL,
                Instant.parse("2026-01-05T10:00:00Z"), null);
        RuleResult r = consent.evaluate(touch(Channel.CALL, Dialer.MANUAL),
                Facts.none().withPhone(phone("CT", List.of(written), List.of(), false)), NOW);

        assertThat(r.outcome()).isEqualTo(Outcome.PASS);
        assertThat(r.detail()).contains("CT (Conn. Gen. Stat. 42-288a; confidence S) requires written consent for "
                + "every sales call or text", "TCPA_WRITTEN consent c-1 given on 2026-01-05");
    }

    @Test
    void marylandsRequirementStartsOn2024_01_01() {
        Facts facts = Facts.none().withPhone(phone("MD", List.of(), List.of(), false));
        Instant before = Instant.parse("2023-12-31T09:59:59Z");

        assertThat(consent.evaluate(touch(Channel.CALL, Dialer.AUTODIALED).at(before), facts, before).outcome())
                .isEqualTo(Outcome.NOT_APPLICABLE);
        Instant from = Instant.parse("2023-12-31T10:00:00Z"); // 2024-01-01 00:00 at UTC+14, the first place it is that day
        assertThat(consent.evaluate(touch(Channel.CALL, Dialer.AUTODIALED).at(from), facts, from).outcome())
                .isEqualTo(Outcome.BLOCK);
    }

    @Test
    void utahRecognisesNoInquiryWindowSoAnInquiryDoesNotExemptARegisteredNumber() {
        List<RelationshipFact> inquiry = List.of(new RelationshipFact("INQUIRY", Instant.parse("2026-10-18T16:00:00Z")));

        RuleResult ut = ebr.evaluate(touch(Channel.CALL, Dialer.MANUAL),
                Facts.none().withPhone(phone("UT", List.of(), inquiry, true)), NOW);
        assertThat(ut.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(ut.rule()).isEqualTo("state.ebr");
        assertThat(ut.citation()).isEqualTo("UT: Utah Code 13-25a-103");
        assertThat(ut.detail()).contains("UT (Utah Code 13-25a-103; confidence V) recognises EBR 18 months after a "
                + "purchase, no inquiry window");

        RuleResult georgia = ebr.evaluate(touch(Channel.CALL, Dialer.MANUAL),
                Facts.none().withPhone(phone("GA", List.of(), inquiry, true)), NOW);
        assertThat(georgia.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void utahKeepsThe18MonthPurchaseWindow() {
        List<RelationshipFact> purchase = List.of(new RelationshipFact("PURCHASE",
                Instant.parse("2025-06-18T16:00:00Z")));
        RuleResult within = ebr.evaluate(touch(Channel.CALL, Dialer.MANUAL),
                Facts.none().withPhone(phone("UT", List.of(), purchase, true)), NOW);
        assertThat(within.outcome()).isEqualTo(Outcome.PASS);

        RuleResult offRegistry = ebr.evaluate(touch(Channel.CALL, Dialer.MANUAL), Facts.none().withPhone(phone("UT",
                List.of(), List.of(new RelationshipFact("INQUIRY", NOW.minusSeconds(86_400))), false)), NOW);
        assertThat(offRegistry.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }
}
