package dev.outreach.policy.tcpa;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Facts;
import dev.outreach.policy.NextAllowedSearch;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;
import dev.outreach.policy.state.DayWindow;
import dev.outreach.policy.state.LocalSchedule;
import dev.outreach.policy.state.SolicitationScope;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * {@code tcpa.calling-hours}: telephone solicitation only between 08:00 and 21:00 at the called
 * party's location (47 CFR 64.1200(c)(1); 16 CFR 310.4(c)). The recipient may be in any of the
 * candidate zones (the lead's stated zone, the number's zones, the zones of the lead's state), so
 * the touch must be within the hours in all of them; with no zone known at all it is blocked.
 */
public final class CallingHoursRule implements Rule {

    public static final String ID = "tcpa.calling-hours";
    static final String CITATION = "47 CFR 64.1200(c)(1); 16 CFR 310.4(c)";
    /** 08:00 inclusive to 21:00 exclusive: 20:59 is permitted, 21:00 is not. */
    static final DayWindow HOURS = DayWindow.of("08:00", "21:00");

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        Optional<RuleResult> outOfScope = SolicitationScope.outOfScope(ID, attempt);
        if (outOfScope.isPresent()) {
            return outOfScope.get();
        }
        PhoneFacts phone = facts.phone();
        if (phone == null || phone.candidateZones().isEmpty()) {
            return RuleResult.block(ID, "recipient time zone unknown: " + (phone == null
                    ? "no facts about the number were gathered"
                    : "no stated zone, no zone for the number and none for the lead's region")
                    + ", so the local time cannot be checked against " + HOURS + "; blocked to fail closed", CITATION);
        }
        List<ZoneId> zones = List.copyOf(phone.candidateZones());
        List<ZoneId> outside = new ArrayList<>();
        for (ZoneId z : zones) {
            if (!HOURS.contains(now.atZone(z).toLocalTime())) {
                outside.add(z);
            }
        }
        if (outside.isEmpty()) {
            return RuleResult.pass(ID, "local time " + localTimes(now, zones) + ": within " + HOURS, CITATION);
        }
        List<LocalSchedule> schedules = zones.stream().map(z -> LocalSchedule.daily(z, HOURS)).toList();
        Instant next = LocalSchedule.earliestCommon(schedules, now, NextAllowedSearch.HORIZON);
        String why = "local time " + localTimes(now, outside) + " is outside " + HOURS
                + " (telephone solicitation hours, recipient's local time)"
                + (outside.size() < zones.size() ? "; candidate zones " + zones : "");
        String when = next == null
                ? "; no instant in the next " + NextAllowedSearch.HORIZON.toDays() + " days is within " + HOURS
                        + " in every candidate zone " + zones
                : "; permitted from " + next + " (" + localTimes(next, zones) + ")";
        return RuleResult.blockUntil(ID, why + when, CITATION, next);
    }

    private static String localTimes(Instant instant, List<ZoneId> zones) {
        StringJoiner times = new StringJoiner(", ");
        for (ZoneId z : zones) {
            times.add(instant.atZone(z).format(LOCAL) + " " + z.getId());
        }
        return times.toString();
    }
}
