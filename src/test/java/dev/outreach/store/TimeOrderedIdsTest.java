package dev.outreach.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdsTest {

    @Test
    void anIdIsAVersion7UuidCarryingItsMillisecond() {
        long at = Instant.parse("2026-12-05T10:15:30.123Z").toEpochMilli();

        UUID id = UUID.fromString(TimeOrderedIds.next(at));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAndNoneRepeat() {
        long at = Instant.parse("2026-12-05T10:15:30Z").toEpochMilli();
        Set<String> seen = new HashSet<>();
        String previous = TimeOrderedIds.next(at);
        for (int i = 1; i <= 10_000; i++) {
            String next = TimeOrderedIds.next(at + i);
            assertThat(next).isGreaterThan(previous);
            assertThat(seen.add(next)).isTrue();
            previous = next;
        }
    }
}
