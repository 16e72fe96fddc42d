package dev.outreach.policy.tcpa;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Facts;
import dev.outreach.policy.Outcome;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.RuleResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The federal 08:00–21:00 window on its own: the rule's outcome and its own nextAllowedAt. */
class CallingHoursRuleTest {

    private final CallingHoursRule rule = new CallingHoursRule();

    private static Instant at(String offsetDateTime) {
        return offsetDateTime == null ? null : OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private static Facts facts(Set<ZoneId> zones) {
        return Facts.none().withPhone(new PhoneFacts("+13055550123", true, zones, Set.of("NY"), true, null, false,
                List.of(), null, List.of(), List.of()));
    }

    private static Attempt attempt(Channel channel, Purpose purpose) {
        return new Attempt(channel, purpose, "+13055550123", "lead-1", null,
                channel == Channel.CALL ? Dialer.MANUAL : null, null, false);
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            2026-11-27T07:59-05:00 | America/New_York                 | BLOCK | 2026-11-27T08:00-05:00
            2026-11-27T08:00-05:00 | America/New_York                 | PASS  |
            2026-11-27T20:59-05:00 | America/New_York                 | PASS  |
            2026-11-27T21:00-05:00 | America/New_York                 | BLOCK | 2026-11-28T08:00-05:00
            2026-11-27T23:59-05:00 | America/New_York                 | BLOCK | 2026-11-28T08:00-05:00
            2026-11-28T00:00-05:00 | America/New_York                 | BLOCK | 2026-11-28T08:00-05:00
            2026-03-08T01:59-05:00 | America/New_York                 | BLOCK | 2026-03-08T08:00-04:00
            2026-03-08T03:00-04:00 | America/New_York                 | BLOCK | 2026-03-08T08:00-04:00
            2026-11-01T01:30-04:00 | America/New_York                 | BLOCK | 2026-11-01T08:00-05:00
            2026-11-01T01:30-05:00 | America/New_York                 | BLOCK | 2026-11-01T08:00-05:00
            2026-11-01T20:59-05:00 | America/New_York                 | PASS  |
            2026-07-15T07:59-07:00 | America/Phoenix                  | BLOCK | 2026-07-15T08:00-07:00
            2026-01-15T07:59-07:00 | America/Phoenix                  | BLOCK | 2026-01-15T08:00-07:00
            2026-07-15T20:59-07:00 | America/Phoenix                  | PASS  |
            2026-07-15T21:00-07:00 | America/Phoenix                  | BLOCK | 2026-07-16T08:00-07:00
            2026-07-15T07:59-10:00 | Pacific/Honolulu                 | BLOCK | 2026-07-15T08:00-10:00
            2026-11-27T20:59-10:00 | Pacific/Honolulu                 | PASS  |
            2026-11-27T08:30-05:00 | America/New_York;America/Chicago | BLOCK | 2026-11-27T09:00-05:00
            2026-11-27T09:00-05:00 | America/New_York;America/Chicago | PASS  |
            2026-11-27T20:59-05:00 | America/New_York;America/Chicago | PASS  |
            2026-11-27T08:30-07:00 | America/Boise;America/Los_Angeles | BLOCK | 2026-11-27T09:00-07:00
            """)
    void judgesTheRecipientsLocalTimeInEveryCandidateZone(String at, String zones, Outcome outcome, String next) {
        Set<ZoneId> candidates = Arrays.stream(zones.split(";")).map(ZoneId::of).collect(Collectors.toSet());

        RuleResult r = rule.evaluate(attempt(Channel.CALL, Purpose.TELEMARKETING), facts(candidates), at(at));

        assertThat(r.outcome()).as(r.detail()).isEqualTo(outcome);
        assertThat(r.nextAllowedAt()).as(r.detail()).isEqualTo(at(next));
        assertThat(r.citation()).isEqualTo("47 CFR 64.1200(c)(1); 16 CFR 310.4(c)");
    }

    @Test
    void namesTheLocalTimeZoneAndWindowInABlock() {
        RuleResult r = rule.evaluate(attempt(Channel.SMS, Purpose.MARKETING),
                facts(Set.of(ZoneId.of("America/New_York"), ZoneId.of("America/Chicago"))), at("2026-11-27T08:30-05:00"));

        assertThat(r.detail()).isEqualTo("local time Fri 2026-11-27 07:30 America/Chicago is outside 08:00–21:00"
                + " (telephone solicitation hours, recipient's local time); candidate zones [America/Chicago,"
                + " America/New_York]; permitted from 2026-11-27T14:00:00Z (Fri 2026-11-27 08:00 America/Chicago,"
                + " Fri 2026-11-27 09:00 America/New_York)");
    }

    @Test
    void blocksWhenNoZoneIsKnown() {
        RuleResult noZone = rule.evaluate(attempt(Channel.CALL, Purpose.TELEMARKETING), facts(Set.of()),
                at("2026-11-27T12:00-05:00"));
        RuleResult noFacts = rule.evaluate(attempt(Channel.CALL, Purpose.TELEMARKETING), Facts.none(),
                at("2026-11-27T12:00-05:00"));

        assertThat(noZone.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(noZone.detail()).startsWith("recipient time zone unknown").contains("fail closed");
        assertThat(noZone.nextAllowedAt()).isNull();
        assertThat(noFacts.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(noFacts.detail()).startsWith("recipient time zone unknown");
    }

    @Test
    void leavesInformationalCallsAndEmailOutOfScope() {
        Instant night = at("2026-11-27T23:00-05:00");
        Set<ZoneId> eastern = Set.of(ZoneId.of("America/New_York"));

        RuleResult informational = rule.evaluate(attempt(Channel.CALL, Purpose.INFORMATIONAL), facts(eastern), night);
        RuleResult email = rule.evaluate(Attempt.email("a@example.org", Purpose.COMMERCIAL, "l", "t"), Facts.none(), night);
        RuleResult text = rule.evaluate(attempt(Channel.SMS, Purpose.MARKETING), facts(eastern), night);

        assertThat(informational.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(email.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(text.outcome()).isEqualTo(Outcome.BLOCK);
    }
}
