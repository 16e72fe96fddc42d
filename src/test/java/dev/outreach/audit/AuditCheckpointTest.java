package dev.outreach.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.Store;
import dev.outreach.store.jdbc.JdbcStore;
import dev.outreach.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signed checkpoints: when they are written, what they prove, and what a damaged file says. */
class AuditCheckpointTest {

    private static final Instant T0 = Instant.parse("2026-11-27T14:05:00Z");
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private Store store;
    private MutableClock clock;
    private AuditTrail trail;
    private CheckpointFile file;

    @BeforeEach
    void open() {
        store = JdbcStore.open("jdbc:sqlite:" + dir.resolve("audit.db"), null, null);
        clock = new MutableClock(T0);
        trail = new AuditTrail(store.audit(), store.transactions(), new ObjectMapper(), clock, new SimpleMeterRegistry());
        file = new CheckpointFile(dir.resolve("checkpoints.jsonl"), KEY);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aCheckpointFollowsEveryNEntriesAndTheChainVerifiesAgainstIt() {
        AuditCheckpoints checkpoints = checkpoints(3, Duration.ofMinutes(10));
        trail.afterAppend(checkpoints::appended);

        List<AuditEntry> entries = change(7);

        assertThat(file.read()).extracting(CheckpointFile.Line::seq).containsExactly(3L, 6L);
        assertThat(file.read().get(1).hash()).isEqualTo(entries.get(5).hash());
        VerifyResult result = AuditVerifier.verify(store.audit(), file);
        assertThat(result.ok()).isTrue();
        assertThat(result.checkpoints()).isEqualTo(2);
        assertThat(result.lastCheckpoint()).isEqualTo(new Checkpoint(6, entries.get(5).hash(), T0.plusSeconds(6)));
    }

    @Test
    void checkpointNowSealsTheHeadOnlyWhenItMoved() {
        AuditCheckpoints checkpoints = checkpoints(1000, Duration.ofMinutes(10));
        assertThat(checkpoints.checkpointNow()).as("an empty log has no head").isEmpty();
        List<AuditEntry> entries = change(2);

        assertThat(checkpoints.checkpointNow()).contains(new Checkpoint(2, entries.get(1).hash(), clock.instant()));
        assertThat(checkpoints.checkpointNow()).isEmpty();
        assertThat(file.read()).hasSize(1);
    }

    @Test
    void closingWritesTheShutdownCheckpoint() {
        AuditCheckpoints checkpoints = checkpoints(1000, Duration.ofMinutes(10));
        checkpoints.start();
        change(4);

        checkpoints.close();

        assertThat(file.read()).extracting(CheckpointFile.Line::seq).containsExactly(4L);
    }

    @Test
    void theTimerCheckpointsAGrowingLog() throws InterruptedException {
        AuditCheckpoints checkpoints = checkpoints(1000, Duration.ofMillis(50));
        change(1);
        checkpoints.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (file.read().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(file.read()).extracting(CheckpointFile.Line::seq).containsExactly(1L);
        } finally {
            checkpoints.close();
        }
    }

    @Test
    void aRestartCountsOnFromTheLastCheckpointInTheFile() {
        AuditCheckpoints first = checkpoints(3, Duration.ofMinutes(10));
        trail.afterAppend(first::appended);
        change(4);
        AuditTrail restarted = new AuditTrail(store.audit(), store.transactions(), new ObjectMapper(), clock, new SimpleMeterRegistry());
        AuditCheckpoints second = checkpoints(3, Duration.ofMinutes(10));
        restarted.afterAppend(second::appended);

        restarted.recordChange(AuditKind.KEY_CREATED, "system", null, null, null, Map.of("n", 5));
        restarted.recordChange(AuditKind.KEY_CREATED, "system", null, null, null, Map.of("n", 6));

        assertThat(file.read()).extracting(CheckpointFile.Line::seq).containsExactly(3L, 6L);
    }

    @Test
    void aSignatureCoversEveryFieldAndTheKey() throws Exception {
        file.append(new Checkpoint(5, "a".repeat(64), T0));
        CheckpointFile otherKey = new CheckpointFile(file.path(),
                "another-key-another-key-another-key".getBytes(StandardCharsets.US_ASCII));

        assertThat(file.read().get(0).valid()).isTrue();
        assertThat(otherKey.read().get(0).problem()).contains("signature that does not match");
        for (String[] edit : new String[][] {{"\"seq\":5", "\"seq\":6"}, {"aaaa", "bbbb"},
                {"14:05:00Z", "14:05:01Z"}, {"\"checkpoint\"", "\"prune\""}}) {
            String original = Files.readString(file.path());
            Files.writeString(file.path(), original.replace(edit[0], edit[1]));
            assertThat(file.read().get(0).valid()).as("edited %s", edit[0]).isFalse();
            Files.writeString(file.path(), original);
        }
    }

    @Test
    void aLineThatIsNotARecordIsNamed() throws Exception {
        List<AuditEntry> entries = change(2);
        file.append(new Checkpoint(2, entries.get(1).hash(), T0));
        Files.writeString(file.path(), "not json at all\n", java.nio.file.StandardOpenOption.APPEND);

        VerifyResult result = AuditVerifier.verify(store.audit(), file);

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBadSeq()).isNull();
        assertThat(result.detail()).isEqualTo("line 2 of the checkpoint file " + file.path() + " is not JSON");
        assertThat(result.lastCheckpoint().seq()).isEqualTo(2);
    }

    @Test
    void anUnreadableFileIsReportedNotIgnored() throws Exception {
        change(1);
        Path directory = dir.resolve("a-directory");
        Files.createDirectories(directory);

        VerifyResult result = AuditVerifier.verify(store.audit(), new CheckpointFile(directory, KEY));

        assertThat(result.ok()).isFalse();
        assertThat(result.detail()).startsWith("the checkpoint file " + directory + " cannot be read");
    }

    @Test
    void withoutAnyCheckpointYetTheChainAloneDecides() {
        change(3);

        VerifyResult result = AuditVerifier.verify(store.audit(), file);

        assertThat(result).isEqualTo(VerifyResult.ok(3));
        assertThat(result.summary()).isEqualTo("OK: 3 entries verify\nlast verified checkpoint: none");
    }

    @Test
    void settingsOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> checkpoints(0, Duration.ofMinutes(1)))
                .hasMessage("audit.checkpoint-every-entries must be at least 1, was 0");
        assertThatThrownBy(() -> checkpoints(10, Duration.ZERO))
                .hasMessage("audit.checkpoint-interval must be positive, was PT0S");
        assertThatThrownBy(() -> new CheckpointFile(file.path(), new byte[16]))
                .hasMessage("checkpoint key must be at least 32 bytes, was 16");
    }

    private AuditCheckpoints checkpoints(long every, Duration interval) {
        return new AuditCheckpoints(store.audit(), file, clock, every, interval);
    }

    /** Appends n changes through the trail, one second apart. */
    private List<AuditEntry> change(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> {
            clock.advance(Duration.ofSeconds(1));
            return trail.recordChange(AuditKind.KEY_CREATED, "system", null, null, null, Map.of("n", i));
        }).toList();
    }
}
