package dev.outreach.policy.state;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One state's row of the rule pack: its calling hours per day of week, banned days, holiday
 * calendar and frequency cap, with the citation and how well the facts are established.
 *
 * @param state two-letter code, e.g. {@code FL}
 * @param hours permitted local hours per day of week; a day without an entry has no state hour limit
 *              (it is either unrestricted or banned outright through {@code bannedDays})
 * @param bannedDays days of week on which solicitation is banned (Sunday)
 * @param holidays the calendar of banned holidays, or null
 * @param frequencyCap the per-number cap, or null
 * @param fixedOffset set when the statute fixes the clock (Mississippi: Central Standard Time, UTC-6
 *                    all year); hours and days are then judged at this offset instead of the
 *                    recipient's zones
 * @param confidence V, S, U or a mix such as U/S, as the reference gives it
 * @param enforced false when configuration turned the row off; {@code disabledReason} says why
 * @param writtenConsent the state's own written-consent requirement, or null
 * @param ebr the state's own EBR windows where narrower than the federal ones, or null
 * @param elsewhere facts of the row the gateway cannot decide, each with who enforces it and why
 */
public record StateRule(String state, String name, Map<DayOfWeek, DayWindow> hours, Set<DayOfWeek> bannedDays,
                        HolidayCalendar holidays, FrequencyCap frequencyCap, ZoneOffset fixedOffset, String citation,
                        String confidence, String notes, boolean enforced, String disabledReason,
                        WrittenConsentRow writtenConsent, EbrRow ebr, List<DialerRow> elsewhere) {

    /** A row with no consent, EBR or dialer facts. */
    public StateRule(String state, String name, Map<DayOfWeek, DayWindow> hours, Set<DayOfWeek> bannedDays,
                     HolidayCalendar holidays, FrequencyCap frequencyCap, ZoneOffset fixedOffset, String citation,
                     String confidence, String notes, boolean enforced, String disabledReason) {
        this(state, name, hours, bannedDays, holidays, frequencyCap, fixedOffset, citation, confidence, notes,
                enforced, disabledReason, null, null, List.of());
    }

    public StateRule {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(confidence, "confidence");
        hours = Map.copyOf(hours);
        bannedDays = Set.copyOf(bannedDays);
        elsewhere = elsewhere == null ? List.of() : List.copyOf(elsewhere);
        if (!enforced && (disabledReason == null || disabledReason.isBlank())) {
            throw new IllegalArgumentException(state + ": a row turned off needs a recorded reason");
        }
    }

    public boolean hasHours() {
        return !hours.isEmpty();
    }

    public boolean hasBannedDays() {
        return !bannedDays.isEmpty() || holidays != null;
    }

    /** The permitted window on that day of week; the whole day when the state sets none. */
    public DayWindow hoursOn(DayOfWeek day) {
        return hours.getOrDefault(day, DayWindow.ALL_DAY);
    }

    /** Why solicitation is banned on {@code date} ("Sunday", "Christmas Day"), if it is. */
    public Optional<String> banOn(LocalDate date) {
        if (bannedDays.contains(date.getDayOfWeek())) {
            return Optional.of(date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        }
        return holidays == null ? Optional.empty() : holidays.holidayOn(date).map(h -> h + ", a holiday in " + state);
    }

    /** "FL (Fla. Stat. 501.616(6); 501.059; confidence V)", for details. */
    public String label() {
        return state + " (" + citation + "; confidence " + confidence + ")";
    }

    public StateRule disabled(String reason) {
        return new StateRule(state, name, hours, bannedDays, holidays, frequencyCap, fixedOffset, citation, confidence,
                notes, false, reason, writtenConsent, ebr, elsewhere);
    }

    StateRule withHolidays(HolidayCalendar calendar) {
        return new StateRule(state, name, hours, bannedDays, calendar, frequencyCap, fixedOffset, citation, confidence,
                notes, enforced, disabledReason, writtenConsent, ebr, elsewhere);
    }
}
