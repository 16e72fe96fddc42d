package dev.outreach.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;

/** The arithmetic every report shares, so each number is computed one way. */
final class Rates {

    /** Rates are fractions (0.25 = 25 %) rounded half-up to this many decimals. */
    static final int DECIMALS = 4;

    private Rates() {
    }

    /** {@code numerator ÷ denominator} rounded to {@link #DECIMALS} decimals; null when the denominator is 0. */
    static Double ratio(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), DECIMALS, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /**
     * The median of durations given in milliseconds: the middle value, or for an even count the mean
     * of the two middle values (rounded down to the millisecond); null for none.
     */
    static Duration median(long[] millis, int count) {
        if (count == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(millis, count);
        Arrays.sort(sorted);
        int mid = count / 2;
        long value = count % 2 == 1 ? sorted[mid] : Math.floorDiv(sorted[mid - 1] + sorted[mid], 2);
        return Duration.ofMillis(value);
    }
}
