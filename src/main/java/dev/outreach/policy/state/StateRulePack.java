package dev.outreach.policy.state;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The versioned state rule pack: one row per state, read from {@code policy/state-rules.yaml}.
 * Configuration may turn a row off (with a recorded reason) or add ad-hoc holidays; both give a new
 * pack whose {@link #fingerprint()} differs, so the policy version in every decision shows it.
 *
 * @param version the pack's own version, e.g. {@code 2026-11-27.1}
 * @param sourceDigest a short digest of the source text, so an edit without a version bump still shows
 * @param states rows by two-letter state code
 * @param calendars holiday calendars by id
 */
public record StateRulePack(String version, String sourceDigest, Map<String, StateRule> states,
                            Map<String, HolidayCalendar> calendars) {

    public StateRulePack {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sourceDigest, "sourceDigest");
        states = Map.copyOf(states);
        calendars = Map.copyOf(calendars);
        states.forEach((code, row) -> {
            if (!code.equals(row.state())) {
                throw new IllegalArgumentException("row keyed " + code + " is for state " + row.state());
            }
        });
    }

    public Optional<StateRule> rule(String state) {
        return Optional.ofNullable(states.get(state));
    }

    /**
     * A copy with the named rows turned off. Each reason is recorded and shown in every decision that
     * would have applied the row.
     *
     * @param reasons state code → why the row is not enforced
     * @throws IllegalArgumentException for a state the pack has no row for, or a blank reason
     */
    public StateRulePack withDisabled(Map<String, String> reasons) {
        Map<String, StateRule> out = new TreeMap<>(states);
        reasons.forEach((state, reason) -> {
            StateRule row = states.get(state);
            if (row == null) {
                throw new IllegalArgumentException("cannot disable " + state + ": the state rule pack " + version
                        + " has no row for it (rows: " + new TreeMap<>(states).keySet() + ")");
            }
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("cannot disable " + state + " without a recorded reason");
            }
            out.put(state, row.disabled(reason.strip()));
        });
        return new StateRulePack(version, sourceDigest, out, calendars);
    }

    /**
     * A copy with an ad-hoc banned date in a holiday calendar (a declared state holiday, or a declared
     * emergency where the state bans solicitation during one).
     */
    public StateRulePack withAdHocHoliday(String calendarId, LocalDate date, String name) {
        HolidayCalendar calendar = calendars.get(calendarId);
        if (calendar == null) {
            throw new IllegalArgumentException("no holiday calendar " + calendarId + " in the state rule pack "
                    + version + " (calendars: " + new TreeMap<>(calendars).keySet() + ")");
        }
        HolidayCalendar updated = calendar.withAdHoc(date, name);
        Map<String, HolidayCalendar> cals = new TreeMap<>(calendars);
        cals.put(calendarId, updated);
        Map<String, StateRule> rows = new TreeMap<>(states);
        rows.replaceAll((s, row) -> row.holidays() != null && row.holidays().id().equals(calendarId)
                ? row.withHolidays(updated) : row);
        return new StateRulePack(version, sourceDigest, rows, cals);
    }

    /**
     * What the policy version folds in: the pack version, its source digest, the rows turned off and
     * the ad-hoc dates.
     */
    public String fingerprint() {
        String off = new TreeMap<>(states).values().stream().filter(r -> !r.enforced()).map(StateRule::state)
                .collect(Collectors.joining(","));
        String adHoc = new TreeMap<>(calendars).values().stream()
                .map(c -> c.id() + "=" + new TreeMap<>(c.adHoc()).keySet())
                .collect(Collectors.joining(","));
        return version + "|" + sourceDigest + "|off:" + off + "|adhoc:" + adHoc;
    }
}
