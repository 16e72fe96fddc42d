package dev.outreach.suppression;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FingerprintIndexTest {

    @Test
    void duplicatesAreStoredOnce() {
        FingerprintIndex index = FingerprintIndex.builder().add(7).add(3).add(7).add(3).add(7).build();

        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void findsEveryAddedFingerprintAndNothingElse() {
        FingerprintIndex index = FingerprintIndex.builder()
                .add(42).add(-5).add(Long.MIN_VALUE).add(Long.MAX_VALUE).add(0).build();

        assertThat(index.contains(42)).isTrue();
        assertThat(index.contains(-5)).isTrue();
        assertThat(index.contains(Long.MIN_VALUE)).isTrue();
        assertThat(index.contains(Long.MAX_VALUE)).isTrue();
        assertThat(index.contains(0)).isTrue();
        assertThat(index.contains(41)).isFalse();
        assertThat(index.contains(-4)).isFalse();
        assertThat(index.contains(Long.MIN_VALUE + 1)).isFalse();
    }

    @Test
    void clusteredEntriesLikePhoneNumbersAreAllFoundAndTheirNeighboursAreNot() {
        // three area codes' worth of E.164 digits, dense in places and far apart: uneven slices
        FingerprintIndex.Builder builder = FingerprintIndex.builder();
        long[] starts = {1_212_555_0000L, 1_305_200_0000L, 4_420_7946_0000L};
        for (long start : starts) {
            for (long n = 0; n < 5_000; n += 3) {
                builder.add(start + n);
            }
        }
        FingerprintIndex index = builder.build();

        for (long start : starts) {
            for (long n = 0; n < 5_000; n++) {
                assertThat(index.contains(start + n)).as("%d", start + n).isEqualTo(n % 3 == 0);
            }
            assertThat(index.contains(start - 1)).isFalse();
        }
        assertThat(index.contains(0)).isFalse();
        assertThat(index.contains(Long.MAX_VALUE)).isFalse();
        assertThat(index.contains(Long.MIN_VALUE)).isFalse();
    }

    @Test
    void entriesSpanningTheWholeSignedRangeAreSlicedWithoutOverflow() {
        SplittableRandom random = new SplittableRandom(5);
        long[] values = new long[50_000];
        FingerprintIndex.Builder builder = FingerprintIndex.builder().add(Long.MIN_VALUE).add(Long.MAX_VALUE);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextLong();
            builder.add(values[i]);
        }
        FingerprintIndex index = builder.build();
        long[] sorted = values.clone();
        Arrays.sort(sorted);

        assertThat(index.contains(Long.MIN_VALUE)).isTrue();
        assertThat(index.contains(Long.MAX_VALUE)).isTrue();
        for (long v : values) {
            assertThat(index.contains(v)).isTrue();
            long next = v + 1;
            assertThat(index.contains(next)).isEqualTo(Arrays.binarySearch(sorted, next) >= 0
                    || next == Long.MIN_VALUE || next == Long.MAX_VALUE);
        }
    }

    @Test
    void anEmptyBuilderBuildsAnEmptyIndex() {
        FingerprintIndex index = FingerprintIndex.builder().build();

        assertThat(index.size()).isZero();
        assertThat(index.contains(0)).isFalse();
    }

    @Test
    void aBuilderIsUsedOnce() {
        FingerprintIndex.Builder builder = FingerprintIndex.builder().add(1);
        builder.build();

        assertThatThrownBy(() -> builder.add(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void oneMillionEntriesTakeAboutEightBytesEachAndAreAllFound() {
        int n = 1_000_000;
        long[] values = new long[n];
        SplittableRandom random = new SplittableRandom(20240501);
        FingerprintIndex.Builder builder = FingerprintIndex.builder();
        for (int i = 0; i < n; i++) {
            values[i] = random.nextLong();
            builder.add(values[i]);
        }
        for (int i = 0; i < n; i += 10) {
            builder.add(values[i]); // 10 % duplicates must not cost memory
        }

        FingerprintIndex index = builder.build();
        double bytesPerEntry = (double) index.approximateBytes() / index.size();
        System.out.printf("FingerprintIndex: %d entries, %d bytes, %.4f bytes/entry%n",
                index.size(), index.approximateBytes(), bytesPerEntry);

        assertThat(index.size()).isEqualTo(n);
        assertThat(bytesPerEntry).isLessThanOrEqualTo(8.5);
        for (long v : values) {
            assertThat(index.contains(v)).isTrue();
        }
        int misses = 0;
        for (int i = 0; i < 10_000; i++) {
            misses += index.contains(random.nextLong()) ? 0 : 1;
        }
        assertThat(misses).isEqualTo(10_000);
    }
}
