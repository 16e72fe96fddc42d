package dev.outreach.policy.state;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * {@code state.calling-hours}: a state's own solicitation hours (Florida 08:00–20:00, Texas
 * 09:00–21:00 Monday–Saturday and 12:00–21:00 Sunday, ...), from the state rule pack. Every candidate
 * state's hours apply in every candidate zone, because the number may be anywhere among them.
 */
public final class StateCallingHoursRule extends StateTimeRule {

    public static final String ID = "state.calling-hours";

    public StateCallingHoursRule(StateRulePack pack) {
        super(pack);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    String topic() {
        return "calling-hour";
    }

    @Override
    boolean governs(StateRule row) {
        return row.hasHours();
    }

    @Override
    List<DayWindow> windowsOn(StateRule row, LocalDate date) {
        return List.of(row.hoursOn(date.getDayOfWeek()));
    }

    @Override
    String refusal(StateRule row, ZonedDateTime local) {
        return row.label() + ": local time " + local(local) + " is outside " + row.state() + "'s "
                + dayName(local.getDayOfWeek()) + " hours " + row.hoursOn(local.getDayOfWeek());
    }

    @Override
    String permitted(StateRule row, ZonedDateTime local) {
        if (!row.hours().containsKey(local.getDayOfWeek())) {
            return row.state() + " sets no hours for " + dayName(local.getDayOfWeek()) + " (" + local(local) + ")";
        }
        return row.state() + " " + dayName(local.getDayOfWeek()) + " hours " + row.hoursOn(local.getDayOfWeek())
                + ": local time " + local(local) + " is within";
    }
}
