package dev.outreach.suppression;

import java.util.Arrays;

/**
 * An immutable set of 64-bit fingerprints: one sorted, duplicate-free {@code long[]} searched by
 * binary search. About 8 bytes per entry and no per-entry objects, so lists of tens of millions
 * of addresses, hashes or numbers fit in memory and cost the garbage collector nothing.
 *
 * <p>A fingerprint is a lossy key (a hash prefix for addresses, the digits for phone numbers).
 * Two different values sharing a fingerprint can only make a lookup say "listed" for someone who
 * is not: a collision over-blocks, which is the safe side for a suppression list, and it never
 * lets a listed recipient through.
 */
public final class FingerprintIndex {

    /** An index with no entries. */
    public static final FingerprintIndex EMPTY = new FingerprintIndex(new long[0]);

    /** JVM object header plus array length word, the fixed cost of the one array. */
    private static final long ARRAY_HEADER_BYTES = 16;

    private final long[] sorted;

    private FingerprintIndex(long[] sorted) {
        this.sorted = sorted;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean contains(long fingerprint) {
        return Arrays.binarySearch(sorted, fingerprint) >= 0;
    }

    /** Number of distinct fingerprints. */
    public int size() {
        return sorted.length;
    }

    /** Heap taken by the index: the array header and 8 bytes per entry. */
    public long approximateBytes() {
        return ARRAY_HEADER_BYTES + 8L * sorted.length;
    }

    /**
     * Collects fingerprints in arrival order into a growing primitive buffer; {@link #build()}
     * sorts and deduplicates in place. Not thread-safe; used once.
     */
    public static final class Builder {

        /** The largest array most JVMs will allocate. */
        private static final int MAX_ENTRIES = Integer.MAX_VALUE - 8;

        private long[] buffer = new long[1024];
        private int count;

        private Builder() {
        }

        public Builder add(long fingerprint) {
            if (buffer == null) {
                throw new IllegalStateException("builder already built");
            }
            if (count == buffer.length) {
                grow();
            }
            buffer[count++] = fingerprint;
            return this;
        }

        public FingerprintIndex build() {
            if (buffer == null) {
                throw new IllegalStateException("builder already built");
            }
            long[] values = buffer;
            buffer = null; // release the buffer with the builder: big lists must not be held twice
            Arrays.sort(values, 0, count);
            int distinct = deduplicateSorted(values, count);
            return distinct == 0 ? EMPTY : new FingerprintIndex(Arrays.copyOf(values, distinct));
        }

        /** Growing by half (not doubling) keeps the slack of a huge list at most a third. */
        private void grow() {
            if (buffer.length == MAX_ENTRIES) {
                throw new IllegalStateException("more than " + MAX_ENTRIES + " entries in one list");
            }
            int larger = (int) Math.min(MAX_ENTRIES, buffer.length + (long) (buffer.length >> 1) + 1);
            buffer = Arrays.copyOf(buffer, larger);
        }

        private static int deduplicateSorted(long[] values, int length) {
            if (length == 0) {
                return 0;
            }
            int distinct = 1;
            for (int i = 1; i < length; i++) {
                if (values[i] != values[distinct - 1]) {
                    values[distinct++] = values[i];
                }
            }
            return distinct;
        }
    }
}
