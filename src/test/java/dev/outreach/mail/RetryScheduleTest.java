package dev.outreach.mail;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {

    @Test
    void standardScheduleDoublesFromThirtySecondsUpToAnHourAndStopsAfterTwelveAttempts() {
        RetrySchedule schedule = RetrySchedule.standard();
        List<Duration> delays = new ArrayList<>();
        for (int attempts = 1; attempts < 12; attempts++) {
            delays.add(schedule.delayAfter(attempts).orElseThrow());
        }

        assertThat(delays).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
                Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(32),
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));
        assertThat(schedule.delayAfter(12)).isEmpty();
    }

    @Test
    void veryHighAttemptCountsStayAtTheCapWithoutOverflow() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(30), Duration.ofHours(1), 1_000);

        assertThat(schedule.delayAfter(999)).contains(Duration.ofHours(1));
    }
}
