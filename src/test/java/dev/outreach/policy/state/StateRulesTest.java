package dev.outreach.policy.state;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Decision;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Facts;
import dev.outreach.policy.Outcome;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.PolicyEngine;
import dev.outreach.policy.PolicySettings;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleBook;
import dev.outreach.policy.RuleResult;
import dev.outreach.policy.TouchFact;
import dev.outreach.policy.Verdict;
import dev.outreach.policy.tcpa.CallingHoursRule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.outreach.policy.state.CallAttempts.NUMBER;
import static dev.outreach.policy.state.CallAttempts.PACK;
import static dev.outreach.policy.state.CallAttempts.at;
import static dev.outreach.policy.state.CallAttempts.call;
import static dev.outreach.policy.state.CallAttempts.decide;
import static dev.outreach.policy.state.CallAttempts.facts;
import static dev.outreach.policy.state.CallAttempts.marketingText;
import static dev.outreach.policy.state.CallAttempts.result;
import static dev.outreach.policy.state.CallAttempts.telemarketingCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The state rules beyond window edges: caps, scope, unknown locations, turned-off rows, rule interplay. */
class StateRulesTest {

    private static final Set<ZoneId> EASTERN = Set.of(ZoneId.of("America/New_York"));
    private static final Set<ZoneId> CENTRAL = Set.of(ZoneId.of("America/Chicago"));
    private static final List<String> TIME_RULES = List.of(CallingHoursRule.ID, StateCallingHoursRule.ID,
            StateCallingDaysRule.ID, StateCallFrequencyRule.ID);

    private final PolicyEngine engine = CallAttempts.engine(PACK);

    private static TouchFact touch(String at, Channel channel) {
        return new TouchFact(at(at), channel, null, Purpose.TELEMARKETING, true);
    }

    @Nested
    class FloridaCap {

        @Test
        void allowsTheThirdFloridaCallWithinADay() {
            Decision d = decide(engine, telemarketingCall(at("2026-11-27T14:00-05:00")), facts(EASTERN, Set.of("FL"),
                    touch("2026-11-27T09:00-05:00", Channel.CALL), touch("2026-11-27T10:00-05:00", Channel.CALL)));

            assertThat(d.decision()).isEqualTo(Verdict.ALLOW);
            assertThat(result(d, StateCallFrequencyRule.ID).detail()).contains("FL: 2 of 3");
        }

        @Test
        void blocksTheFourthFloridaCallUntilTheFirstIsADayOld() {
            Decision d = decide(engine, telemarketingCall(at("2026-11-27T14:00-05:00")), facts(EASTERN, Set.of("FL"),
                    touch("2026-11-27T09:00-05:00", Channel.CALL), touch("2026-11-27T10:00-05:00", Channel.CALL),
                    touch("2026-11-27T11:00-05:00", Channel.CALL)));

            assertThat(d.blockingRules()).containsExactly(StateCallFrequencyRule.ID);
            RuleResult cap = result(d, StateCallFrequencyRule.ID);
            assertThat(cap.nextAllowedAt()).isEqualTo(at("2026-11-28T09:00-05:00"));
            assertThat(cap.citation()).contains("Fla. Stat. 501.616(6)");
            assertThat(cap.detail()).contains("FL: 3 of 3", "cap reached", "2026-11-27T14:00:00Z");
            assertThat(d.nextAllowedAt()).isEqualTo(at("2026-11-28T09:00-05:00"));
        }

        @Test
        void countsTextsAndCallsFromAnyNumberTowardsFloridasCap() {
            Decision d = decide(engine, marketingText(at("2026-11-27T14:00-05:00")), facts(EASTERN, Set.of("FL"),
                    touch("2026-11-27T09:00-05:00", Channel.SMS), touch("2026-11-27T10:00-05:00", Channel.CALL),
                    touch("2026-11-27T11:00-05:00", Channel.SMS)));

            assertThat(d.blockingRules()).containsExactly(StateCallFrequencyRule.ID);
            assertThat(d.nextAllowedAt()).isEqualTo(at("2026-11-28T09:00-05:00"));
        }

