package dev.outreach.policy.state;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * {@code state.calling-days}: days on which a state bans solicitation outright: Sundays (Alabama,
 * Louisiana, Mississippi, Rhode Island, Utah) and state holidays from the state's holiday calendar,
 * including ad-hoc declared ones. Judged on the local date in every candidate zone.
 */
public final class StateCallingDaysRule extends StateTimeRule {

    public static final String ID = "state.calling-days";

    public StateCallingDaysRule(StateRulePack pack) {
        super(pack);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    String topic() {
        return "calling-day";
    }

    @Override
    boolean governs(StateRule row) {
        return row.hasBannedDays();
    }

    @Override
    List<DayWindow> windowsOn(StateRule row, LocalDate date) {
        return row.banOn(date).isPresent() ? List.of() : List.of(DayWindow.ALL_DAY);
    }

    @Override
    String refusal(StateRule row, ZonedDateTime local) {
        return row.label() + ": local date " + local(local) + " is " + row.banOn(local.toLocalDate()).orElseThrow()
                + "; " + row.state() + " bans telephone solicitation that day";
    }

    @Override
    String permitted(StateRule row, ZonedDateTime local) {
        return row.state() + ": " + local(local) + " is not a banned day (banned: "
                + (row.bannedDays().isEmpty() ? "" : row.bannedDays().stream().map(StateTimeRule::dayName).sorted()
                        .toList() + (row.holidays() == null ? "" : " and "))
                + (row.holidays() == null ? "" : row.state() + " holidays") + ")";
    }
}
