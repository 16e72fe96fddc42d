package dev.outreach.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A deterministic synthetic registry: {@code areaCodes} distinct area codes (first digit 2–9, no
 * N11 and no reserved N9X codes), each with exactly {@code perAreaCode} distinct subscriber
 * numbers drawn uniformly from its 8,000,000 valid ones (exchanges 200–999). The same seed always
 * gives the same numbers, in memory and in files.
 *
 * <p>Files, in the registry's real format: one {@code full-AAA.txt} per area code; area codes at
 * even positions are written as 10 digits ({@code 2025550123}), the others as
 * {@code 202,5550123}; plus {@code as-of.txt}. "sorted" writes each file in ascending order (as a
 * download per area code arrives); "shuffled" writes the same lines in random order, the harder
 * case for the loader.
 */
final class SyntheticRegistry {

    static final long SEED = 20_261_127L;
    static final int SUBSCRIBERS = 8_000_000;

    /** The registry every benchmark uses: 25 million numbers, 50 area codes of 500,000. */
    static final SyntheticRegistry STANDARD = new SyntheticRegistry(50, 500_000);
    /** Real scale and density: about 260 million numbers over 330 area codes (about 10% each). */
    static final SyntheticRegistry FULL_SCALE = new SyntheticRegistry(330, 788_000);

    final int areaCodes;
    final int perAreaCode;
    private final int[] codes;

    SyntheticRegistry(int areaCodes, int perAreaCode) {
        this.areaCodes = areaCodes;
        this.perAreaCode = perAreaCode;
        int[] candidates = IntStream.range(200, 1000)
                .filter(code -> code % 100 != 11 && (code / 10) % 10 != 9)
                .toArray();
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = candidates.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = candidates[i];
            candidates[i] = candidates[j];
            candidates[j] = t;
        }
        this.codes = Arrays.copyOf(candidates, areaCodes);
        Arrays.sort(this.codes);
    }

    long numbers() {
        return (long) areaCodes * perAreaCode;
    }

    /** The area codes, ascending. */
    int[] areaCodeList() {
        return codes.clone();
    }

    /**
     * The subscriber numbers of the {@code index}-th area code, ascending, as
     * {@code (exchange - 200) * 10_000 + line}.
     */
    int[] subscribers(int index) {
        long[] bits = new long[SUBSCRIBERS / 64 + 1];
        SplittableRandom random = new SplittableRandom(SEED * 31 + codes[index]);
        int chosen = 0;
        while (chosen < perAreaCode) {
            int v = random.nextInt(SUBSCRIBERS);
            long mask = 1L << v;
            if ((bits[v >>> 6] & mask) == 0) {
                bits[v >>> 6] |= mask;
                chosen++;
            }
        }
        int[] values = new int[perAreaCode];
        int n = 0;
        for (int word = 0; word < bits.length; word++) {
            long w = bits[word];
            while (w != 0) {
                values[n++] = word * 64 + Long.numberOfTrailingZeros(w);
                w &= w - 1;
            }
        }
        return values;
    }

    /** Every number as 10 digits, ascending. */
    long[] sortedNumbers() {
        long[] all = new long[Math.toIntExact(numbers())];
        int n = 0;
        for (int i = 0; i < areaCodes; i++) {
            long base = codes[i] * 10_000_000L + 2_000_000L;
            for (int subscriber : subscribers(i)) {
                all[n++] = base + subscriber;
            }
        }
        return all;
    }

    /**
     * Writes {@code sorted/} and {@code shuffled/} under {@code root}, unless a previous run already
     * did (a hidden {@code .complete} marker, ignored by the registry, records that).
     */
    void ensureFiles(Path root) throws IOException {
        for (String order : new String[]{"sorted", "shuffled"}) {
            Path dir = root.resolve(order);
            Path marker = dir.resolve(".complete");
            if (Files.exists(marker)) {
                continue;
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("as-of.txt"),
                    "# synthetic registry, seed " + SEED + "\n" + LocalDate.now(ZoneOffset.UTC) + "\n");
            for (int i = 0; i < areaCodes; i++) {
                int[] values = subscribers(i);
                if (order.equals("shuffled")) {
                    shuffle(values, new SplittableRandom(SEED ^ codes[i]));
                }
                writeFile(dir.resolve("full-" + codes[i] + ".txt"), codes[i], values, i % 2 == 0);
            }
            Files.writeString(marker, areaCodes + " x " + perAreaCode + "\n");
        }
    }

    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    private static void writeFile(Path file, int areaCode, int[] subscribers, boolean tenDigits) throws IOException {
        byte[] buffer = new byte[1 << 20];
        int n = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("# synthetic registry, area code " + areaCode + "\n").getBytes(StandardCharsets.US_ASCII));
            for (int subscriber : subscribers) {
                if (n > buffer.length - 16) {
                    out.write(buffer, 0, n);
                    n = 0;
                }
                n = digits(buffer, n, areaCode, 3);
                if (!tenDigits) {
                    buffer[n++] = ',';
                }
                n = digits(buffer, n, subscriber + 2_000_000, 7);
                buffer[n++] = '\n';
            }
            out.write(buffer, 0, n);
        }
    }

    private static int digits(byte[] buffer, int at, int value, int count) {
        int v = value;
        for (int i = count - 1; i >= 0; i--) {
            buffer[at + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return at + count;
    }
}
