package dev.outreach.suppression;

/**
 * The benchmarks' window on package-private parts of the registry: its own size accounting and
 * the per-area-code compressed set. Lives in the benchmark module only (same package name, so it
 * can see them); the gateway's public API stays as it is.
 */
public final class NationalDncBenchAccess {

    private NationalDncBenchAccess() {
    }

    /** Heap taken by the index in force, from the structure's own accounting. */
    public static long indexBytes(NationalDncRegistry registry) {
        return registry.indexBytes();
    }

    /**
     * Compresses one area code's subscriber numbers exactly as a registry load does.
     *
     * @param sorted ascending, distinct values in [0, 8_000_000): {@code (exchange - 200) * 10_000 + line}
     * @return the set, opaque outside this package
     */
    public static Object compress(int[] sorted, int count) {
        AreaCodeNumbers.Writer writer = new AreaCodeNumbers.Writer();
        for (int i = 0; i < count; i++) {
            writer.add(sorted[i]);
        }
        return writer.finish();
    }

    /** Heap taken by a set from {@link #compress}. */
    public static long bytes(Object set) {
        return ((AreaCodeNumbers) set).bytes();
    }

    public static boolean contains(Object set, int subscriber) {
        return ((AreaCodeNumbers) set).contains(subscriber);
    }
}
