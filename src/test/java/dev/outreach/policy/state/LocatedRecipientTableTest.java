package dev.outreach.policy.state;

import dev.outreach.contact.PhoneLocation;
import dev.outreach.contact.PhoneLocator;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Decision;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.PolicyEngine;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static dev.outreach.policy.state.CallAttempts.PACK;
import static dev.outreach.policy.state.CallAttempts.at;
import static dev.outreach.policy.state.CallAttempts.decide;
import static dev.outreach.policy.state.CallAttempts.split;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real recipients end to end: the real {@link PhoneLocator} turns the number, the lead's stated zone
 * and the lead's region into candidate zones and states, and the engine with the real rule pack
 * judges a telemarketing call. Each row names the decision, exactly the rules that block, and the
 * decision's nextAllowedAt to the minute.
 */
class LocatedRecipientTableTest {

    private static final PhoneLocator LOCATOR = PhoneLocator.load();

    private final PolicyEngine engine = CallAttempts.engine(PACK);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            # case                                                  | at                     | number       | lead zone      | lead region | decision | blocking rules                         | next allowed at
            lead in GA with a FL number: FL's 20:00 applies         | 2026-11-27T20:00-05:00 | +13055550123 |                | GA          | BLOCK    | state.calling-hours                    | 2026-11-28T08:00-05:00
            lead in GA with a FL number: 19:59 is allowed           | 2026-11-27T19:59-05:00 | +13055550123 |                | GA          | ALLOW    |                                        |
            lead in GA with a GA number: 20:30 is allowed           | 2026-11-27T20:30-05:00 | +14045550123 |                | GA          | ALLOW    |                                        |
            FL lead with a New York number at 20:30                | 2026-11-27T20:30-05:00 | +12125550123 |                | FL          | BLOCK    | state.calling-hours                    | 2026-11-28T09:00-05:00
            FL panhandle number (Central): 08:30 ET is 07:30 CT     | 2026-11-27T08:30-05:00 | +18502001234 |                |             | BLOCK    | tcpa.calling-hours;state.calling-hours | 2026-11-27T09:00-05:00
            850 number mapped Eastern, lead in FL: Central applies  | 2026-11-27T08:30-05:00 | +18502011234 |                | FL          | BLOCK    | tcpa.calling-hours;state.calling-hours | 2026-11-27T09:00-05:00
            850 number mapped Eastern, lead in FL: 09:00 ET allowed | 2026-11-27T09:00-05:00 | +18502011234 |                | FL          | ALLOW    |                                        |
            Idaho number in two zones: 08:30 MT is 07:30 PT         | 2026-11-27T08:30-07:00 | +12082001234 |                |             | BLOCK    | tcpa.calling-hours                     | 2026-11-27T09:00-07:00
            Arizona number in summer: 07:59 MST                     | 2026-07-15T07:59-07:00 | +14805550123 |                |             | BLOCK    | tcpa.calling-hours                     | 2026-07-15T08:00-07:00
            Arizona number in summer: 20:59 MST                     | 2026-07-15T20:59-07:00 | +14805550123 |                |             | ALLOW    |                                        |
            Arizona number in winter: 21:00 MST                     | 2026-01-15T21:00-07:00 | +14805550123 |                |             | BLOCK    | tcpa.calling-hours                     | 2026-01-16T08:00-07:00
            Arizona number, lead states Denver time: both apply     | 2026-07-15T20:30-07:00 | +14805550123 | America/Denver |             | BLOCK    | tcpa.calling-hours                     | 2026-07-16T08:00-07:00
            Hawaii number: 21:00 HST                                | 2026-11-27T21:00-10:00 | +18085550123 |                |             | BLOCK    | tcpa.calling-hours                     | 2026-11-28T08:00-10:00
            Hawaii number in summer: 07:59 HST                      | 2026-07-15T07:59-10:00 | +18085550123 |                |             | BLOCK    | tcpa.calling-hours                     | 2026-07-15T08:00-10:00
            New York number on DST start day: 07:59 EDT             | 2026-03-08T07:59-04:00 | +12125550123 |                |             | BLOCK    | tcpa.calling-hours                     | 2026-03-08T08:00-04:00
            New York number on DST end day: 08:00 EST               | 2026-11-01T08:00-05:00 | +12125550123 |                |             | ALLOW    |                                        |
            El Paso number, lead in TX: Sunday noon in Mountain too | 2026-11-29T12:30-06:00 | +19155550123 |                | TX          | BLOCK    | state.calling-hours                    | 2026-11-29T12:00-07:00
            Houston number: Sunday 12:30 CT is allowed              | 2026-11-29T12:30-06:00 | +17135550123 |                |             | ALLOW    |                                        |
            Alabama number on Sunday                                | 2026-11-29T12:00-06:00 | +12055550123 |                |             | BLOCK    | state.calling-days                     | 2026-11-30T08:00-06:00
            Alabama number on Christmas                             | 2026-12-25T12:00-06:00 | +12055550123 |                |             | BLOCK    | state.calling-days                     | 2026-12-26T08:00-06:00
            Mississippi number in summer: 08:30 CDT                 | 2026-07-15T08:30-05:00 | +16015550123 |                |             | BLOCK    | state.calling-hours                    | 2026-07-15T09:00-05:00
            Rhode Island number on Saturday 09:30                   | 2026-11-28T09:30-05:00 | +14015550123 |                |             | BLOCK    | state.calling-hours                    | 2026-11-28T10:00-05:00
            Toronto number at 20:30                                 | 2026-11-27T20:30-05:00 | +14165550123 |                |             | ALLOW    |                                        |
            toll-free number, nothing else known: unknown fails closed | 2026-11-27T12:00-05:00 | +18005550100 |             |             | BLOCK    | tcpa.calling-hours;state.calling-hours;state.calling-days;state.call-frequency |
            toll-free number, lead in RI: RI's Sunday ban           | 2026-11-29T12:00-05:00 | +18005550100 |                | RI          | BLOCK    | state.calling-days                     | 2026-11-30T09:00-05:00
            toll-free number, stated zone only: state unknown       | 2026-11-27T12:00-05:00 | +18005550100 | America/New_York |           | BLOCK    | state.calling-hours;state.calling-days;state.call-frequency |
            """)
    void judgesWhereverTheRecipientMayBe(String name, String at, String number, String leadZone, String leadRegion,
                                         Verdict decision, String blockingRules, String nextAllowedAt) {
        PhoneLocation where = LOCATOR.locate(number, leadZone, null, leadRegion);
        PhoneFacts phone = new PhoneFacts(number, number.startsWith("+1"), where.zones(), where.states(), true, null,
                false, List.of(), null, List.of(), List.of());
        Instant now = at(at);
        Attempt call = new Attempt(Channel.CALL, Purpose.TELEMARKETING, number, "lead-1", null, Dialer.MANUAL, now,
                false);

        Decision d = decide(engine, call, Facts.none().withPhone(phone));

        String context = name + " [" + where.detail() + "] " + d.reasons();
        assertThat(d.decision()).as(context).isEqualTo(decision);
        assertThat(d.blockingRules()).as(context).containsExactlyInAnyOrderElementsOf(split(blockingRules));
        assertThat(d.nextAllowedAt()).as(context).isEqualTo(at(nextAllowedAt));
    }
}
