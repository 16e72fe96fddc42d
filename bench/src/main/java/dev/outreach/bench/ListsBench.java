package dev.outreach.bench;

import dev.outreach.suppression.LoadedList;
import dev.outreach.suppression.SuppressionLists;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code bench/run.sh lists}: a 10 M address suppression list loaded by {@link SuppressionLists}
 * (read, hashed, normalised, fingerprinted on every core, sorted), against {@code LC_ALL=C sort -u}
 * of the same file in the same run. Prints min / median / max of the loads and the retained heap
 * per address.
 */
public final class ListsBench {

    public static void main(String[] args) throws Exception {
        int addresses = BenchSupport.intOption(args, "--addresses", 10_000_000);
        int repeats = BenchSupport.intOption(args, "--repeats", 5);
        Path data = Path.of(BenchSupport.option(args, "--data",
                System.getProperty("java.io.tmpdir") + "/outreach-bench-lists"));
        System.out.println("# lists: " + BenchSupport.machine());
        Path root = data.resolve("lists-" + addresses);
        Path file = root.resolve("email/suppressed.txt");
        writeList(file, addresses);

        List<Double> loads = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        long retained = 0;
        for (int run = 0; run < repeats; run++) {
            baseline.add(BenchSupport.shell("LC_ALL=C sort -u -S 1G '" + file + "' > /dev/null"));
            long before = BenchSupport.usedHeapAfterGc();
            double cpuStart = BenchSupport.processCpuSeconds();
            long start = System.nanoTime();
            SuppressionLists lists = new SuppressionLists();
            lists.load(root);
            double seconds = (System.nanoTime() - start) / 1e9;
            loads.add(seconds);
            cpu.add(BenchSupport.processCpuSeconds() - cpuStart);
            retained = BenchSupport.usedHeapAfterGc() - before;
            LoadedList report = lists.lists().get(0);
            System.out.printf("run %d: load %.2f s wall, %.2f s CPU (%,d entries, %,d rejected), sort -u %.2f s, "
                    + "retained heap %,d B%n", run + 1, seconds, cpu.get(run), report.entries(), report.rejectedLines(),
                    baseline.get(run), retained);
            lists.close();
        }
        System.out.println();
        System.out.printf("SuppressionLists.load of %,d addresses  %s   (%,.0f addresses/s at the median)%n", addresses,
                BenchSupport.spread(loads), addresses / BenchSupport.median(loads));
        System.out.printf("  CPU time of the whole JVM per load   %s (all threads: readers, workers, GC, JIT)%n",
                BenchSupport.spread(cpu).replace(" s", " s CPU"));
        System.out.printf("  wall on %d idle cores would be at least CPU / cores = %.2f s at the median%n",
                Runtime.getRuntime().availableProcessors(), BenchSupport.median(cpu) / Runtime.getRuntime().availableProcessors());
        System.out.printf("baseline LC_ALL=C sort -u          %s%n", BenchSupport.spread(baseline));
        System.out.printf("ratio (baseline median / load median) %.2fx%n",
                BenchSupport.median(baseline) / BenchSupport.median(loads));
        System.out.printf("retained heap after GC: %,d B = %.2f B/address%n", retained, (double) retained / addresses);
        System.out.println("# load average at the end " + BenchSupport.loadAverage());
    }

    /**
     * Addresses like a real list's: mixed case, tags, a few thousand domains, 0.1% broken lines;
     * a {@code .ready} marker so the load does not wait for the file to settle.
     */
    static void writeList(Path file, int addresses) throws IOException {
        Path marker = file.resolveSibling(file.getFileName() + ".ready");
        if (Files.exists(marker)) {
            return;
        }
        Files.createDirectories(file.getParent());
        SplittableRandom random = new SplittableRandom(20261204);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < addresses; i++) {
                out.write(address(i, random));
                out.write('\n');
            }
        }
        Files.writeString(marker, "");
    }

    static String address(int i, SplittableRandom random) {
        if (random.nextInt(1000) == 0) {
            return "broken-" + i + "@";
        }
        String local = (random.nextInt(4) == 0 ? "First.Last" : "user") + i + (random.nextInt(10) == 0 ? "+news" : "");
        return local + "@" + (random.nextInt(5) == 0 ? "Mail." : "") + "domain" + (i % 5000) + ".example";
    }
}
