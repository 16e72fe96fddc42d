package dev.outreach.bench;

import dev.outreach.suppression.NationalDncBenchAccess;
import dev.outreach.suppression.NationalDncRegistry;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.roaringbitmap.RoaringBitmap;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run.sh registry}: the national DNC registry figures in one run.
 *
 * <ol>
 *   <li>Writes the synthetic registry (25 million numbers, 50 area codes, seed 20261127) to files,
 *       once; later runs reuse them.</li>
 *   <li>Memory: bytes per number of the loaded registry, from the structure's own accounting and
 *       from the heap measured after GC, against a sorted {@code long[]} of the same numbers and a
 *       RoaringBitmap per area code; and the same at real scale (260 million numbers, 330 area
 *       codes, about 10% dense), built in memory.</li>
 *   <li>Load and lookup rates per second of CPU time of one thread, measured in this JVM: they
 *       stay comparable when other processes compete for the cores, which wall time does not.</li>
 *   <li>JMH: load time of the files ({@link RegistryLoadBenchmark}) and lookups per second
 *       ({@link RegistryLookupBenchmark}) on 1 thread and on every core, each in a forked JVM with
 *       -Xmx4g.</li>
 *   <li>A summary with every figure as a ratio to its baseline.</li>
 * </ol>
 *
 * <p>Arguments: {@code [registry] [--quick] [--data DIR]}. {@code --quick} shortens every JMH
 * phase to check the pipeline (its figures are not meant to be quoted).
 */
public final class RegistryBench {

    private static final double MIB = 1024.0 * 1024.0;

