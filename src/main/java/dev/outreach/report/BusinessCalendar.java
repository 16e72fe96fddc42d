package dev.outreach.report;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Business days: every day of the week but the weekend days, less the holidays, in one time zone.
 *
 * <p>SOP deadlines run on business time only: {@link #plusBusinessTime} lets the clock run during
 * business days and stops it on weekends and holidays. 24 hours from Friday 10:00 is therefore
 * Monday 10:00 (or Tuesday 10:00 when Monday is a holiday), and {@code P3D} is three business days.
 * A start on a non-business day counts from the start of the next business day.
 */
public final class BusinessCalendar {

    /** Guards against a calendar that has (almost) no business days left. */
    private static final int MAX_DAYS_SEARCHED = 3660;

    private final ZoneId zone;
    private final Set<DayOfWeek> weekend;
    private final Set<LocalDate> holidays;

    public BusinessCalendar(ZoneId zone, Collection<DayOfWeek> weekend, Collection<LocalDate> holidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.weekend = weekend.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(weekend);
        if (this.weekend.size() == DayOfWeek.values().length) {
            throw new IllegalArgumentException("the weekend cannot be every day of the week");
        }
        this.holidays = new TreeSet<>(holidays);
    }

    /** Monday to Friday in UTC, no holidays. */
    public static BusinessCalendar weekdaysUtc() {
        return new BusinessCalendar(ZoneId.of("UTC"), EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public Set<DayOfWeek> weekend() {
        return Set.copyOf(weekend);
    }

    public Set<LocalDate> holidays() {
        return Set.copyOf(holidays);
    }

    public boolean isBusinessDay(LocalDate day) {
        return !weekend.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /**
     * The instant when {@code amount} of business time has run from {@code start}: time on weekend
     * days and holidays (in this calendar's zone) does not count.
     */
    public Instant plusBusinessTime(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount);
        }
        ZonedDateTime cursor = start.atZone(zone);
        Duration remaining = amount;
        for (int days = 0; days < MAX_DAYS_SEARCHED + amount.toDays(); days++) {
            LocalDate day = cursor.toLocalDate();
            ZonedDateTime nextDay = day.plusDays(1).atStartOfDay(zone);
            if (!isBusinessDay(day)) {
                cursor = nextDay;
                continue;
            }
            Duration available = Duration.between(cursor, nextDay);
            if (remaining.compareTo(available) <= 0) {
                return cursor.toInstant().plus(remaining);
            }
            remaining = remaining.minus(available);
            cursor = nextDay;
        }
        throw new IllegalStateException("no business day within " + MAX_DAYS_SEARCHED + " days of " + start);
    }
}
