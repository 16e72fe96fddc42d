package dev.outreach.suppression;

import java.util.Arrays;

/**
 * An immutable set of 64-bit fingerprints: one sorted, duplicate-free {@code long[]} searched by
 * binary search. About 8 bytes per entry and no per-entry objects, so lists of tens of millions
 * of addresses, hashes or numbers fit in memory and cost the garbage collector nothing.
 *
 * <p>A directory of where each slice of the value range starts (one {@code int} per
 * {@value #ENTRIES_PER_SLICE} entries) narrows each search to a slice before the binary search:
 * a plain binary search of a 10 M-entry array misses the CPU cache at almost every step, which
 * made the lookup most of a batch row's cost.
 *
 * <p>A fingerprint is a lossy key (a hash prefix for addresses, the digits for phone numbers).
 * Two different values sharing a fingerprint can only make a lookup say "listed" for someone who
 * is not: a collision over-blocks, which is the safe side for a suppression list, and it never
 * lets a listed recipient through.
 */
public final class FingerprintIndex {

    /** An index with no entries. */
    public static final FingerprintIndex EMPTY = new FingerprintIndex(new long[0]);

    /** JVM object header plus array length word, the fixed cost of each of the two arrays. */
    private static final long ARRAY_HEADER_BYTES = 16;
    /** Entries per slice of an evenly spread index: two cache lines of a binary search, 0.25 B/entry of directory. */
    static final int ENTRIES_PER_SLICE = 16;

    private final long[] sorted;
    /** The smallest entry: slices are counted from it. */
    private final long base;
    /** A value's slice is its unsigned distance from {@link #base}, shifted right this far. */
    private final int shift;
    /** {@code starts[s]} is the index of the first entry in slice {@code s} or later; one more than the slices. */
    private final int[] starts;

    private FingerprintIndex(long[] sorted) {
        this.sorted = sorted;
        if (sorted.length == 0) {
            this.base = 0;
            this.shift = 63;
            this.starts = new int[] {0, 0};
            return;
        }
        this.base = sorted[0];
        long span = sorted[sorted.length - 1] - base; // unsigned: the entries are sorted as signed longs
        long slices = Math.max(1, sorted.length / ENTRIES_PER_SLICE);
        int s = 0;
        while (s < 63 && Long.compareUnsigned(span >>> s, slices) >= 0) {
            s++;
        }
        this.shift = s;
        this.starts = directory(sorted, base, s, (int) (span >>> s) + 1);
    }

    private static int[] directory(long[] sorted, long base, int shift, int slices) {
        int[] starts = new int[slices + 1];
        int slice = 0;
        for (int i = 0; i < sorted.length; i++) {
            int of = (int) ((sorted[i] - base) >>> shift);
            while (slice <= of) {
                starts[slice++] = i;
            }
        }
        while (slice <= slices) {
            starts[slice++] = sorted.length;
        }
        return starts;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean contains(long fingerprint) {
        if (sorted.length == 0 || fingerprint < base || fingerprint > sorted[sorted.length - 1]) {
            return false;
        }
        int slice = (int) ((fingerprint - base) >>> shift);
        return Arrays.binarySearch(sorted, starts[slice], starts[slice + 1], fingerprint) >= 0;
    }

    /** Number of distinct fingerprints. */
    public int size() {
        return sorted.length;
    }

    /** Heap taken by the index: 8 bytes per entry and 4 per slice of the directory, with the arrays' headers. */
    public long approximateBytes() {
        return 2 * ARRAY_HEADER_BYTES + 8L * sorted.length + 4L * starts.length;
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
