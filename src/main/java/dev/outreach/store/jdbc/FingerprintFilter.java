package dev.outreach.store.jdbc;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A Bloom filter of keyed 64-bit fingerprints ({@link KeyFingerprints}): a "no" is certain, a "yes"
 * is wrong about {@code falseYesRate} of the time for keys never added.
 *
 * <p>Its own class rather than Guava's {@code BloomFilter} because the keys are already uniformly
 * spread secret-keyed hashes: the bit positions are taken from the fingerprint's two halves
 * (Kirsch and Mitzenmacher's double hashing), where Guava hashes each key again with Murmur3 and
 * allocates a hasher per probe, which was a fifth of a batch row's cost.
 *
 * <p>Safe for one writer and any number of readers at once: bits are only ever set, so a reader
 * racing a write sees the key either absent or present, and a reader that looks after the write
 * completed (through the caller's lock) sees it present.
 */
final class FingerprintFilter {

    private final AtomicLongArray words;
    private final long bits;
    private final int probes;
    private long added;

    /**
     * @param expected     how many distinct keys it is sized for
     * @param falseYesRate the wanted false "yes" rate at that many keys, e.g. 0.01
     */
    FingerprintFilter(long expected, double falseYesRate) {
        if (expected < 1 || falseYesRate <= 0 || falseYesRate >= 1) {
            throw new IllegalArgumentException("expected must be positive and the rate between 0 and 1");
        }
        double ln2 = Math.log(2);
        long wanted = (long) Math.ceil(-expected * Math.log(falseYesRate) / (ln2 * ln2));
        long wordCount = Math.max(1, (wanted + 63) / 64);
        if (wordCount > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many keys for one filter: " + expected);
        }
        this.words = new AtomicLongArray((int) wordCount);
        this.bits = wordCount * 64;
        this.probes = Math.max(1, (int) Math.round((double) bits / expected * ln2));
    }

    /** Adds a fingerprint. Not safe for two writers at once. */
    void put(long fingerprint) {
        boolean changed = false;
        long h1 = fingerprint & 0xFFFF_FFFFL;
        long h2 = fingerprint >>> 32;
        for (int i = 0; i < probes; i++) {
            long bit = ((h1 + i * h2) & Long.MAX_VALUE) % bits;
            int word = (int) (bit >>> 6);
            long mask = 1L << bit;
            long before = words.get(word);
            if ((before & mask) == 0) {
                words.getAndAccumulate(word, mask, (a, b) -> a | b);
                changed = true;
            }
        }
        if (changed) {
            added++;
        }
    }

    boolean mightContain(long fingerprint) {
        long h1 = fingerprint & 0xFFFF_FFFFL;
        long h2 = fingerprint >>> 32;
        for (int i = 0; i < probes; i++) {
            long bit = ((h1 + i * h2) & Long.MAX_VALUE) % bits;
            if ((words.get((int) (bit >>> 6)) & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** About how many distinct fingerprints were added: those that set at least one bit. Writer only. */
    long approximateCount() {
        return added;
    }
}