        @Test
        void doesNotCountRefusedTouchesOrOnesADayOld() {
            TouchFact refused = new TouchFact(at("2026-11-27T10:00-05:00"), Channel.CALL, null, Purpose.TELEMARKETING,
                    false);
            Decision d = decide(engine, telemarketingCall(at("2026-11-27T14:00-05:00")), facts(EASTERN, Set.of("FL"),
                    touch("2026-11-26T14:00-05:00", Channel.CALL), refused, touch("2026-11-27T11:00-05:00", Channel.CALL),
                    touch("2026-11-27T12:00-05:00", Channel.CALL)));

            assertThat(d.decision()).isEqualTo(Verdict.ALLOW);
        }

        @Test
        void capThatFreesOnASundayWaitsForTheAlabamaSundayBanToo() {
            // a Florida number, a lead in Alabama: FL's cap frees Sunday 09:00 CT, AL bans Sunday, AL hours start 08:00 CT
            Set<ZoneId> zones = Set.of(ZoneId.of("America/New_York"), ZoneId.of("America/Chicago"));
            Decision d = decide(engine, telemarketingCall(at("2026-11-28T12:00-06:00")), facts(zones, Set.of("FL", "AL"),
                    touch("2026-11-28T09:00-06:00", Channel.CALL), touch("2026-11-28T10:00-06:00", Channel.CALL),
                    touch("2026-11-28T11:00-06:00", Channel.CALL)));

            assertThat(d.blockingRules()).containsExactly(StateCallFrequencyRule.ID);
            assertThat(result(d, StateCallFrequencyRule.ID).nextAllowedAt()).isEqualTo(at("2026-11-29T09:00-06:00"));
            assertThat(d.nextAllowedAt()).isEqualTo(at("2026-11-30T08:00-06:00"));
        }
    }

    @Nested
    class MaineCap {

        private final Facts afterACall = facts(EASTERN, Set.of("ME"), touch("2026-11-27T09:00-05:00", Channel.CALL));

        @Test
        void blocksASecondAutodialedCallWithinEightHours() {
            Decision d = decide(engine, call(Purpose.TELEMARKETING, Dialer.AUTODIALED, at("2026-11-27T12:00-05:00")),
                    afterACall);

            assertThat(d.blockingRules()).containsExactly(StateCallFrequencyRule.ID);
            assertThat(d.nextAllowedAt()).isEqualTo(at("2026-11-27T17:00-05:00"));
        }

        @Test
        void treatsACallWithoutAStatedDialerAsAutodialed() {
            Decision d = decide(engine, call(Purpose.TELEMARKETING, null, at("2026-11-27T12:00-05:00")), afterACall);

            assertThat(d.blockingRules()).containsExactly(StateCallFrequencyRule.ID);
        }

        @Test
        void leavesManualCallsAndTextsOutOfMainesCap() {
            Decision manual = decide(engine, call(Purpose.TELEMARKETING, Dialer.MANUAL, at("2026-11-27T12:00-05:00")),
                    afterACall);
            Decision text = decide(engine, marketingText(at("2026-11-27T12:00-05:00")), afterACall);

            assertThat(manual.decision()).isEqualTo(Verdict.ALLOW);
            assertThat(result(manual, StateCallFrequencyRule.ID).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
            assertThat(result(manual, StateCallFrequencyRule.ID).detail()).contains("ME caps", "AUTODIALED");
            assertThat(text.decision()).isEqualTo(Verdict.ALLOW);
        }
    }

    @Nested
    class Scope {

