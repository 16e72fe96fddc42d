package dev.outreach.policy.state;

import dev.outreach.policy.Decision;
import dev.outreach.policy.PolicyEngine;
import dev.outreach.policy.RuleResult;
import dev.outreach.policy.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static dev.outreach.policy.state.CallAttempts.PACK;
import static dev.outreach.policy.state.CallAttempts.at;
import static dev.outreach.policy.state.CallAttempts.decide;
import static dev.outreach.policy.state.CallAttempts.facts;
import static dev.outreach.policy.state.CallAttempts.split;
import static dev.outreach.policy.state.CallAttempts.states;
import static dev.outreach.policy.state.CallAttempts.telemarketingCall;
import static dev.outreach.policy.state.CallAttempts.zones;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The federal and state calling-time windows, edge by edge, through the engine with the real rule
 * pack: a telemarketing call judged at a fixed instant (written in the recipient's local offset),
 * with the candidate zones and states given. Each row names the decision, exactly the rules that
 * block, and the decision's nextAllowedAt to the minute (the earliest instant every rule permits).
 */
class CallingTimeTableTest {

    private final PolicyEngine engine = CallAttempts.engine(PACK);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            # case                                                   | at                     | zones                                           | states | decision | blocking rules                         | next allowed at
            federal: 07:59 is before 08:00                           | 2026-11-27T07:59-05:00 | America/New_York                                | NY     | BLOCK    | tcpa.calling-hours                     | 2026-11-27T08:00-05:00
            federal: 08:00 is allowed                                | 2026-11-27T08:00-05:00 | America/New_York                                | NY     | ALLOW    |                                        |
            federal: 20:59 is allowed                                | 2026-11-27T20:59-05:00 | America/New_York                                | NY     | ALLOW    |                                        |
            federal: 21:00 waits for 08:00 next day                  | 2026-11-27T21:00-05:00 | America/New_York                                | NY     | BLOCK    | tcpa.calling-hours                     | 2026-11-28T08:00-05:00
            DST start day: 07:59 EDT                                 | 2026-03-08T07:59-04:00 | America/New_York                                | NY     | BLOCK    | tcpa.calling-hours                     | 2026-03-08T08:00-04:00
            DST start day: 08:00 EDT                                 | 2026-03-08T08:00-04:00 | America/New_York                                | NY     | ALLOW    |                                        |
            DST start: the evening before waits for 08:00 EDT        | 2026-03-07T21:30-05:00 | America/New_York                                | NY     | BLOCK    | tcpa.calling-hours                     | 2026-03-08T08:00-04:00
            DST end: the evening before waits for 08:00 EST          | 2026-10-31T21:00-04:00 | America/New_York                                | NY     | BLOCK    | tcpa.calling-hours                     | 2026-11-01T08:00-05:00
            DST end day: 07:59 EST                                   | 2026-11-01T07:59-05:00 | America/New_York                                | NY     | BLOCK    | tcpa.calling-hours                     | 2026-11-01T08:00-05:00
            DST end day: 08:00 EST                                   | 2026-11-01T08:00-05:00 | America/New_York                                | NY     | ALLOW    |                                        |
            DST end day: 20:59 EST                                   | 2026-11-01T20:59-05:00 | America/New_York                                | NY     | ALLOW    |                                        |
            Arizona summer: 07:59 MST (no DST)                       | 2026-07-15T07:59-07:00 | America/Phoenix                                 | AZ     | BLOCK    | tcpa.calling-hours                     | 2026-07-15T08:00-07:00
            Arizona summer: same instant is 08:59 in Denver          | 2026-07-15T08:59-06:00 | America/Denver                                  | CO     | ALLOW    |                                        |
            Arizona summer: 20:59 MST is 23:59 in New York           | 2026-07-15T20:59-07:00 | America/Phoenix                                 | AZ     | ALLOW    |                                        |
            Arizona winter: 21:00 MST                                | 2026-01-15T21:00-07:00 | America/Phoenix                                 | AZ     | BLOCK    | tcpa.calling-hours                     | 2026-01-16T08:00-07:00
            Hawaii: 07:59 HST                                        | 2026-11-27T07:59-10:00 | Pacific/Honolulu                                | HI     | BLOCK    | tcpa.calling-hours                     | 2026-11-27T08:00-10:00
            Hawaii summer: 21:00 HST (no DST)                        | 2026-07-15T21:00-10:00 | Pacific/Honolulu                                | HI     | BLOCK    | tcpa.calling-hours                     | 2026-07-16T08:00-10:00
            two zones: 08:30 ET is 07:30 CT                          | 2026-11-27T08:30-05:00 | America/New_York;America/Chicago                | NY     | BLOCK    | tcpa.calling-hours                     | 2026-11-27T09:00-05:00
            two zones: 21:00 ET waits for 08:00 CT                   | 2026-11-27T21:00-05:00 | America/New_York;America/Chicago                | NY     | BLOCK    | tcpa.calling-hours                     | 2026-11-28T09:00-05:00
            zones with no common window: no instant                  | 2026-11-27T12:00-05:00 | America/Los_Angeles;Europe/London;Asia/Singapore | NY    | BLOCK    | tcpa.calling-hours                     |
            unknown zone fails closed                                | 2026-11-27T12:00-05:00 |                                                 | NY     | BLOCK    | tcpa.calling-hours                     |
            unknown zone, Florida number: state hours fail closed    | 2026-11-27T12:00-05:00 |                                                 | FL     | BLOCK    | tcpa.calling-hours;state.calling-hours |
            FL: 19:59 is allowed                                     | 2026-11-27T19:59-05:00 | America/New_York                                | FL     | ALLOW    |                                        |
            FL: 20:00 waits for 08:00 next day                       | 2026-11-27T20:00-05:00 | America/New_York                                | FL     | BLOCK    | state.calling-hours                    | 2026-11-28T08:00-05:00
            FL panhandle: 07:59 CT blocks federally and in FL        | 2026-11-27T07:59-06:00 | America/Chicago                                 | FL     | BLOCK    | tcpa.calling-hours;state.calling-hours | 2026-11-27T08:00-06:00
            OK: 19:59 is allowed                                     | 2026-11-27T19:59-06:00 | America/Chicago                                 | OK     | ALLOW    |                                        |
            OK: 20:00 waits for 08:00                                | 2026-11-27T20:00-06:00 | America/Chicago                                 | OK     | BLOCK    | state.calling-hours                    | 2026-11-28T08:00-06:00
            MD: 19:59 is allowed                                     | 2026-11-27T19:59-05:00 | America/New_York                                | MD     | ALLOW    |                                        |
            MD: 20:00 waits for 08:00                                | 2026-11-27T20:00-05:00 | America/New_York                                | MD     | BLOCK    | state.calling-hours                    | 2026-11-28T08:00-05:00
            WA: 19:59 is allowed                                     | 2026-11-27T19:59-08:00 | America/Los_Angeles                             | WA     | ALLOW    |                                        |
            WA: 20:00 waits for 08:00                                | 2026-11-27T20:00-08:00 | America/Los_Angeles                             | WA     | BLOCK    | state.calling-hours                    | 2026-11-28T08:00-08:00
            MA: 19:59 is allowed                                     | 2026-11-27T19:59-05:00 | America/New_York                                | MA     | ALLOW    |                                        |
            MA: 20:00 waits for 08:00                                | 2026-11-27T20:00-05:00 | America/New_York                                | MA     | BLOCK    | state.calling-hours                    | 2026-11-28T08:00-05:00
            CT: 08:59 waits for 09:00                                | 2026-11-27T08:59-05:00 | America/New_York                                | CT     | BLOCK    | state.calling-hours                    | 2026-11-27T09:00-05:00
            CT: 20:00 waits for 09:00                                | 2026-11-27T20:00-05:00 | America/New_York                                | CT     | BLOCK    | state.calling-hours                    | 2026-11-28T09:00-05:00
            KY: 09:59 waits for 10:00                                | 2026-11-27T09:59-05:00 | America/New_York                                | KY     | BLOCK    | state.calling-hours                    | 2026-11-27T10:00-05:00
            KY: 10:00 is allowed                                     | 2026-11-27T10:00-05:00 | America/New_York                                | KY     | ALLOW    |                                        |
            MI: 08:59 waits for 09:00                                | 2026-11-27T08:59-05:00 | America/Detroit                                 | MI     | BLOCK    | state.calling-hours                    | 2026-11-27T09:00-05:00
            MN: 20:59 is allowed                                     | 2026-11-27T20:59-06:00 | America/Chicago                                 | MN     | ALLOW    |                                        |
            NM: 08:59 waits for 09:00                                | 2026-11-27T08:59-07:00 | America/Denver                                  | NM     | BLOCK    | state.calling-hours                    | 2026-11-27T09:00-07:00
            NV: 19:59 is allowed                                     | 2026-11-27T19:59-08:00 | America/Los_Angeles                             | NV     | ALLOW    |                                        |
            NV: 20:00 waits for 09:00                                | 2026-11-27T20:00-08:00 | America/Los_Angeles                             | NV     | BLOCK    | state.calling-hours                    | 2026-11-28T09:00-08:00
            GA, NJ, DC: 20:59 is allowed                             | 2026-11-27T20:59-05:00 | America/New_York                                | GA;NJ;DC | ALLOW  |                                        |
            TX Sunday: 11:59 waits for noon                          | 2026-11-29T11:59-06:00 | America/Chicago                                 | TX     | BLOCK    | state.calling-hours                    | 2026-11-29T12:00-06:00
            TX Sunday: noon is allowed                               | 2026-11-29T12:00-06:00 | America/Chicago                                 | TX     | ALLOW    |                                        |
            TX Saturday: 08:59 waits for 09:00                       | 2026-11-28T08:59-06:00 | America/Chicago                                 | TX     | BLOCK    | state.calling-hours                    | 2026-11-28T09:00-06:00
            TX Saturday: 20:59 is allowed                            | 2026-11-28T20:59-06:00 | America/Chicago                                 | TX     | ALLOW    |                                        |
            TX Saturday 21:00 waits for Sunday noon, not 08:00       | 2026-11-28T21:00-06:00 | America/Chicago                                 | TX     | BLOCK    | tcpa.calling-hours;state.calling-hours | 2026-11-29T12:00-06:00
            RI Friday: 08:59 waits for 09:00                         | 2026-11-27T08:59-05:00 | America/New_York                                | RI     | BLOCK    | state.calling-hours                    | 2026-11-27T09:00-05:00
            RI Friday: 17:59 is allowed                              | 2026-11-27T17:59-05:00 | America/New_York                                | RI     | ALLOW    |                                        |
            RI Friday: 18:00 waits for Saturday 10:00                | 2026-11-27T18:00-05:00 | America/New_York                                | RI     | BLOCK    | state.calling-hours                    | 2026-11-28T10:00-05:00
            RI Saturday: 09:59 waits for 10:00                       | 2026-11-28T09:59-05:00 | America/New_York                                | RI     | BLOCK    | state.calling-hours                    | 2026-11-28T10:00-05:00
            RI Saturday: 10:00 is allowed                            | 2026-11-28T10:00-05:00 | America/New_York                                | RI     | ALLOW    |                                        |
            RI Saturday: 16:59 is allowed                            | 2026-11-28T16:59-05:00 | America/New_York                                | RI     | ALLOW    |                                        |
            RI Saturday: 17:00 waits past the Sunday ban             | 2026-11-28T17:00-05:00 | America/New_York                                | RI     | BLOCK    | state.calling-hours                    | 2026-11-30T09:00-05:00
            RI Sunday is banned                                      | 2026-11-29T12:00-05:00 | America/New_York                                | RI     | BLOCK    | state.calling-days                     | 2026-11-30T09:00-05:00
            RI Thanksgiving is banned                                | 2026-11-26T12:00-05:00 | America/New_York                                | RI     | BLOCK    | state.calling-days                     | 2026-11-27T09:00-05:00
            LA Sunday is banned                                      | 2026-11-29T12:00-06:00 | America/Chicago                                 | LA     | BLOCK    | state.calling-days                     | 2026-11-30T08:00-06:00
            LA Saturday 21:30: federal 08:00 Sunday, but Sunday is banned | 2026-11-28T21:30-06:00 | America/Chicago                            | LA     | BLOCK    | tcpa.calling-hours;state.calling-hours | 2026-11-30T08:00-06:00
            LA Mardi Gras is banned                                  | 2026-02-17T12:00-06:00 | America/Chicago                                 | LA     | BLOCK    | state.calling-days                     | 2026-02-18T08:00-06:00
            AL Sunday is banned                                      | 2026-11-29T12:00-06:00 | America/Chicago                                 | AL     | BLOCK    | state.calling-days                     | 2026-11-30T08:00-06:00
            AL Saturday 20:00 waits past the Sunday ban              | 2026-11-28T20:00-06:00 | America/Chicago                                 | AL     | BLOCK    | state.calling-hours                    | 2026-11-30T08:00-06:00
            AL Christmas is banned                                   | 2026-12-25T12:00-06:00 | America/Chicago                                 | AL     | BLOCK    | state.calling-days                     | 2026-12-26T08:00-06:00
            AL Saturday July 4 is observed on Friday July 3          | 2026-07-03T12:00-05:00 | America/Chicago                                 | AL     | BLOCK    | state.calling-days                     | 2026-07-06T08:00-05:00
            AL the Thursday before is an ordinary day                | 2026-07-02T12:00-05:00 | America/Chicago                                 | AL     | ALLOW    |                                        |
            MS Sunday is banned                                      | 2026-11-29T12:00-06:00 | America/Chicago                                 | MS     | BLOCK    | state.calling-days                     | 2026-11-30T08:00-06:00
            MS winter: 20:00 CST waits for 08:00                     | 2026-11-27T20:00-06:00 | America/Chicago                                 | MS     | BLOCK    | state.calling-hours                    | 2026-11-28T08:00-06:00
            MS summer: 08:30 CDT is 07:30 standard time              | 2026-07-15T08:30-05:00 | America/Chicago                                 | MS     | BLOCK    | state.calling-hours                    | 2026-07-15T09:00-05:00
            MS summer: 20:30 CDT is 19:30 standard time              | 2026-07-15T20:30-05:00 | America/Chicago                                 | MS     | ALLOW    |                                        |
            UT Sunday is banned                                      | 2026-11-29T12:00-07:00 | America/Denver                                  | UT     | BLOCK    | state.calling-days                     | 2026-11-30T08:00-07:00
            UT Pioneer Day is banned                                 | 2026-07-24T12:00-06:00 | America/Denver                                  | UT     | BLOCK    | state.calling-days                     | 2026-07-25T08:00-06:00
            PA Christmas is banned, and the Saturday after it        | 2026-12-25T12:00-05:00 | America/New_York                                | PA     | BLOCK    | state.calling-days                     | 2026-12-27T08:00-05:00
            PA Saturday hours unknown: Saturday banned (fail closed) | 2026-11-28T12:00-05:00 | America/New_York                                | PA     | BLOCK    | state.calling-days                     | 2026-11-29T08:00-05:00
            lead in FL and TX: both states' hours apply              | 2026-11-29T12:30-06:00 | America/Chicago                                 | FL;TX  | ALLOW    |                                        |
            lead in FL and TX: FL's 20:00 and TX's Sunday noon       | 2026-11-28T20:00-06:00 | America/Chicago                                 | FL;TX  | BLOCK    | state.calling-hours                    | 2026-11-29T12:00-06:00
            """)
    void judgesTheCallingTimeAtEveryWindowEdge(String name, String at, String zones, String states, Verdict decision,
                                               String blockingRules, String nextAllowedAt) {
        Instant now = at(at);
        Decision d = decide(engine, telemarketingCall(now), facts(zones(zones), states(states)));

        assertThat(d.decision()).as(name + ": " + d.reasons()).isEqualTo(decision);
        assertThat(d.blockingRules()).as(name).containsExactlyInAnyOrderElementsOf(split(blockingRules));
        Instant expected = at(nextAllowedAt);
        assertThat(d.nextAllowedAt()).as(name + ": " + d.reasons()).isEqualTo(expected);
        if (expected != null) {
            assertThat(expected.truncatedTo(ChronoUnit.MINUTES)).isEqualTo(expected);
            // the instant found really is allowed: nothing blocks there
            Decision then = decide(engine, telemarketingCall(expected), facts(zones(zones), states(states)));
            assertThat(then.reasons()).as(name + " at nextAllowedAt").extracting(RuleResult::rule).isEmpty();
            // and a minute earlier something still blocks
            Decision before = decide(engine, telemarketingCall(expected.minus(1, ChronoUnit.MINUTES)),
                    facts(zones(zones), states(states)));
            assertThat(before.allowed()).as(name + " a minute before nextAllowedAt").isFalse();
        }
    }
}
