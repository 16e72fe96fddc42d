package dev.outreach.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** What the scrub and lists suites share: timing figures, the machine's state, shell baselines. */
final class BenchSupport {

    private BenchSupport() {
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores (Runtime.availableProcessors), Java "
                + System.getProperty("java.version") + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MiB, load average " + loadAverage();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Runs {@code script} with bash, failing loudly; returns the wall time in seconds. */
    static double shell(String script) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", "set -euo pipefail; " + script).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("baseline failed: " + script);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** "min / median / max" of wall times in seconds. */
    static String spread(List<Double> seconds) {
        double[] s = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format("%.2f / %.2f / %.2f s", s[0], median(s), s[s.length - 1]);
    }

    static double median(List<Double> seconds) {
        return median(seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** CPU time of every thread of this JVM so far, in seconds (GC and JIT included). */
    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    static int intOption(String[] args, String name, int fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? Integer.parseInt(args[i + 1]) : fallback;
    }

    static String option(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }
}
