package dev.outreach.policy.state;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Facts;
import dev.outreach.policy.NextAllowedSearch;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * What the state calling-hour and calling-day rules share: the rows of the recipient's candidate
 * states, each judged in every candidate time zone (or at the offset its statute fixes), and the
 * earliest instant at which all of them permit the touch.
 */
abstract class StateTimeRule implements Rule {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

    private final StateRulePack pack;

    StateTimeRule(StateRulePack pack) {
        this.pack = Objects.requireNonNull(pack, "pack");
    }

    /** "calling-hour" or "calling-day", for details. */
    abstract String topic();

    /** Whether the row has anything for this rule to enforce. */
    abstract boolean governs(StateRule row);

    /** The row's permitted windows on a local date; empty closes the day. */
    abstract List<DayWindow> windowsOn(StateRule row, LocalDate date);

    /** Why the row refuses at this local time. */
    abstract String refusal(StateRule row, ZonedDateTime local);

    /** What the row checked, when it permits. */
    abstract String permitted(StateRule row, ZonedDateTime local);

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        Optional<RuleResult> outOfScope = SolicitationScope.outOfScope(id(), attempt);
        if (outOfScope.isPresent()) {
            return outOfScope.get();
        }
        PhoneFacts phone = facts.phone();
        Optional<RuleResult> unknown = StateRows.unknownLocation(id(), phone);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        List<StateRule> rows = StateRows.of(pack, phone, this::governs);
        String off = StateRows.turnedOff(rows);
        List<StateRule> enforced = StateRows.enforced(rows);
        if (enforced.isEmpty()) {
            return RuleResult.notApplicable(id(), rows.isEmpty()
                    ? "no state " + topic() + " rule for " + StateRows.sorted(phone.candidateStates())
                            + " in state rule pack " + pack.version()
                    : off);
        }
        if (phone.candidateZones().isEmpty() && enforced.stream().anyMatch(r -> r.fixedOffset() == null)) {
            return RuleResult.block(id(), "recipient time zone unknown: no stated zone, no zone for the number and"
                    + " none for the lead's region, so the local " + topic() + " rules of "
                    + enforced.stream().map(StateRule::state).toList() + " cannot be judged; blocked to fail closed",
                    StateRows.citations(enforced));
        }
        List<Check> checks = checks(enforced, phone);
        List<Check> refusing = new ArrayList<>();
        for (Check c : checks) {
            if (!c.schedule().permits(now)) {
                refusing.add(c);
            }
        }
        String offNote = off.isEmpty() ? "" : "; " + off;
        if (refusing.isEmpty()) {
            StringJoiner permitted = new StringJoiner("; ");
            for (Check c : checks) {
                permitted.add(permitted(c.row(), c.local(now)));
            }
            return RuleResult.pass(id(), permitted + offNote, StateRows.citations(enforced));
        }
        Instant next = LocalSchedule.earliestCommon(checks.stream().map(Check::schedule).toList(), now,
                NextAllowedSearch.HORIZON);
        String why = refusing.stream().map(c -> refusal(c.row(), c.local(now))).collect(Collectors.joining("; "));
        String when = next == null
                ? "; no instant in the next " + NextAllowedSearch.HORIZON.toDays() + " days is permitted in every"
                        + " candidate zone and state"
                : "; permitted from " + next + " (" + checks.stream().map(Check::zone).distinct()
                        .map(z -> local(next, z)).collect(Collectors.joining(", ")) + ")";
        return RuleResult.blockUntil(id(), why + when + offNote,
                StateRows.citations(refusing.stream().map(Check::row).distinct().toList()), next);
    }

    /** Each enforced row in each zone it is judged in. Loops: both state time rules run this for every call or text. */
    private List<Check> checks(List<StateRule> enforced, PhoneFacts phone) {
        List<Check> checks = new ArrayList<>();
        for (StateRule row : enforced) {
            for (ZoneId zone : zonesFor(row, phone)) {
                checks.add(new Check(row, zone, new LocalSchedule(zone, date -> windowsOn(row, date))));
            }
        }
        return checks;
    }

    /** A statutory fixed offset, else every candidate zone (in zone id order, as {@link PhoneFacts} keeps them). */
    private static Collection<ZoneId> zonesFor(StateRule row, PhoneFacts phone) {
        return row.fixedOffset() != null ? List.of(row.fixedOffset()) : phone.candidateZones();
    }

    /** "Fri 2026-11-27 20:00 America/New_York"; a statutory fixed offset is named as such. */
    static String local(Instant instant, ZoneId zone) {
        return instant.atZone(zone).format(LOCAL) + " " + zoneName(zone);
    }

    static String local(ZonedDateTime local) {
        return local.format(LOCAL) + " " + zoneName(local.getZone());
    }

    private static String zoneName(ZoneId zone) {
        return zone instanceof ZoneOffset ? "UTC" + zone.getId() + " (fixed by statute)" : zone.getId();
    }

    static String dayName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private record Check(StateRule row, ZoneId zone, LocalSchedule schedule) {
        ZonedDateTime local(Instant instant) {
            return instant.atZone(zone);
        }
    }
}