    private RegistryBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path data = Path.of(System.getProperty("java.io.tmpdir"), "outreach-bench-registry");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "registry" -> { }
                case "--quick" -> quick = true;
                case "--data" -> data = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: registry [--quick] [--data DIR]");
            }
        }
        SyntheticRegistry standard = SyntheticRegistry.STANDARD;
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> summary = new ArrayList<>();
        summary.add("Run at " + Instant.now() + " on " + cores + " cores (Runtime.availableProcessors), Java "
                + System.getProperty("java.runtime.version") + ", " + System.getProperty("os.arch")
                + ", load average at start " + loadAverage());
        summary.add(String.format(Locale.ROOT, "Synthetic registry: %,d numbers = %d area codes x %,d "
                + "(%.2f%% of each area code's 8,000,000 numbers), seed %d, files in %s",
                standard.numbers(), standard.areaCodes, standard.perAreaCode,
                100.0 * standard.perAreaCode / SyntheticRegistry.SUBSCRIBERS, SyntheticRegistry.SEED, data));

        long start = System.nanoTime();
        standard.ensureFiles(data);
        System.out.printf(Locale.ROOT, "# data ready in %.1f s%n", (System.nanoTime() - start) / 1e9);

        List<String> loadCpu = new ArrayList<>();
        List<String> lookupCpu = new ArrayList<>();
        memory(standard, data, summary, loadCpu, lookupCpu);
        fullScale(summary);

        Map<String, Result<?>> results = new LinkedHashMap<>();
        run(loadOptions(data, quick), results, "");
        run(lookupOptions(data, quick, 1), results, "@1");
        if (cores > 1) {
            run(lookupOptions(data, quick, cores), results, "@" + cores);
        }
        speed(standard, cores, results, summary, loadCpu, lookupCpu);
        summary.add("Load average at end " + loadAverage() + (quick ? "  (--quick: shortened runs, do not quote)" : ""));

        System.out.println();
        System.out.println("==================== national DNC registry: summary ====================");
        summary.forEach(System.out::println);
    }

    private static void memory(SyntheticRegistry standard, Path data, List<String> summary, List<String> loadCpu,
                               List<String> lookupCpu) {
        // CPU time of the loading thread: unlike wall time, it does not grow when other processes
        // compete for the cores (the figure to compare across busy machines)
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        loadCpu.add("  CPU time of the loading thread instead of wall time (best of 3 after a warm-up, one JVM):");
        for (String order : new String[]{"sorted", "shuffled"}) {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 4; i++) {
                long cpu = threads.getCurrentThreadCpuTime();
                new NationalDncRegistry(Clock.systemUTC()).load(data.resolve(order));
                double seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
                if (i > 0) {
                    best = Math.min(best, seconds);
                }
            }
            loadCpu.add(String.format(Locale.ROOT, "  %-9s NationalDncRegistry.load  %9.0f ms CPU           %,12.0f",
                    order, best * 1000, standard.numbers() / best));
        }

        long before = usedAfterGc();
        NationalDncRegistry registry = new NationalDncRegistry(Clock.systemUTC());
        registry.load(data.resolve("sorted"));
        long measured = usedAfterGc() - before;
        long own = NationalDncBenchAccess.indexBytes(registry);
        long n = registry.status().numbers();
        if (n != standard.numbers()) {
            throw new IllegalStateException("loaded " + registry.status().detail());
        }

        before = usedAfterGc();
        long[] sorted = standard.sortedNumbers();
        long baselineMeasured = usedAfterGc() - before;
        long baselineBytes = 16 + 8L * sorted.length;

        cpuLookups(registry, sorted, lookupCpu);
        registry = null;
        sorted = null;

        long roaring = 0;
        for (int i = 0; i < standard.areaCodes; i++) {
            roaring += roaringBytes(standard.subscribers(i));
        }

        summary.add("");
        summary.add("Memory (25 M numbers)                          bytes      bytes/number   vs sorted long[]");
        summary.add(row("NationalDncRegistry, own size accounting", own, n, baselineBytes));
        summary.add(row("NationalDncRegistry, heap used after GC", measured, n, baselineBytes));
        summary.add(row("baseline: sorted long[] (16 + 8 n)", baselineBytes, n, baselineBytes));
        summary.add(row("baseline: sorted long[], heap used after GC", baselineMeasured, n, baselineBytes));
        summary.add(row("RoaringBitmap 1.3.0 per area code, runOptimize", roaring, n, baselineBytes));
    }

    /**
     * Lookups per second of CPU time of the probing thread, one thread, same probes as the JMH
     * benchmark: the figure that stays comparable when other processes compete for the cores.
     */
    private static void cpuLookups(NationalDncRegistry registry, long[] sorted, List<String> lines) {
        String[] hits = new String[RegistryLookupBenchmark.PROBES];
        String[] misses = new String[RegistryLookupBenchmark.PROBES];
        RegistryLookupBenchmark.probes(sorted, hits, misses);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        lines.add("  CPU time of the probing thread instead of wall time (1 thread, best of 5 passes of 2^22 lookups):");
        for (String kind : new String[]{"hit", "miss"}) {
            String[] probes = kind.equals("hit") ? hits : misses;
            double registryRate = 0;
            double baselineRate = 0;
            for (int pass = 0; pass < 6; pass++) { // the first pass warms up
                long cpu = threads.getCurrentThreadCpuTime();
                int found = registryPass(registry, probes);
                double registrySeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
                cpu = threads.getCurrentThreadCpuTime();
                int baselineFound = baselinePass(sorted, probes);
                double baselineSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
                if (found != baselineFound || found != (kind.equals("hit") ? 4 * probes.length : 0)) {
                    throw new IllegalStateException("lookups disagree: " + found + " vs " + baselineFound);
                }
                if (pass > 0) {
                    registryRate = Math.max(registryRate, 4 * probes.length / registrySeconds);
                    baselineRate = Math.max(baselineRate, 4 * probes.length / baselineSeconds);
                }
            }
            lines.add(String.format(Locale.ROOT,
                    "  %-5s  1 thread   NationalDncRegistry %,13.0f                 baseline binarySearch %,13.0f   %6.2fx",
                    kind, registryRate, baselineRate, registryRate / baselineRate));
        }
    }

    private static int registryPass(NationalDncRegistry registry, String[] probes) {
        int found = 0;
        for (int round = 0; round < 4; round++) {
            for (String probe : probes) {
                if (registry.contains(probe)) {
                    found++;
                }
            }
        }
        return found;
    }

    private static int baselinePass(long[] sorted, String[] probes) {
        int found = 0;
        for (int round = 0; round < 4; round++) {
            for (String probe : probes) {
                if (RegistryLookupBenchmark.baseline(sorted, probe)) {
                    found++;
                }
            }
        }
        return found;
    }

    /** The real registry's size and density, built in memory (no files): does it fit well under 1 GB? */
    private static void fullScale(List<String> summary) {
        SyntheticRegistry full = SyntheticRegistry.FULL_SCALE;
        long before = usedAfterGc();
        long start = System.nanoTime();
        List<Object> sets = new ArrayList<>();
        long own = 0;
        long roaring = 0;
        for (int i = 0; i < full.areaCodes; i++) {
            int[] subscribers = full.subscribers(i);
            Object set = NationalDncBenchAccess.compress(subscribers, subscribers.length);
            if (!NationalDncBenchAccess.contains(set, subscribers[subscribers.length / 2])) {
                throw new IllegalStateException("compressed set lost a number");
            }
            sets.add(set);
            own += NationalDncBenchAccess.bytes(set);
            roaring += roaringBytes(subscribers);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long measured = usedAfterGc() - before;
        long n = full.numbers();
        long longArray = 16 + 8L * n;
        summary.add("");
        summary.add(String.format(Locale.ROOT, "Memory at real scale: %,d numbers = %d area codes x %,d (%.1f%% dense), "
                + "built in memory in %.1f s (sampling included)", n, full.areaCodes, full.perAreaCode,
                100.0 * full.perAreaCode / SyntheticRegistry.SUBSCRIBERS, seconds));
        summary.add(row("per-area-code blocks, own size accounting", own, n, longArray));
        summary.add(row("per-area-code blocks, heap used after GC", measured, n, longArray));
        summary.add(row("sorted long[] (computed, not allocated)", longArray, n, longArray));
        summary.add(row("RoaringBitmap 1.3.0 per area code, runOptimize", roaring, n, longArray));
        if (sets.size() != full.areaCodes) {
            throw new IllegalStateException();
        }
    }

    private static long roaringBytes(int[] sortedValues) {
        RoaringBitmap bitmap = RoaringBitmap.bitmapOf(sortedValues);
        bitmap.runOptimize();
        return bitmap.getLongSizeInBytes();
    }

    private static String row(String what, long bytes, long numbers, long baselineBytes) {
        return String.format(Locale.ROOT, "  %-46s %,13d  %8.3f   %6.3fx", what, bytes, (double) bytes / numbers,
                (double) bytes / baselineBytes);
    }

    private static Options loadOptions(Path data, boolean quick) {
        return new OptionsBuilder()
                .include(RegistryLoadBenchmark.class.getName() + "\\.")
                .param("data", data.toString())
                .forks(1)
                .warmupIterations(quick ? 0 : 1)
                .measurementIterations(quick ? 1 : 4)
                .jvmArgs("-Xmx4g", "-Xms4g", "-Dlogback.configurationFile=logback-bench.xml")
                .build();
    }

    private static Options lookupOptions(Path data, boolean quick, int threads) {
        return new OptionsBuilder()
                .include(RegistryLookupBenchmark.class.getName() + "\\.")
                .param("data", data.toString())
                .forks(1)
                .threads(threads)
                .warmupIterations(quick ? 1 : 2)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 1 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .jvmArgs("-Xmx4g", "-Xms4g", "-Dlogback.configurationFile=logback-bench.xml")
                .build();
    }

    private static void run(Options options, Map<String, Result<?>> results, String suffix) throws RunnerException {
        Collection<RunResult> runs = new Runner(options).run();
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            String order = run.getParams().getParam("order");
            results.put(name + (order == null ? "" : "[" + order + "]") + suffix, run.getPrimaryResult());
        }
    }

    private static void speed(SyntheticRegistry standard, int cores, Map<String, Result<?>> results, List<String> summary,
                              List<String> loadCpu, List<String> lookupCpu) {
        summary.add("");
        summary.add("Load of the 25 M files (JMH single shot, ms/op; files in the page cache)      numbers/s     vs baseline");
        for (String order : new String[]{"sorted", "shuffled"}) {
            Result<?> registry = results.get("registryLoad[" + order + "]");
            Result<?> baseline = results.get("baselineLoad[" + order + "]");
            if (registry == null || baseline == null) {
                continue;
            }
            double rate = standard.numbers() / (registry.getScore() / 1000);
            double baseRate = standard.numbers() / (baseline.getScore() / 1000);
            summary.add(String.format(Locale.ROOT, "  %-9s NationalDncRegistry.load  %9.0f ± %6.0f ms   %,12.0f   %6.2fx",
                    order, registry.getScore(), registry.getScoreError(), rate, rate / baseRate));
            summary.add(String.format(Locale.ROOT, "  %-9s baseline long[] loader    %9.0f ± %6.0f ms   %,12.0f   %6.2fx",
                    order, baseline.getScore(), baseline.getScoreError(), baseRate, 1.0));
        }
        summary.addAll(loadCpu);
        summary.add("");
        summary.add("Lookups, contains(\"+1...\") incl. parsing (JMH throughput, ops/s, all threads together)   vs baseline");
        List<String> threadCounts = new ArrayList<>(List.of("@1"));
        if (cores > 1) {
            threadCounts.add("@" + cores);
        }
        for (String threads : threadCounts) {
            for (String kind : new String[]{"Hit", "Miss"}) {
                Result<?> registry = results.get("registry" + kind + threads);
                Result<?> baseline = results.get("baseline" + kind + threads);
                if (registry == null || baseline == null) {
                    continue;
                }
                summary.add(String.format(Locale.ROOT,
                        "  %-5s %2s thread(s)  NationalDncRegistry %,13.0f ± %,11.0f   baseline binarySearch %,13.0f   %6.2fx",
                        kind.toLowerCase(Locale.ROOT), threads.substring(1), registry.getScore(),
                        registry.getScoreError(), baseline.getScore(), registry.getScore() / baseline.getScore()));
            }
        }
        summary.addAll(lookupCpu);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
