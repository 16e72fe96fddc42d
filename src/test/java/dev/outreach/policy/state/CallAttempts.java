package dev.outreach.policy.state;

import dev.outreach.config.StateRulePackReader;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Decision;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.PolicyEngine;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;
import dev.outreach.policy.TouchFact;
import dev.outreach.policy.tcpa.CallingHoursRule;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Shared fixtures for the calling-time tables: the real rule pack, an engine of the time rules, facts. */
final class CallAttempts {

    static final StateRulePack PACK = StateRulePackReader.fromClasspath();
    static final String NUMBER = "+13055550123";

    private CallAttempts() {
    }

    static List<Rule> timeRules(StateRulePack pack) {
        return List.of(new CallingHoursRule(), new StateCallingHoursRule(pack), new StateCallingDaysRule(pack),
                new StateCallFrequencyRule(pack));
    }

    /** The engine with only the calling-time rules, so the decision's nextAllowedAt is theirs alone. */
    static PolicyEngine engine(StateRulePack pack) {
        return new PolicyEngine(timeRules(pack), "test");
    }

    static Attempt call(Purpose purpose, Dialer dialer, Instant at) {
        return new Attempt(Channel.CALL, purpose, NUMBER, "lead-1", null, dialer, at, false);
    }

    static Attempt telemarketingCall(Instant at) {
        return call(Purpose.TELEMARKETING, Dialer.MANUAL, at);
    }

    static Attempt marketingText(Instant at) {
        return new Attempt(Channel.SMS, Purpose.MARKETING, NUMBER, "lead-1", null, null, at, false);
    }

    static PhoneFacts phone(Set<ZoneId> zones, Set<String> states) {
        return new PhoneFacts(NUMBER, true, zones, states, true, null, false, List.of(), null, List.of(), List.of());
    }

    static Facts facts(Set<ZoneId> zones, Set<String> states, TouchFact... touches) {
        return Facts.none().withPhone(phone(zones, states)).withRecentTouches(List.of(touches));
    }

    /** "America/New_York;America/Chicago" → zones; blank → none. */
    static Set<ZoneId> zones(String list) {
        return split(list).stream().map(ZoneId::of).collect(Collectors.toSet());
    }

    static Set<String> states(String list) {
        return Set.copyOf(split(list));
    }

    static List<String> split(String list) {
        return list == null || list.isBlank() ? List.of()
                : Arrays.stream(list.split(";")).map(String::strip).toList();
    }

    /** "2026-11-27T20:00-05:00" → the instant; blank → null. */
    static Instant at(String offsetDateTime) {
        return offsetDateTime == null || offsetDateTime.isBlank() ? null
                : OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    static Decision decide(PolicyEngine engine, Attempt attempt, Facts facts) {
        return engine.decide(attempt, facts, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    static RuleResult result(Decision d, String rule) {
        return d.evaluated().stream().filter(r -> r.rule().equals(rule)).findFirst().orElseThrow();
    }
}
