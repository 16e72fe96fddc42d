package dev.outreach.policy.state;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A state's holidays on which telephone solicitation is banned: recurring holidays, the state's
 * weekend shift (Alabama: a Saturday holiday is observed on Friday, a Sunday one on Monday), and
 * ad-hoc dates such as a holiday the governor declares.
 *
 * @param id the id states refer to, e.g. {@code AL}
 * @param citation where the list of holidays comes from
 * @param confidence V, S or U for the calendar as a whole (each holiday has its own too)
 * @param saturdayObservedOn where a holiday falling on Saturday is observed (FRIDAY or MONDAY), or null
 * @param sundayObservedOn where a holiday falling on Sunday is observed (MONDAY or FRIDAY), or null
 * @param banActualDate whether the calendar date itself stays banned when the holiday is observed on
 *                      another day (banning both is the safe reading)
 * @param adHoc one-off banned dates and their names
 */
public record HolidayCalendar(String id, String name, String citation, String confidence, List<Holiday> holidays,
                              DayOfWeek saturdayObservedOn, DayOfWeek sundayObservedOn, boolean banActualDate,
                              Map<LocalDate, String> adHoc) {

    public HolidayCalendar {
        Objects.requireNonNull(id, "id");
        holidays = List.copyOf(holidays);
        adHoc = Map.copyOf(adHoc);
        if (saturdayObservedOn != null && saturdayObservedOn != DayOfWeek.FRIDAY && saturdayObservedOn != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException("a Saturday holiday is observed on FRIDAY or MONDAY, not " + saturdayObservedOn);
        }
        if (sundayObservedOn != null && sundayObservedOn != DayOfWeek.MONDAY && sundayObservedOn != DayOfWeek.FRIDAY) {
            throw new IllegalArgumentException("a Sunday holiday is observed on MONDAY or FRIDAY, not " + sundayObservedOn);
        }
    }

    /** A copy with one more ad-hoc holiday (e.g. a declared holiday or emergency day). */
    public HolidayCalendar withAdHoc(LocalDate date, String holidayName) {
        Map<LocalDate, String> more = new TreeMap<>(adHoc);
        more.put(Objects.requireNonNull(date, "date"), Objects.requireNonNull(holidayName, "holidayName"));
        return new HolidayCalendar(id, name, citation, confidence, holidays, saturdayObservedOn, sundayObservedOn,
                banActualDate, more);
    }

    /** The holiday banning {@code date}, described ("Independence Day (observed; July 4 is a Saturday)"), if any. */
    public Optional<String> holidayOn(LocalDate date) {
        String adHocName = adHoc.get(date);
        if (adHocName != null) {
            return Optional.of(adHocName + " (declared)");
        }
        // a shift can move a holiday across New Year (Jan 1 on a Saturday is observed on Dec 31)
        for (int year = date.getYear() - 1; year <= date.getYear() + 1; year++) {
            for (Holiday h : holidays) {
                LocalDate actual = h.dateIn(year);
                LocalDate observed = observed(actual);
                if (observed.equals(date)) {
                    return Optional.of(observed.equals(actual) ? h.name()
                            : h.name() + " (observed; " + actual + " is a " + name(actual.getDayOfWeek()) + ")");
                }
                if (banActualDate && actual.equals(date)) {
                    return Optional.of(h.name());
                }
            }
        }
        return Optional.empty();
    }

    private LocalDate observed(LocalDate actual) {
        DayOfWeek dow = actual.getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY && saturdayObservedOn != null) {
            return saturdayObservedOn == DayOfWeek.FRIDAY ? actual.minusDays(1) : actual.plusDays(2);
        }
        if (dow == DayOfWeek.SUNDAY && sundayObservedOn != null) {
            return sundayObservedOn == DayOfWeek.MONDAY ? actual.plusDays(1) : actual.minusDays(2);
        }
        return actual;
    }

    private static String name(DayOfWeek d) {
        return d.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