        @Test
        void leavesAnInformationalCallOutsideHoursNotApplicable() {
            Decision d = decide(engine, call(Purpose.INFORMATIONAL, Dialer.MANUAL, at("2026-11-29T22:30-06:00")),
                    facts(CENTRAL, Set.of("AL")));

            assertThat(d.decision()).isEqualTo(Verdict.ALLOW);
            assertThat(d.evaluated()).extracting(RuleResult::outcome).containsOnly(Outcome.NOT_APPLICABLE);
            assertThat(result(d, CallingHoursRule.ID).detail()).contains("INFORMATIONAL", "not a telephone solicitation");
        }

        @Test
        void blocksAFloridaMarketingTextAfterEightPm() {
            Decision d = decide(engine, marketingText(at("2026-11-27T20:00-05:00")), facts(EASTERN, Set.of("FL")));

            assertThat(d.blockingRules()).containsExactly(StateCallingHoursRule.ID);
        }

        @Test
        void leavesEmailToTheEmailRules() {
            Attempt email = Attempt.email("ann@example.org", Purpose.COMMERCIAL, "lead-1", "t").at(at("2026-11-29T23:00-05:00"));
            Decision d = decide(engine, email, Facts.none());

            assertThat(d.decision()).isEqualTo(Verdict.ALLOW);
            assertThat(d.evaluated()).extracting(RuleResult::outcome).containsOnly(Outcome.NOT_APPLICABLE);
        }

        @Test
        void blocksEveryTimeRuleWhenNoPhoneFactsWereGathered() {
            Decision d = decide(engine, telemarketingCall(at("2026-11-27T12:00-05:00")), Facts.none());

            assertThat(d.blockingRules()).containsExactlyElementsOf(TIME_RULES);
            assertThat(d.reasons()).allSatisfy(r -> assertThat(r.detail()).contains("unknown"));
            assertThat(d.nextAllowedAt()).isNull();
        }

        @Test
        void blocksStateRulesForANorthAmericanNumberWithNoKnownState() {
            Decision d = decide(engine, telemarketingCall(at("2026-11-27T12:00-05:00")), facts(EASTERN, Set.of()));

            assertThat(d.blockingRules()).containsExactly(StateCallingHoursRule.ID, StateCallingDaysRule.ID,
                    StateCallFrequencyRule.ID);
            assertThat(d.reasons()).allSatisfy(r -> assertThat(r.detail()).contains("recipient state unknown"));
        }

        @Test
        void leavesStateRulesOutForANumberOutsideNorthAmericaWithNoUsRegion() {
            PhoneFacts london = new PhoneFacts("+442079460000", false, Set.of(ZoneId.of("Europe/London")), Set.of(), true,
                    null, false, List.of(), null, List.of(), List.of());
            Decision d = decide(engine, telemarketingCall(at("2026-11-27T12:00Z")), Facts.none().withPhone(london));

            assertThat(d.decision()).isEqualTo(Verdict.ALLOW);
            assertThat(result(d, StateCallingHoursRule.ID).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        }
    }

    @Nested
    class Configuration {

