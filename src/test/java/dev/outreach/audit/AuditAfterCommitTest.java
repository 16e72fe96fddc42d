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

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Listeners of the audit trail (the checkpoint writer) hear of an entry only once the unit of work
 * that appended it has committed; an entry of a unit that rolled back is never reported, so no
 * checkpoint can seal an entry that does not exist.
 */
class AuditAfterCommitTest {

    @TempDir
    Path dir;

    private Store store;
    private AuditTrail trail;
    private final List<Long> heard = new ArrayList<>();

    @BeforeEach
    void open() {
        store = JdbcStore.open("jdbc:sqlite:" + dir.resolve("audit.db"), null, null);
        trail = new AuditTrail(store.audit(), store.transactions(), new ObjectMapper(),
                new MutableClock(Instant.parse("2026-12-04T10:00:00Z")), new SimpleMeterRegistry());
        trail.afterAppend(e -> heard.add(e.seq()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anEntryOfAUnitThatRollsBackIsNeverReportedAndItsSeqIsReused() {
        assertThatThrownBy(() -> store.transactions().atomically("undone", () -> {
            trail.recordChange(AuditKind.KEY_CREATED, "system", null, null, null, Map.of("n", 1));
            assertThat(heard).as("not before the commit").isEmpty();
            throw new IllegalStateException("the rest of the decision failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(heard).isEmpty();
        assertThat(store.audit().head()).isEmpty();

        AuditEntry kept = store.transactions().atomically("kept",
                () -> trail.recordChange(AuditKind.KEY_CREATED, "system", null, null, null, Map.of("n", 2)));

        assertThat(kept.seq()).isEqualTo(1);
        assertThat(heard).containsExactly(1L);
    }
}
