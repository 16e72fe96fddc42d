package dev.outreach.policy.state;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static dev.outreach.policy.state.CallAttempts.PACK;
import static org.assertj.core.api.Assertions.assertThat;

/** The shipped holiday calendars: fixed dates, nth weekdays, Easter-based days, weekend shifts. */
class HolidayCalendarTest {

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            AL | 2026-12-25 | Christmas Day
            AL | 2026-07-03 | Independence Day (observed; 2026-07-04 is a Saturday)
            AL | 2026-07-04 | Independence Day
            AL | 2026-07-02 |
            AL | 2027-12-24 | Christmas Day (observed; 2027-12-25 is a Saturday)
            AL | 2027-12-31 | New Year's Day (observed; 2028-01-01 is a Saturday)
            AL | 2026-01-19 | Robert E. Lee / Martin Luther King Jr. Birthday
            AL | 2026-05-25 | National Memorial Day
            AL | 2026-05-18 |
            AL | 2026-11-26 | Thanksgiving Day
            AL | 2026-11-27 |
            LA | 2026-02-17 | Mardi Gras Day
            LA | 2026-04-03 | Good Friday
            LA | 2027-02-09 | Mardi Gras Day
            LA | 2027-03-26 | Good Friday
            UT | 2026-07-24 | Pioneer Day
            UT | 2022-12-26 | Christmas Day (observed; 2022-12-25 is a Sunday)
            UT | 2026-07-03 | Independence Day (observed; 2026-07-04 is a Saturday)
            RI | 2026-08-10 | Victory Day
            RI | 2029-11-12 | Veterans Day (observed; 2029-11-11 is a Sunday)
            RI | 2026-07-03 |
            PA | 2026-06-14 | Flag Day
            PA | 2026-07-03 |
            """)
    void findsTheBannedHoliday(String calendar, LocalDate date, String holiday) {
        assertThat(PACK.calendars().get(calendar).holidayOn(date).orElse(null)).isEqualTo(holiday);
    }

    @ParameterizedTest(name = "Easter {0}")
    @CsvSource({"2024, 2024-03-31", "2025, 2025-04-20", "2026, 2026-04-05", "2027, 2027-03-28", "2038, 2038-04-25"})
    void computesWesternEaster(int year, LocalDate easter) {
        assertThat(Holiday.EasterOffset.easterSunday(year)).isEqualTo(easter);
    }
}