        @Test
        void listsATurnedOffRowAsNotApplicableWithItsReason() {
            StateRulePack pack = PACK.withDisabled(Map.of("FL", "counsel review 2026-11: FL hours handled by dialer"));
            Decision d = decide(CallAttempts.engine(pack), telemarketingCall(at("2026-11-27T20:30-05:00")),
                    facts(EASTERN, Set.of("FL")));

            assertThat(d.decision()).isEqualTo(Verdict.ALLOW);
            RuleResult hours = result(d, StateCallingHoursRule.ID);
            assertThat(hours.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
            assertThat(hours.detail()).isEqualTo("FL row turned off by configuration: counsel review 2026-11: FL hours"
                    + " handled by dialer");
            assertThat(result(d, StateCallFrequencyRule.ID).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        }

        @Test
        void keepsTheOtherStatesEnforcedWhenOneRowIsTurnedOff() {
            StateRulePack pack = PACK.withDisabled(Map.of("FL", "test"));
            Decision d = decide(CallAttempts.engine(pack), telemarketingCall(at("2026-11-27T08:30-05:00")),
                    facts(EASTERN, Set.of("FL", "CT")));

            assertThat(d.blockingRules()).containsExactly(StateCallingHoursRule.ID);
            assertThat(d.reasons().get(0).detail()).contains("CT (Conn. Gen. Stat. 42-288a", "FL row turned off");
        }

        @Test
        void refusesToTurnOffARowWithoutAReasonOrForAStateNotInThePack() {
            assertThatThrownBy(() -> PACK.withDisabled(Map.of("FL", " ")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
            assertThatThrownBy(() -> PACK.withDisabled(Map.of("NY", "x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NY");
        }

        @Test
        void blocksOnADeclaredLouisianaEmergencyDayAddedByConfiguration() {
            Instant thursday = at("2026-08-27T12:00-05:00");
            StateRulePack declared = PACK.withAdHocHoliday("LA", LocalDate.of(2026, 8, 27), "Hurricane emergency");

            Decision before = decide(engine, telemarketingCall(thursday), facts(CENTRAL, Set.of("LA")));
            Decision after = decide(CallAttempts.engine(declared), telemarketingCall(thursday),
                    facts(CENTRAL, Set.of("LA")));

            assertThat(before.decision()).isEqualTo(Verdict.ALLOW);
            assertThat(after.blockingRules()).containsExactly(StateCallingDaysRule.ID);
            assertThat(after.reasons().get(0).detail()).contains("Hurricane emergency (declared)");
            assertThat(after.nextAllowedAt()).isEqualTo(at("2026-08-28T08:00-05:00"));
        }

        @Test
        void foldsThePackVersionAndOverridesIntoThePolicyVersion() {
            PolicySettings settings = PolicySettings.defaults(Set.of("example.com"));
            String shipped = RuleBook.engine(settings, PACK).policyVersion();

            assertThat(shipped).startsWith("r1-");
            assertThat(RuleBook.engine(settings, PACK).policyVersion()).isEqualTo(shipped);
            assertThat(RuleBook.engine(settings, PACK.withDisabled(Map.of("TX", "x"))).policyVersion())
                    .isNotEqualTo(shipped);
            assertThat(RuleBook.engine(settings, PACK.withAdHocHoliday("UT", LocalDate.of(2026, 9, 1), "x"))
                    .policyVersion()).isNotEqualTo(shipped);
            assertThat(RuleBook.rules(settings, PACK)).extracting(Rule::id).containsSubsequence(TIME_RULES);
        }
    }

    @Nested
    class NextAllowedAt {

        @Test
        void eachRuleNamesItsOwnInstantAndTheDecisionTheOneAllRulesAccept() {
            // Saturday 21:30 in Louisiana: federal hours reopen Sunday 08:00, LA hours Sunday 00:00 (LA sets none
            // for Sunday), but LA bans Sunday, so the touch is first lawful Monday 08:00
            Decision d = decide(engine, telemarketingCall(at("2026-11-28T21:30-06:00")), facts(CENTRAL, Set.of("LA")));

            assertThat(result(d, CallingHoursRule.ID).nextAllowedAt()).isEqualTo(at("2026-11-29T08:00-06:00"));
            assertThat(result(d, StateCallingHoursRule.ID).nextAllowedAt()).isEqualTo(at("2026-11-29T00:00-06:00"));
            assertThat(d.nextAllowedAt()).isEqualTo(at("2026-11-30T08:00-06:00"));
        }

        @Test
        void hasNoInstantWhenABlockIsNotTimeBased() {
            Rule dnc = new Rule() {
                @Override
                public String id() {
                    return "test.not-time-based";
                }

                @Override
                public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
                    return RuleResult.block(id(), "on a do-not-call list", null);
                }
            };
            List<Rule> rules = new ArrayList<>(CallAttempts.timeRules(PACK));
            rules.add(dnc);
            Decision d = decide(new PolicyEngine(rules, "test"), telemarketingCall(at("2026-11-27T21:00-05:00")),
                    facts(EASTERN, Set.of("FL")));

            assertThat(d.blockingRules()).containsExactly(CallingHoursRule.ID, StateCallingHoursRule.ID,
                    "test.not-time-based");
            assertThat(d.nextAllowedAt()).isNull();
        }

        @Test
        void hasNoInstantWhenARuleBlocksWithoutOneAtTheCandidate() {
            // passes now, but from the federal reopening on it blocks for good (e.g. data going stale)
            Instant staleFrom = at("2026-11-28T00:00-05:00");
            Rule staleData = new Rule() {
                @Override
                public String id() {
                    return "test.stale-later";
                }

                @Override
                public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
                    return now.isBefore(staleFrom) ? RuleResult.pass(id(), "fresh", null)
                            : RuleResult.block(id(), "stale", null);
                }
            };
            List<Rule> rules = new ArrayList<>(CallAttempts.timeRules(PACK));
            rules.add(staleData);
            Decision d = decide(new PolicyEngine(rules, "test"), telemarketingCall(at("2026-11-27T21:00-05:00")),
                    facts(EASTERN, Set.of("NY")));

            assertThat(d.blockingRules()).containsExactly(CallingHoursRule.ID);
            assertThat(d.nextAllowedAt()).isNull();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                FL number, lead stated in Chicago          | America/New_York;America/Chicago | FL | 2026-11-27T19:30-06:00 | 2026-11-28T09:00-05:00
                TX and RI on a Saturday evening            | America/New_York;America/Chicago | TX;RI | 2026-11-28T17:00-05:00 | 2026-11-30T10:00-05:00
                """)
        void waitsForEveryStateInEveryZone(String name, String zones, String states, String at, String next) {
            Decision d = decide(engine, telemarketingCall(at(at)),
                    facts(CallAttempts.zones(zones), CallAttempts.states(states)));

            assertThat(d.decision()).isEqualTo(Verdict.BLOCK);
            assertThat(d.nextAllowedAt()).as(d.reasons().toString()).isEqualTo(at(next));
        }
    }

    @Test
    void namesLocalTimeZoneWindowAndCitationInABlock() {
        RuleResult r = new StateCallingHoursRule(PACK).evaluate(telemarketingCall(null),
                facts(EASTERN, Set.of("FL")), at("2026-11-27T20:00-05:00"));

        assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(r.detail()).contains("Fri 2026-11-27 20:00 America/New_York", "08:00–20:00", "Fla. Stat. 501.616(6)",
                "confidence V", "permitted from 2026-11-28T13:00:00Z");
        assertThat(r.citation()).isEqualTo("FL: Fla. Stat. 501.616(6); 501.059");
        assertThat(r.nextAllowedAt()).isEqualTo(at("2026-11-28T08:00-05:00"));
        assertThat(NUMBER).startsWith("+1");
    }

    @Test
    void judgesMississippiOnStandardTimeAllYear() {
        RuleResult summer = new StateCallingHoursRule(PACK).evaluate(telemarketingCall(null),
                facts(CENTRAL, Set.of("MS")), at("2026-07-15T20:30-05:00"));
        RuleResult summerLate = new StateCallingHoursRule(PACK).evaluate(telemarketingCall(null),
                facts(CENTRAL, Set.of("MS")), at("2026-07-15T21:00-05:00"));

        assertThat(summer.outcome()).isEqualTo(Outcome.PASS);
        assertThat(summerLate.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(summerLate.detail()).contains("20:00 UTC-06:00 (fixed by statute)");
        assertThat(summerLate.nextAllowedAt()).isEqualTo(at("2026-07-16T09:00-05:00"));
        assertThat(Duration.between(at("2026-07-15T21:00-05:00"), summerLate.nextAllowedAt())).isEqualTo(Duration.ofHours(12));
    }
}
