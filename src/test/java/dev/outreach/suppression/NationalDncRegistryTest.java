package dev.outreach.suppression;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NationalDncRegistryTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    NationalDncRegistry registry = new NationalDncRegistry(CLOCK);
    List<NationalDncLoad> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() {
        registry.onLoad(events::add);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    Path write(String name, String... lines) {
        return writeBytes(name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    Path writeBytes(String name, byte[] bytes) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves every file's modification time into the past, so a poll trusts it unchanged. */
    void age() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
            }
        }
    }

    @Nested
    class Formats {

        @Test
        void tenDigitsAndAreaCodeCommaNumberLinesBothLoad() {
            write("as-of.txt", "2026-11-20");
            write("full-202.txt", "# FTC download, area code 202", "2025550123", "", "  2025550124  ",
                    "202,5550125", "202 , 5550126", "\t202,5550127\t");
            write("303.txt", "303,5550199");

            registry.load(dir);

            assertThat(registry.contains("+12025550123")).isTrue();
            assertThat(registry.contains("+12025550124")).isTrue();
            assertThat(registry.contains("+12025550125")).isTrue();
            assertThat(registry.contains("+12025550126")).isTrue();
            assertThat(registry.contains("+12025550127")).isTrue();
            assertThat(registry.contains("+13035550199")).isTrue();
            assertThat(registry.contains("+12025550128")).isFalse();
            assertThat(registry.contains("+13035550123")).isFalse();
            assertThat(registry.asOf()).isEqualTo(LocalDate.of(2026, 11, 20));
            NationalDncLoad status = registry.status();
            assertThat(status.status()).isEqualTo(NationalDncLoad.LOADED);
            assertThat(status.numbers()).isEqualTo(6);
            assertThat(status.rejectedLines()).isZero();
            assertThat(status.files()).containsExactly("as-of.txt", "303.txt", "full-202.txt");
            assertThat(status.asOf()).isEqualTo(LocalDate.of(2026, 11, 20));
            assertThat(status.loadedAt()).isEqualTo(CLOCK.instant());
            assertThat(events).containsExactly(status);
        }

        @Test
        void crlfLineEndsAByteOrderMarkAndALastLineWithoutNewlineAreRead() {
            write("as-of.txt", "2026-11-20");
            writeBytes("full.txt", "\uFEFF2025550123\r\n202,5550124\r\n2025550125".getBytes(StandardCharsets.UTF_8));

            registry.load(dir);

            assertThat(registry.status().numbers()).isEqualTo(3);
            assertThat(registry.status().rejectedLines()).isZero();
            assertThat(registry.contains("+12025550125")).isTrue();
        }

        @Test
        void duplicatesCountOnce() {
            write("as-of.txt", "2026-11-20");
            write("a.txt", "2025550123", "2025550123", "202,5550123");
            write("b.txt", "2025550123");

            registry.load(dir);

            assertThat(registry.status().numbers()).isEqualTo(1);
        }

        @Test
        void brokenLinesAreReportedWithTheirLineNumbersAndTheRestStaysInForce() {
            write("as-of.txt", "2026-11-20");
            write("full.txt",
                    "2025550123",      // 1 ok
                    "1025550123",      // 2 area code starts with 1
                    "2021550123",      // 3 exchange starts with 1
                    "202555012",       // 4 nine digits
                    "+12025550123",    // 5 E.164 is not the registry's format
                    "20,25550123",     // 6 two-digit area code
                    "202,555012x",     // 7 letter
                    "A,2025550124",    // 8 a change line in a full file
                    "# comment",       // 9 skipped
                    "",                // 10 skipped
                    "2025550199");     // 11 ok
            write("changes-2026-11-21.txt",
                    "A,2025550130",    // 1 ok
                    "2025550131",      // 2 no operation
                    "X,2025550132",    // 3 unknown operation
                    "D,0005550133");   // 4 bad area code
            writeBytes("long.txt", ("2025550140\n" + "9".repeat(10_000) + "\n2025550141\n")
                    .getBytes(StandardCharsets.UTF_8));

            registry.load(dir);

            NationalDncLoad status = registry.status();
            assertThat(status.status()).isEqualTo(NationalDncLoad.LOADED);
            assertThat(status.numbers()).isEqualTo(5);
            assertThat(status.rejectedLines()).isEqualTo(11);
            assertThat(status.firstRejectedLines()).containsExactly(
                    new RejectedLine(2, "full.txt: area code must start with 2-9"),
                    new RejectedLine(3, "full.txt: exchange (4th digit) must start with 2-9"),
                    new RejectedLine(4, "full.txt: expected 10 digits, or a 3-digit area code, a comma and a 7-digit number"),
                    new RejectedLine(5, "full.txt: unexpected character: expected 10 digits, or area code,number"),
                    new RejectedLine(6, "full.txt: expected 10 digits, or a 3-digit area code, a comma and a 7-digit number"),
                    new RejectedLine(7, "full.txt: unexpected character: expected 10 digits, or area code,number"),
                    new RejectedLine(8, "full.txt: an addition or deletion line in a full file; change files are named "
                            + "changes-YYYY-MM-DD*.txt"),
                    new RejectedLine(2, "long.txt: line is longer than 8192 bytes"),
                    new RejectedLine(2, "changes-2026-11-21.txt: a change line starts with A, (addition) or D, (deletion)"),
                    new RejectedLine(3, "changes-2026-11-21.txt: a change line starts with A, (addition) or D, (deletion)"),
                    new RejectedLine(4, "changes-2026-11-21.txt: area code must start with 2-9"));
            assertThat(registry.contains("+12025550123")).isTrue();
            assertThat(registry.contains("+12025550199")).isTrue();
            assertThat(registry.contains("+12025550130")).isTrue();
            assertThat(registry.contains("+12025550140")).isTrue();
            assertThat(registry.contains("+12025550141")).isTrue();
            assertThat(registry.contains("+12025550124")).isFalse();
        }

        @Test
        void onlyTheFirstHundredRejectedLinesAreKeptButAllAreCounted() {
            write("as-of.txt", "2026-11-20");
            List<String> lines = new ArrayList<>();
            lines.add("2025550123");
            for (int i = 0; i < 250; i++) {
                lines.add("bad");
            }
            write("full.txt", lines.toArray(String[]::new));

            registry.load(dir);

            assertThat(registry.status().rejectedLines()).isEqualTo(250);
            assertThat(registry.status().firstRejectedLines()).hasSize(100);
            assertThat(registry.status().firstRejectedLines().get(99).lineNumber()).isEqualTo(101);
        }

        @Test
        void aFileOfOnlyBrokenLinesDoesNotMakeTheRegistryVanish() throws IOException {
            write("as-of.txt", "2026-11-20");
            write("full.txt", "2025550123");
            registry.load(dir);

            write("full.txt", "garbage", "more garbage");
            registry.load(dir);

            assertThat(registry.status().status()).isEqualTo(NationalDncLoad.UNREADABLE);
            assertThat(registry.status().rejectedLines()).isEqualTo(2);
            assertThat(registry.status().detail()).contains("every one of the 2 lines with content was rejected");
            assertThat(registry.contains("+12025550123")).isTrue();
            assertThat(registry.asOf()).isNull();
        }

        @Test
        void nonNanpAndMalformedNumbersAreNeverOnTheRegistry() {
            write("as-of.txt", "2026-11-20");
            write("full.txt", "2025550123");
            registry.load(dir);

            assertThat(registry.contains("+12025550123")).isTrue();
            assertThat(registry.contains("+442025550123")).isFalse();
            assertThat(registry.contains("2025550123")).isFalse();
            assertThat(registry.contains("+1202555012")).isFalse();
            assertThat(registry.contains("+120255501234")).isFalse();
            assertThat(registry.contains("+1202555012x")).isFalse();
            assertThat(registry.contains("+11025550123")).isFalse();
            assertThat(registry.contains("+12021550123")).isFalse();
            assertThat(registry.contains("")).isFalse();
            assertThat(registry.contains(null)).isFalse();
        }

        @Test
        void theDigestIsTheSha256OfTheSha256sumManifestInLoadOrder() throws Exception {
            write("as-of.txt", "2026-11-20");
            write("full-b.txt", "3035550123");
            write("full-a.txt", "2025550123");
            write("changes-2026-11-22.txt", "D,2025550123");
            write("changes-2026-11-21.txt", "A,4045550123");

            registry.load(dir);

            List<String> order = List.of("as-of.txt", "full-a.txt", "full-b.txt", "changes-2026-11-21.txt",
                    "changes-2026-11-22.txt");
            StringBuilder manifest = new StringBuilder();
            for (String name : order) {
                manifest.append(sha256(Files.readAllBytes(dir.resolve(name)))).append("  ").append(name).append('\n');
            }
            assertThat(registry.status().files()).isEqualTo(order);
            assertThat(registry.status().sha256())
                    .isEqualTo(sha256(manifest.toString().getBytes(StandardCharsets.UTF_8)));
        }

        @Test
        void readmeHiddenFilesAndSubfoldersAreIgnored() {
            write("as-of.txt", "2026-11-20");
            write("full.txt", "2025550123");
            write("README.md", "2025550124");
            write(".full.txt.tmp", "2025550125");
            write("archive/full-2026-10.txt", "2025550126");

            registry.load(dir);

            assertThat(registry.status().status()).isEqualTo(NationalDncLoad.LOADED);
            assertThat(registry.status().files()).containsExactly("as-of.txt", "full.txt");
            assertThat(registry.status().numbers()).isEqualTo(1);
        }
    }

    @Nested
    class Changes {

        @Test
        void changeFilesAddAndDeleteInFileNameOrderAfterTheFullFiles() {
            write("as-of.txt", "2026-11-20");
            write("full.txt", "2025550001", "2025550002", "2025550003");
            // written in the other order: the name decides
            write("changes-2026-11-19.txt", "A,2025550001", "D,202,5550003", "A,2025550005");
            write("changes-2026-11-18.txt", "D,2025550001", "D,2025550002", "a,202,5550004", "A, 3035550001");

            registry.load(dir);

            assertThat(registry.contains("+12025550001")).as("deleted on the 18th, added back on the 19th").isTrue();
            assertThat(registry.contains("+12025550002")).as("deleted on the 18th").isFalse();
            assertThat(registry.contains("+12025550003")).as("deleted on the 19th").isFalse();
            assertThat(registry.contains("+12025550004")).isTrue();
            assertThat(registry.contains("+12025550005")).isTrue();
            assertThat(registry.contains("+13035550001")).isTrue();
            assertThat(registry.status().numbers()).isEqualTo(4);
        }

        @Test
        void withinAChangeFileTheLaterLineWins() {
            write("as-of.txt", "2026-11-20");
            write("full.txt", "2025550001", "2025550002");
            write("changes-2026-11-19.txt", "D,2025550001", "A,2025550001", "A,2025550003", "D,2025550003",
                    "A,2025550002", "D,2025550002", "D,2025550004");

            registry.load(dir);

            assertThat(registry.contains("+12025550001")).isTrue();
            assertThat(registry.contains("+12025550002")).isFalse();
            assertThat(registry.contains("+12025550003")).isFalse();
            assertThat(registry.contains("+12025550004")).isFalse();
            assertThat(registry.status().numbers()).isEqualTo(1);
        }

        @Test
        void tinyBuffersGiveTheSameRegistryAsOneBatch() {
            SplittableRandom random = new SplittableRandom(7);
            write("as-of.txt", "2026-11-20");
            List<String> full = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                full.add(randomNumber(random, 3));
            }
            List<String> changes = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                changes.add((random.nextBoolean() ? "A," : "D,") + randomNumber(random, 3));
            }
            write("full.txt", full.toArray(String[]::new));
            write("changes-2026-11-19.txt", changes.subList(0, 2_500).toArray(String[]::new));
            write("changes-2026-11-20.txt", changes.subList(2_500, 5_000).toArray(String[]::new));

            registry.load(dir);
            NationalDncRegistry tiny = new NationalDncRegistry(CLOCK, 7, 5);
            tiny.load(dir);

            assertThat(tiny.status().numbers()).isEqualTo(registry.status().numbers());
            assertThat(tiny.status().sha256()).isEqualTo(registry.status().sha256());
            for (int area = 200; area < 203; area++) {
                for (int exchange = 200; exchange < 203; exchange++) {
                    for (int line = 0; line < 10_000; line++) {
                        String e164 = "+1" + area + exchange + (10_000 + line + "").substring(1);
                        if (tiny.contains(e164) != registry.contains(e164)) {
                            throw new AssertionError("the batched build differs for " + e164);
                        }
                    }
                }
            }
            assertThat(registry.status().numbers()).isBetween(1_000L, 9_000L);
        }

        /** Numbers in area codes 200–202, exchanges 200–202: dense enough to collide often. */
        private String randomNumber(SplittableRandom random, int spread) {
            return String.format("%03d%03d%04d", 200 + random.nextInt(spread), 200 + random.nextInt(spread),
                    random.nextInt(10_000));
        }
    }

    @Nested
    class AsOf {

        @Test
        void noFolderMeansAnEmptyRegistryWithNoDate() {
            registry.load(dir.resolve("national-dnc"));

            assertThat(registry.asOf()).isNull();
            assertThat(registry.status().status()).isEqualTo(NationalDncLoad.EMPTY);
            assertThat(registry.status().numbers()).isZero();
            assertThat(registry.contains("+12025550123")).isFalse();
            assertThat(events).hasSize(1);
        }

        @Test
        void anAsOfFileWithoutNumberFilesIsEmptyWithNoDate() {
            write("as-of.txt", "2026-11-20");

            registry.load(dir);

            assertThat(registry.asOf()).isNull();
            assertThat(registry.status().status()).isEqualTo(NationalDncLoad.EMPTY);
            assertThat(registry.status().detail()).contains("only as-of.txt");
        }

        @Test
        void aMissingAsOfFileMeansNoDateAndIsReported() {
            write("full.txt", "2025550123");

            registry.load(dir);

            assertThat(registry.asOf()).isNull();
            assertThat(registry.status().asOf()).isNull();
            assertThat(registry.status().status()).isEqualTo(NationalDncLoad.UNREADABLE);
            assertThat(registry.status().detail()).startsWith("as-of.txt is missing");
        }

        @Test
        void anAsOfWithCommentsAndSpacesIsRead() {
            write("as-of.txt", "# date of the FTC download", "  2026-11-20  ", "");
            write("full.txt", "2025550123");

            registry.load(dir);

            assertThat(registry.asOf()).isEqualTo(LocalDate.of(2026, 11, 20));
        }

        @Test
        void anUnparseableAsOfMeansNoDateAndIsReported() {
            write("full.txt", "2025550123");
            for (String bad : List.of("2026-13-01", "20.11.2026", "2026-11-20\n2026-11-21", "", "2026-11-20T00:00")) {
                write("as-of.txt", bad);

                registry.load(dir);

                assertThat(registry.asOf()).as(bad).isNull();
                assertThat(registry.status().status()).as(bad).isEqualTo(NationalDncLoad.UNREADABLE);
                assertThat(registry.status().detail()).as(bad).startsWith("as-of.txt: ");
            }
        }

        @Test
        void anAsOfInTheFutureIsRejected() {
            write("full.txt", "2025550123");
            write("as-of.txt", "2062-11-20");

            registry.load(dir);

            assertThat(registry.asOf()).isNull();
            assertThat(registry.status().detail()).contains("2062-11-20 is in the future");
        }

        @Test
        void aStrayFileOrAnUndatedChangeFileMakesTheDownloadUnreadable() {
            write("as-of.txt", "2026-11-20");
            write("full.txt", "2025550123");
            write("full-303.zip", "PK");
            write("changes-latest.txt", "D,2025550123");

            registry.load(dir);

            assertThat(registry.asOf()).isNull();
            assertThat(registry.status().status()).isEqualTo(NationalDncLoad.UNREADABLE);
            assertThat(registry.status().detail())
                    .contains("changes-latest.txt is named like a change file")
                    .contains("full-303.zip is not a registry file");
        }

        @Test
        void twoAsOfFilesMakeTheDownloadUnreadable() {
            write("full.txt", "2025550123");
            write("as-of.txt", "2026-11-20");
            write("AS-OF.txt", "2026-11-01");

            registry.load(dir);

            assertThat(registry.asOf()).isNull();
            assertThat(registry.status().detail()).startsWith("two as-of files");
        }

        @Test
        void aBinaryFileMakesTheDownloadUnreadableAndKeepsTheNumbersInForce() {
            write("as-of.txt", "2026-11-20");
            write("full.txt", "2025550123");
            registry.load(dir);
            String loadedSha = registry.status().sha256();

            writeBytes("full.txt", "2025550124\n".getBytes(StandardCharsets.UTF_16LE));
            registry.load(dir);

            NationalDncLoad status = registry.status();
            assertThat(status.status()).isEqualTo(NationalDncLoad.UNREADABLE);
            assertThat(status.detail()).startsWith("full.txt: contains NUL bytes").contains(loadedSha);
            assertThat(status.asOf()).isNull();
            assertThat(status.numbers()).isEqualTo(1);
            assertThat(registry.asOf()).isNull();
            assertThat(registry.contains("+12025550123")).isTrue();
            assertThat(registry.contains("+12025550124")).isFalse();
        }
    }

    @Nested
    class Reload {

        @Test
        void reloadIfChangedBeforeLoadIsAnError() {
            assertThatThrownBy(registry::reloadIfChanged).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void anUnchangedFolderIsNotReadAgainNorReported() throws IOException {
            write("as-of.txt", "2026-11-20");
            write("full.txt", "2025550123");
            age();
            registry.load(dir);
            NationalDncLoad first = registry.status();

            registry.reloadIfChanged();
            registry.reloadIfChanged();

            assertThat(registry.status()).isSameAs(first);
            assertThat(events).hasSize(1);
        }

        @Test
        void aReloadSwapsInTheNewVersionAtomically() throws Exception {
            // 300,000 numbers in both versions, so that building the new index takes a while
            List<String> common = new ArrayList<>();
            for (int i = 0; i < 300_000; i++) {
                common.add(String.format("%03d%07d", 300 + i % 100, 2_000_000 + i * 7));
            }
            write("as-of.txt", "2026-11-01");
            write("full-common.txt", common.toArray(String[]::new));
            write("full-old.txt", "2025550001");
            age();
            registry.load(dir);
            assertThat(registry.contains("+12025550001")).isTrue();

            AtomicBoolean done = new AtomicBoolean();
            AtomicLong lookups = new AtomicLong();
            AtomicReference<String> broken = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    LocalDate asOf = registry.asOf();
                    if (asOf == null) {
                        broken.compareAndSet(null, "asOf was null between two loaded versions");
                    }
                    for (int i = 0; i < 300_000; i += 997) {
                        if (!registry.contains("+1" + common.get(i))) {
                            broken.compareAndSet(null, "a number in both versions was missing");
                        }
                    }
                    // old first: if it is gone, the new version is in force before the second lookup
                    boolean oldOne = registry.contains("+12025550001");
                    boolean newOne = registry.contains("+12025550002");
                    if (!oldOne && !newOne) {
                        broken.compareAndSet(null, "neither version's own number was there");
                    }
                    lookups.incrementAndGet();
                }
            });
            reader.start();
            while (lookups.get() == 0) {
                Thread.onSpinWait();
            }
            write("as-of.txt", "2026-11-20");
            Files.delete(dir.resolve("full-old.txt"));
            write("full-new.txt", "2025550002");
            registry.reloadIfChanged();
            done.set(true);
            reader.join();

            assertThat(broken.get()).isNull();
            assertThat(lookups.get()).isPositive();
            assertThat(registry.contains("+12025550001")).isFalse();
            assertThat(registry.contains("+12025550002")).isTrue();
            assertThat(registry.asOf()).isEqualTo(LocalDate.of(2026, 11, 20));
            assertThat(events).hasSize(2);
            assertThat(events.get(1).files()).containsExactly("as-of.txt", "full-common.txt", "full-new.txt");
        }

        @Test
        void theIndexInForceIsNeverAHalfBuiltOne() throws Exception {
            write("as-of.txt", "2026-11-20");
            write("full.txt", "2025550123");
            registry.load(dir);
            NationalDncState before = stateOf(registry);

            // a download whose second file is broken: the first file's numbers must not appear
            write("a-full.txt", "3035550123");
            write("b-full.txt", "3035550124");
            writeBytes("c-full.txt", new byte[]{'1', 0, '2'});
            registry.reloadIfChanged();

            assertThat(registry.contains("+13035550123")).isFalse();
            assertThat(registry.contains("+12025550123")).isTrue();
            assertThat(stateOf(registry).index()).isSameAs(before.index());
            assertThat(registry.status().status()).isEqualTo(NationalDncLoad.UNREADABLE);

            Files.delete(dir.resolve("c-full.txt"));
            registry.reloadIfChanged();

            assertThat(registry.status().status()).isEqualTo(NationalDncLoad.LOADED);
            assertThat(registry.contains("+13035550123")).isTrue();
            assertThat(registry.asOf()).isEqualTo(LocalDate.of(2026, 11, 20));
        }

        @Test
        void aVanishedFolderKeepsTheNumbersButClearsTheDate() throws IOException {
            Path folder = dir.resolve("national-dnc");
            write("national-dnc/as-of.txt", "2026-11-20");
            write("national-dnc/full.txt", "2025550123");
            registry.load(folder);
            Files.delete(folder.resolve("as-of.txt"));
            Files.delete(folder.resolve("full.txt"));
            Files.delete(folder);

            registry.reloadIfChanged();

            assertThat(registry.status().status()).isEqualTo(NationalDncLoad.UNREADABLE);
            assertThat(registry.status().detail()).contains("is missing");
            assertThat(registry.asOf()).isNull();
            assertThat(registry.contains("+12025550123")).isTrue();
        }

        @Test
        void thePollerPicksUpAChange() throws Exception {
            write("as-of.txt", "2026-11-20");
            write("full.txt", "2025550123");
            age();
            registry.load(dir);

            registry.start(Duration.ofMillis(20));
            write("full.txt", "2025550124");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!registry.contains("+12025550124") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            assertThat(registry.contains("+12025550124")).isTrue();
            assertThat(registry.contains("+12025550123")).isFalse();
            assertThatThrownBy(() -> registry.start(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
        }

        private NationalDncState stateOf(NationalDncRegistry r) throws Exception {
            var field = NationalDncRegistry.class.getDeclaredField("state");
            field.setAccessible(true);
            return (NationalDncState) field.get(r);
        }
    }

    @Nested
    class Scale {

        @Test
        void twoMillionNumbersOverSixtyAreaCodesAreFoundInUnderTwoBytesEach() throws IOException {
            SplittableRandom random = new SplittableRandom(20261127);
            int[] areaCodes = random.ints(200, 1000).distinct().limit(60).toArray();
            long[] numbers = new long[2_000_000];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = areaCodes[random.nextInt(areaCodes.length)] * 10_000_000L + 2_000_000
                        + random.nextInt(8_000_000);
            }
            write("as-of.txt", "2026-11-20");
            StringBuilder ten = new StringBuilder(numbers.length * 6);
            StringBuilder pair = new StringBuilder(numbers.length * 7);
            for (int i = 0; i < numbers.length; i++) {
                if (i % 2 == 0) {
                    ten.append(numbers[i]).append('\n');
                } else {
                    pair.append(numbers[i] / 10_000_000).append(',').append(numbers[i] % 10_000_000).append('\n');
                }
            }
            writeBytes("full-ten.txt", ten.toString().getBytes(StandardCharsets.US_ASCII));
            writeBytes("full-pair.txt", pair.toString().getBytes(StandardCharsets.US_ASCII));
            long[] sorted = numbers.clone();
            Arrays.sort(sorted);
            long distinct = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    distinct++;
                }
            }

            NationalDncRegistry small = new NationalDncRegistry(CLOCK, 250_000, 1_000);
            registry.load(dir);
            small.load(dir);

            assertThat(registry.status().status()).isEqualTo(NationalDncLoad.LOADED);
            assertThat(registry.status().numbers()).isEqualTo(distinct);
            assertThat(small.status().numbers()).isEqualTo(distinct);
            for (int i = 0; i < 200_000; i++) {
                long member = numbers[random.nextInt(numbers.length)];
                if (!registry.contains("+1" + member) || !small.contains("+1" + member)) {
                    throw new AssertionError("member " + member + " not found");
                }
                long probe = areaCodes[random.nextInt(areaCodes.length)] * 10_000_000L + 2_000_000
                        + random.nextInt(8_000_000);
                boolean expected = Arrays.binarySearch(sorted, probe) >= 0;
                if (registry.contains("+1" + probe) != expected || small.contains("+1" + probe) != expected) {
                    throw new AssertionError("wrong answer for " + probe + ", expected " + expected);
                }
            }
            double bytesPerNumber = registry.bytesPerNumber();
            assertThat(bytesPerNumber).isLessThanOrEqualTo(2.0);
            assertThat(registry.indexBytes()).isGreaterThan(distinct / 2);
            assertThat(registry.status().detail()).contains(String.format(java.util.Locale.ROOT, "%.2f bytes/number",
                    bytesPerNumber));
        }
    }

    @Nested
    class Structure {

        @Test
        void anAreaCodeSetHoldsEdgesConsecutiveRunsAndFullBlocks() {
            int[][] cases = {
                {0},
                {AreaCodeNumbers.SUBSCRIBERS - 1},
                {0, 1, 2, 3, 4, 5},
                {0, AreaCodeNumbers.SUBSCRIBERS - 1},
                range(0, 128, 1),
                range(5, 5 + 300 * 3, 3),
                range(1_000, 1_000 + 256 * 31_000, 31_000),
            };
            for (int[] values : cases) {
                AreaCodeNumbers.Writer writer = new AreaCodeNumbers.Writer();
                for (int v : values) {
                    writer.add(v);
                }
                AreaCodeNumbers set = writer.finish();
                assertThat(set.size()).isEqualTo(values.length);
                int[] decoded = new int[values.length];
                AreaCodeNumbers.Cursor cursor = set.cursor();
                for (int i = 0; cursor.hasNext(); i++) {
                    decoded[i] = cursor.next();
                }
                assertThat(decoded).isEqualTo(values);
                for (int probe = 0; probe < 400; probe++) {
                    assertThat(set.contains(probe)).isEqualTo(Arrays.binarySearch(values, probe) >= 0);
                }
                for (int v : values) {
                    assertThat(set.contains(v)).isTrue();
                    if (v + 1 < AreaCodeNumbers.SUBSCRIBERS) {
                        assertThat(set.contains(v + 1)).isEqualTo(Arrays.binarySearch(values, v + 1) >= 0);
                    }
                }
            }
        }

        @Test
        void aWriterRefusesValuesOutOfOrderOrRange() {
            AreaCodeNumbers.Writer writer = new AreaCodeNumbers.Writer();
            writer.add(5);
            assertThatThrownBy(() -> writer.add(5)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.add(AreaCodeNumbers.SUBSCRIBERS)).isInstanceOf(IllegalArgumentException.class);
        }

        private int[] range(int from, int to, int step) {
            List<Integer> values = new ArrayList<>();
            for (int v = from; v < to; v += step) {
                values.add(v);
            }
            return values.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
