package dev.outreach.policy.state;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * When local time in one zone lets a touch through: the permitted windows of each local date (an
 * empty list closes the whole day). An instant is judged by its local date and time in the zone,
 * so DST changes, Arizona and Hawaii come out of {@code java.time}, not out of offsets kept here.
 */
public final class LocalSchedule {

    /** Steps of the search before it gives up; each step reaches a new window start, so this is generous. */
    private static final int MAX_STEPS = 2_000;

    private final ZoneId zone;
    private final Function<LocalDate, List<DayWindow>> windows;

    public LocalSchedule(ZoneId zone, Function<LocalDate, List<DayWindow>> windows) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.windows = Objects.requireNonNull(windows, "windows");
    }

    /** The same windows every day. */
    public static LocalSchedule daily(ZoneId zone, DayWindow window) {
        return new LocalSchedule(zone, date -> List.of(window));
    }

    private List<DayWindow> windowsOn(LocalDate date) {
        return windows.apply(date);
    }

    public boolean permits(Instant instant) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        LocalTime time = local.toLocalTime();
        for (DayWindow w : windowsOn(local.toLocalDate())) {
            if (w.contains(time)) {
                return true;
            }
        }
        return false;
    }

    /** The earliest instant at or after {@code from} this schedule permits, or null if none by {@code limit}. */
    public Instant nextPermitted(Instant from, Instant limit) {
        LocalDate date = LocalDateTime.ofInstant(from, zone).toLocalDate();
        while (!date.atStartOfDay(zone).toInstant().isAfter(limit)) {
            List<DayWindow> day = windowsOn(date).stream().sorted(Comparator.comparing(DayWindow::from)).toList();
            for (DayWindow w : day) {
                // a start inside a DST gap resolves to the first valid local time after it
                Instant start = date.atTime(w.from()).atZone(zone).toInstant();
                Instant end = w.until() == null ? date.plusDays(1).atStartOfDay(zone).toInstant()
                        : date.atTime(w.until()).atZone(zone).toInstant();
                if (from.isBefore(end) && start.isBefore(end)) {
                    Instant candidate = start.isAfter(from) ? start : from;
                    return candidate.isAfter(limit) ? null : candidate;
                }
            }
            date = date.plusDays(1);
        }
        return null;
    }

    /**
     * The earliest instant at or after {@code from}, within {@code horizon}, that every schedule
     * permits, or null if there is none. Jumps to the next opening of a schedule that refuses and
     * re-checks all of them, so no common instant is skipped.
     */
    public static Instant earliestCommon(List<LocalSchedule> schedules, Instant from, Duration horizon) {
        Instant limit = from.plus(horizon);
        Instant t = from;
        for (int step = 0; step < MAX_STEPS && !t.isAfter(limit); step++) {
            Instant at = t;
            LocalSchedule refusing = schedules.stream().filter(s -> !s.permits(at)).findFirst().orElse(null);
            if (refusing == null) {
                return t;
            }
            Instant next = refusing.nextPermitted(t, limit);
            if (next == null) {
                return null;
            }
            // a local time that maps back oddly (DST) must still make progress
            t = next.isAfter(t) ? next : t.plus(Duration.ofMinutes(1));
        }
        return null;
    }
}
