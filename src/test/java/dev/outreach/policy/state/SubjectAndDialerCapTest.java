package dev.outreach.policy.state;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Decision;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Outcome;
import dev.outreach.policy.PolicyEngine;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.RuleResult;
import dev.outreach.policy.TouchFact;
import dev.outreach.policy.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;

import static dev.outreach.policy.state.CallAttempts.PACK;
import static dev.outreach.policy.state.CallAttempts.at;
import static dev.outreach.policy.state.CallAttempts.call;
import static dev.outreach.policy.state.CallAttempts.decide;
import static dev.outreach.policy.state.CallAttempts.facts;
import static dev.outreach.policy.state.CallAttempts.result;
import static org.assertj.core.api.Assertions.assertThat;

/** State caps that count only some earlier touches: Maine's autodialed calls, and caps "on the same subject". */
class SubjectAndDialerCapTest {

    private static final Set<ZoneId> EASTERN = Set.of(ZoneId.of("America/New_York"));
    private final PolicyEngine engine = CallAttempts.engine(PACK);

    private static TouchFact earlierCall(String at, Dialer dialer, String subject) {
        return new TouchFact(at(at), Channel.CALL, null, Purpose.TELEMARKETING, true, dialer, subject);
    }

    private static TouchFact text(String at, String subject) {
        return new TouchFact(at(at), Channel.SMS, null, Purpose.MARKETING, true, null, subject);
    }

    @Nested
    class MaineCountsAutodialedCallsOnly {

        private final Attempt autodialedAtNoon = call(Purpose.TELEMARKETING, Dialer.AUTODIALED,
                at("2026-11-27T12:00-05:00"));

        @Test
        void manualCallsEarlierDoNotBlockAnAutodialedCall() {
            Decision d = decide(engine, autodialedAtNoon, facts(EASTERN, Set.of("ME"),
                    earlierCall("2026-11-27T09:00-05:00", Dialer.MANUAL, null),
                    earlierCall("2026-11-27T10:00-05:00", Dialer.MANUAL, null)));

            assertThat(d.decision()).isEqualTo(Verdict.ALLOW);
            RuleResult cap = result(d, StateCallFrequencyRule.ID);
            assertThat(cap.outcome()).isEqualTo(Outcome.PASS);
            assertThat(cap.detail()).contains("ME: 0 of 1", "made AUTODIALED or with the dialer not recorded");
        }

        @Test
        void anAutodialedCallEarlierBlocksTheNextUntilEightHoursPass() {
            Decision d = decide(engine, autodialedAtNoon, facts(EASTERN, Set.of("ME"),
                    earlierCall("2026-11-27T09:00-05:00", Dialer.AUTODIALED, null),
                    earlierCall("2026-11-27T10:00-05:00", Dialer.MANUAL, null)));

            assertThat(d.blockingRules()).containsExactly(StateCallFrequencyRule.ID);
            assertThat(result(d, StateCallFrequencyRule.ID).detail()).contains("ME: 1 of 1");
            assertThat(d.nextAllowedAt()).isEqualTo(at("2026-11-27T17:00-05:00"));
        }

        @Test
        void anEarlierCallWhoseDialerWasNotRecordedCountsAsAutodialed() {
            Decision d = decide(engine, autodialedAtNoon, facts(EASTERN, Set.of("ME"),
                    earlierCall("2026-11-27T09:00-05:00", null, null)));

            assertThat(d.blockingRules()).containsExactly(StateCallFrequencyRule.ID);
        }
    }

    @Nested
    class FloridaCountsTheSameSubject {

        private final TouchFact[] threeAboutRoofs = {
                earlierCall("2026-11-27T09:00-05:00", Dialer.MANUAL, "Roof repair"),
                text("2026-11-27T10:00-05:00", "roof   repair"),
                earlierCall("2026-11-27T11:00-05:00", Dialer.MANUAL, "ROOF REPAIR")};

        private Attempt callAbout(String subject) {
            return call(Purpose.TELEMARKETING, Dialer.MANUAL, at("2026-11-27T14:00-05:00")).about(subject);
        }

        @Test
        void aCallOnAnotherSubjectPassesAfterThreeOnRoofs() {
            Decision d = decide(engine, callAbout("Solar panels"), facts(EASTERN, Set.of("FL"), threeAboutRoofs));

            assertThat(d.decision()).isEqualTo(Verdict.ALLOW);
            assertThat(result(d, StateCallFrequencyRule.ID).detail()).contains("FL: 0 of 3",
                    "on this touch's subject or with none stated");
        }

        @Test
        void theFourthOnTheSameSubjectIsBlockedIgnoringCaseAndSpaces() {
            Decision d = decide(engine, callAbout(" roof Repair "), facts(EASTERN, Set.of("FL"), threeAboutRoofs));

            assertThat(d.blockingRules()).containsExactly(StateCallFrequencyRule.ID);
            RuleResult cap = result(d, StateCallFrequencyRule.ID);
            assertThat(cap.detail()).contains("FL: 3 of 3").doesNotContainIgnoringCase("roof");
            assertThat(d.nextAllowedAt()).isEqualTo(at("2026-11-28T09:00-05:00"));
        }

        @Test
        void aCallThatStatesNoSubjectCountsEverySubject() {
            Decision d = decide(engine, callAbout(null), facts(EASTERN, Set.of("FL"),
                    earlierCall("2026-11-27T09:00-05:00", Dialer.MANUAL, "Roof repair"),
                    earlierCall("2026-11-27T10:00-05:00", Dialer.MANUAL, "Solar panels"),
                    earlierCall("2026-11-27T11:00-05:00", Dialer.MANUAL, "Windows")));

            assertThat(d.blockingRules()).containsExactly(StateCallFrequencyRule.ID);
            assertThat(result(d, StateCallFrequencyRule.ID).detail()).contains("on any subject (this touch states none)");
        }

        @Test
        void earlierTouchesWithoutASubjectCountAgainstEverySubject() {
            Decision d = decide(engine, callAbout("Solar panels"), facts(EASTERN, Set.of("FL"),
                    earlierCall("2026-11-27T09:00-05:00", Dialer.MANUAL, null),
                    text("2026-11-27T10:00-05:00", null),
                    earlierCall("2026-11-27T11:00-05:00", Dialer.MANUAL, "Solar panels")));

            assertThat(d.blockingRules()).containsExactly(StateCallFrequencyRule.ID);
        }

        @Test
        void floridaMarylandAndOklahomaCapsArePerSubjectByThePackAndMainesIsNot() {
            assertThat(PACK.rule("MD").orElseThrow().frequencyCap().perSubject()).isTrue();
            assertThat(PACK.rule("OK").orElseThrow().frequencyCap().perSubject()).isTrue();
            assertThat(PACK.rule("FL").orElseThrow().frequencyCap().perSubject()).isTrue();
            assertThat(PACK.rule("ME").orElseThrow().frequencyCap().perSubject()).isFalse();
        }
    }

    @Test
    void aCapNotMarkedPerSubjectCountsTouchesOnEverySubject() {
        FrequencyCap cap = new FrequencyCap(3, Duration.ofHours(24), Set.of(Channel.CALL), Set.of(), "every call");
        Attempt aboutSolar = call(Purpose.TELEMARKETING, Dialer.MANUAL, at("2026-11-27T14:00-05:00")).about("Solar");

        assertThat(cap.counts(earlierCall("2026-11-27T09:00-05:00", Dialer.MANUAL, "Roofs"), aboutSolar)).isTrue();
    }
}
