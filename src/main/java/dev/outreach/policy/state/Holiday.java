package dev.outreach.policy.state;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * One recurring holiday of a state's calendar and how its date is found in a given year. Each
 * carries the confidence (V/S/U) with which it is known to be a holiday of that state.
 */
public sealed interface Holiday permits Holiday.FixedDate, Holiday.NthWeekday, Holiday.EasterOffset {

    String name();

    String confidence();

    /** The calendar date in {@code year}, before any weekend shift. */
    LocalDate dateIn(int year);

    /** A fixed date, e.g. Independence Day, July 4. */
    record FixedDate(String name, MonthDay date, String confidence) implements Holiday {
        public FixedDate {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(date, "date");
        }

        @Override
        public LocalDate dateIn(int year) {
            return date.atYear(year);
        }
    }

    /** The nth weekday of a month (1–4), or the last one ({@code nth} = -1): Memorial Day is MAY, MONDAY, -1. */
    record NthWeekday(String name, Month month, DayOfWeek weekday, int nth, String confidence) implements Holiday {
        public NthWeekday {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(month, "month");
            Objects.requireNonNull(weekday, "weekday");
            if (nth != -1 && (nth < 1 || nth > 4)) {
                throw new IllegalArgumentException("nth must be 1-4 or -1 (last), was " + nth);
            }
        }

        @Override
        public LocalDate dateIn(int year) {
            LocalDate first = LocalDate.of(year, month, 1);
            return nth == -1 ? first.with(TemporalAdjusters.lastInMonth(weekday))
                    : first.with(TemporalAdjusters.dayOfWeekInMonth(nth, weekday));
        }
    }

    /** Days before (negative) or after Easter Sunday: Mardi Gras is -47, Good Friday -2. */
    record EasterOffset(String name, int daysFromEaster, String confidence) implements Holiday {
        public EasterOffset {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public LocalDate dateIn(int year) {
            return easterSunday(year).plusDays(daysFromEaster);
        }

        /** Western (Gregorian) Easter, by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
        static LocalDate easterSunday(int year) {
            int a = year % 19;
            int b = year / 100;
            int c = year % 100;
            int d = b / 4;
            int e = b % 4;
            int f = (b + 8) / 25;
            int g = (b - f + 1) / 3;
            int h = (19 * a + b - d - g + 15) % 30;
            int i = c / 4;
            int k = c % 4;
            int l = (32 + 2 * e + 2 * i - h - k) % 7;
            int m = (a + 11 * h + 22 * l) / 451;
            int month = (h + l - 7 * m + 114) / 31;
            int day = (h + l - 7 * m + 114) % 31 + 1;
            return LocalDate.of(year, month, day);
        }
    }
}
