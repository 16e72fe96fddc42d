package dev.outreach.bench;

import dev.outreach.suppression.NationalDncLoad;
import dev.outreach.suppression.NationalDncRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Time to load the synthetic 25-million-number registry from its files (in the page cache after
 * the first run): the real {@link NationalDncRegistry#load} against a plain loader that reads the
 * same files into a sorted, deduplicated {@code long[]} (BufferedReader, Long.parseLong,
 * Arrays.sort).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RegistryLoadBenchmark {

    /** Line order inside each file: as downloaded per area code (sorted) or random (shuffled). */
    @Param({"sorted", "shuffled"})
    public String order;

    /** Folder holding sorted/ and shuffled/ (set by RegistryBench). */
    @Param("")
    public String data;

    private Path dir;

    @Setup
    public void setUp() {
        dir = Path.of(data, order);
    }

    @Benchmark
    public NationalDncRegistry registryLoad() {
        NationalDncRegistry registry = new NationalDncRegistry(Clock.systemUTC());
        registry.load(dir);
        NationalDncLoad status = registry.status();
        if (!NationalDncLoad.LOADED.equals(status.status()) || status.numbers() != SyntheticRegistry.STANDARD.numbers()) {
            throw new IllegalStateException("unexpected load: " + status.detail());
        }
        return registry;
    }

    @Benchmark
    public long[] baselineLoad() throws IOException {
        long[] numbers = new long[1 << 20];
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "full-*.txt")) {
            for (Path file : files) {
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        if (line.isEmpty() || line.charAt(0) == '#') {
                            continue;
                        }
                        int comma = line.indexOf(',');
                        long number = comma < 0 ? Long.parseLong(line)
                                : Long.parseLong(line, 0, comma, 10) * 10_000_000L
                                + Long.parseLong(line, comma + 1, line.length(), 10);
                        if (n == numbers.length) {
                            numbers = Arrays.copyOf(numbers, n * 2);
                        }
                        numbers[n++] = number;
                    }
                }
            }
        }
        Arrays.sort(numbers, 0, n);
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (kept == 0 || numbers[i] != numbers[kept - 1]) {
                numbers[kept++] = numbers[i];
            }
        }
        if (kept != SyntheticRegistry.STANDARD.numbers()) {
            throw new IllegalStateException("baseline read " + kept + " numbers");
        }
        return Arrays.copyOf(numbers, kept);
    }
}
