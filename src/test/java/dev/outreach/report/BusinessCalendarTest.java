package dev.outreach.report;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deadlines run on business time: the clock stops on weekends and holidays. */
class BusinessCalendarTest {

    private static final BusinessCalendar WEEKDAYS = BusinessCalendar.weekdaysUtc();
    /** Thanksgiving 2026 (Thursday 26 November) and the Monday after as holidays. */
    private static final BusinessCalendar WITH_HOLIDAYS = new BusinessCalendar(ZoneId.of("UTC"),
            Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
            List.of(LocalDate.parse("2026-11-26"), LocalDate.parse("2026-11-30")));

    @Test
    void withinOneBusinessDayTheDeadlineIsPlainClockTime() {
        assertThat(WEEKDAYS.plusBusinessTime(at("2026-11-24T09:00:00Z"), Duration.ofHours(5)))
                .isEqualTo(at("2026-11-24T14:00:00Z"));
        assertThat(WEEKDAYS.plusBusinessTime(at("2026-11-24T09:00:00Z"), Duration.ofHours(24)))
                .isEqualTo(at("2026-11-25T09:00:00Z"));
    }

    @Test
    void theWeekendDoesNotCount() {
        // Friday 10:00 + 24 h: 14 h on Friday, 10 h on Monday.
        assertThat(WEEKDAYS.plusBusinessTime(at("2026-11-20T10:00:00Z"), Duration.ofHours(24)))
                .isEqualTo(at("2026-11-23T10:00:00Z"));
        // Three business days from Wednesday 14:00 is the next Monday 14:00.
        assertThat(WEEKDAYS.plusBusinessTime(at("2026-11-18T14:00:00Z"), Duration.ofDays(3)))
                .isEqualTo(at("2026-11-23T14:00:00Z"));
    }

    @Test
    void aHolidayDoesNotCountEitherAndStacksWithTheWeekend() {
        // Friday 27 Nov 10:00 + 24 h: 14 h Friday; Sat, Sun and Monday 30 Nov (holiday) skipped; 10 h Tuesday.
        assertThat(WITH_HOLIDAYS.plusBusinessTime(at("2026-11-27T10:00:00Z"), Duration.ofHours(24)))
                .isEqualTo(at("2026-12-01T10:00:00Z"));
        // Wednesday 25 Nov 16:00 + 48 h: 8 h Wed, Thursday (holiday) skipped, 24 h Fri, 16 h Tue.
        assertThat(WITH_HOLIDAYS.plusBusinessTime(at("2026-11-25T16:00:00Z"), Duration.ofHours(48)))
                .isEqualTo(at("2026-12-01T16:00:00Z"));
        assertThat(WITH_HOLIDAYS.isBusinessDay(LocalDate.parse("2026-11-26"))).isFalse();
        assertThat(WITH_HOLIDAYS.isBusinessDay(LocalDate.parse("2026-11-28"))).isFalse();
        assertThat(WITH_HOLIDAYS.isBusinessDay(LocalDate.parse("2026-11-27"))).isTrue();
    }

    @Test
    void aStartOnAClosedDayCountsFromTheNextBusinessDaysMidnight() {
        assertThat(WITH_HOLIDAYS.plusBusinessTime(at("2026-11-28T09:00:00Z"), Duration.ofHours(24)))
                .as("Saturday start, Monday holiday: Tuesday 00:00 + 24 h").isEqualTo(at("2026-12-02T00:00:00Z"));
        assertThat(WITH_HOLIDAYS.plusBusinessTime(at("2026-11-26T23:00:00Z"), Duration.ofMinutes(30)))
                .isEqualTo(at("2026-11-27T00:30:00Z"));
    }

    @Test
    void endingExactlyAtMidnightStaysOnTheLastBusinessDaysEnd() {
        assertThat(WEEKDAYS.plusBusinessTime(at("2026-11-20T00:00:00Z"), Duration.ofHours(24)))
                .isEqualTo(at("2026-11-21T00:00:00Z"));
    }

    @Test
    void businessDaysFollowTheCalendarsZoneAcrossADaylightSavingChange() {
        BusinessCalendar newYork = new BusinessCalendar(ZoneId.of("America/New_York"),
                Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), List.of());
        // Friday 30 Oct 2026 17:00 EDT (21:00Z) + 24 h: 7 h Friday, Mon 2 Nov (EST) 17 h -> 17:00 EST = 22:00Z.
        assertThat(newYork.plusBusinessTime(at("2026-10-30T21:00:00Z"), Duration.ofHours(24)))
                .isEqualTo(at("2026-11-02T22:00:00Z"));
    }

    @Test
    void aWeekOfOnlyWeekendDaysIsRefused() {
        assertThatThrownBy(() -> new BusinessCalendar(ZoneId.of("UTC"), Set.of(DayOfWeek.values()), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WEEKDAYS.plusBusinessTime(at("2026-11-20T00:00:00Z"), Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }
}
