package dev.outreach.bench;

import dev.outreach.suppression.NationalDncRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Lookups per second on the synthetic 25-million-number registry, from an E.164 string (parsing
 * included, as the gateway calls it): {@link NationalDncRegistry#contains} against
 * {@code Arrays.binarySearch} on a sorted {@code long[]} of the same numbers after
 * {@code Long.parseLong}. Hits are random registered numbers; misses are random unregistered
 * numbers in the same area codes (the harder miss: an area code absent from the registry is
 * answered at once). 2^20 probes of each kind, visited in order from a random start per thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RegistryLookupBenchmark {

    static final int PROBES = 1 << 20;
    private static final int MASK = PROBES - 1;

    /** Folder holding sorted/ (set by RegistryBench). */
    @Param("")
    public String data;

    private NationalDncRegistry registry;
    private long[] sorted;
    private String[] hits;
    private String[] misses;

    @Setup
    public void setUp() {
        registry = new NationalDncRegistry(Clock.systemUTC());
        registry.load(Path.of(data, "sorted"));
        sorted = SyntheticRegistry.STANDARD.sortedNumbers();
        hits = new String[PROBES];
        misses = new String[PROBES];
        probes(sorted, hits, misses);
        for (int i = 0; i < PROBES; i += 101) {
            if (!registry.contains(hits[i]) || registry.contains(misses[i])) {
                throw new IllegalStateException("the registry answers wrongly for probe " + i);
            }
        }
    }

    /**
     * Fills {@code hits} with random registered numbers and {@code misses} with random unregistered
     * numbers of the same area codes, as E.164 strings, always the same for the same registry.
     */
    static void probes(long[] sorted, String[] hits, String[] misses) {
        int[] codes = SyntheticRegistry.STANDARD.areaCodeList();
        SplittableRandom random = new SplittableRandom(SyntheticRegistry.SEED + 1);
        for (int i = 0; i < hits.length; i++) {
            hits[i] = "+1" + sorted[random.nextInt(sorted.length)];
            long miss;
            do {
                miss = codes[random.nextInt(codes.length)] * 10_000_000L + 2_000_000 + random.nextInt(8_000_000);
            } while (Arrays.binarySearch(sorted, miss) >= 0);
            misses[i] = "+1" + miss;
        }
    }

    /** The baseline lookup: parse the digits, binary-search the sorted array. */
    static boolean baseline(long[] sorted, String e164) {
        return Arrays.binarySearch(sorted, Long.parseLong(e164, 2, e164.length(), 10)) >= 0;
    }

    /** Each thread walks the probes from its own random start. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup
        public void setUp() {
            next = ThreadLocalRandom.current().nextInt(PROBES);
        }
    }

    @Benchmark
    public boolean registryHit(Cursor cursor) {
        return registry.contains(hits[cursor.next++ & MASK]);
    }

    @Benchmark
    public boolean registryMiss(Cursor cursor) {
        return registry.contains(misses[cursor.next++ & MASK]);
    }

    @Benchmark
    public boolean baselineHit(Cursor cursor) {
        return baseline(hits[cursor.next++ & MASK]);
    }

    @Benchmark
    public boolean baselineMiss(Cursor cursor) {
        return baseline(misses[cursor.next++ & MASK]);
    }

    private boolean baseline(String e164) {
        return baseline(sorted, e164);
    }
}
