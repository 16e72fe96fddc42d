package dev.outreach.store.jdbc;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FingerprintFilterTest {

    @Test
    void everyAddedFingerprintIsAMaybeAndAboutOnePercentOfOthersAre() {
        int n = 200_000;
        FingerprintFilter filter = new FingerprintFilter(n, 0.01);
        SplittableRandom random = new SplittableRandom(42);
        long[] added = new long[n];
        for (int i = 0; i < n; i++) {
            added[i] = random.nextLong();
            filter.put(added[i]);
        }

        for (long fingerprint : added) {
            assertThat(filter.mightContain(fingerprint)).isTrue();
        }
        int falseMaybes = 0;
        for (int i = 0; i < n; i++) {
            falseMaybes += filter.mightContain(random.nextLong()) ? 1 : 0;
        }
        assertThat(falseMaybes / (double) n).isBetween(0.005, 0.015);
        assertThat(filter.approximateCount()).isBetween((long) (n * 0.98), (long) n);
    }

    @Test
    void anEmptyFilterHoldsNothingAndAddingTheSameFingerprintTwiceCountsOnce() {
        FingerprintFilter filter = new FingerprintFilter(1_000, 0.01);

        assertThat(filter.mightContain(0)).isFalse();
        assertThat(filter.mightContain(-1)).isFalse();
        filter.put(-1);
        filter.put(-1);
        filter.put(Long.MIN_VALUE);

        assertThat(filter.mightContain(-1)).isTrue();
        assertThat(filter.mightContain(Long.MIN_VALUE)).isTrue();
        assertThat(filter.approximateCount()).isEqualTo(2);
    }

    @Test
    void refusesASizeOrRateThatCannotMakeAFilter() {
        assertThatThrownBy(() -> new FingerprintFilter(0, 0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FingerprintFilter(10, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
