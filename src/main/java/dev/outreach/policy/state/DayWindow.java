package dev.outreach.policy.state;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A stretch of one local day in which a touch is permitted: from {@code from} (inclusive) until
 * {@code until} (exclusive), so 08:00–21:00 permits 20:59 and refuses 21:00. A null {@code until}
 * means the end of the day.
 */
public record DayWindow(LocalTime from, LocalTime until) {

    /** The whole day: no limit on that day. */
    public static final DayWindow ALL_DAY = new DayWindow(LocalTime.MIDNIGHT, null);

    public DayWindow {
        Objects.requireNonNull(from, "from");
        if (until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("a window must start before it ends, was " + from + "–" + until);
        }
    }

    /** @param from "HH:mm" @param until "HH:mm" */
    public static DayWindow of(String from, String until) {
        return new DayWindow(LocalTime.parse(from), LocalTime.parse(until));
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(from) && (until == null || time.isBefore(until));
    }

    @Override
    public String toString() {
        return from + "–" + (until == null ? "24:00" : until.toString());
    }
}
