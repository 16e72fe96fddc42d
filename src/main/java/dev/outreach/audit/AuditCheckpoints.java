package dev.outreach.audit;

import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import dev.outreach.schedule.RecurringTask;

import java.time.Duration;
import java.util.Optional;

/**
 * Writes signed checkpoints of the chain's head to the {@link CheckpointFile}: after every
 * {@code everyEntries} entries this gateway appends, every {@code interval} when the head moved
 * (entries appended by other instances count too), and once more on clean shutdown.
 */
public final class AuditCheckpoints implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final AuditEntries entries;
    private final CheckpointFile file;
    private final Clock clock;
    private final long everyEntries;
    private long lastSeq; // guarded by this
    private final RecurringTask schedule;

    /**
     * @param everyEntries a checkpoint after this many appended entries (at least 1)
     * @param interval a checkpoint this often when the head moved (positive)
     */
    public AuditCheckpoints(AuditEntries entries, CheckpointFile file, Clock clock, long everyEntries,
                            Duration interval) {
        if (everyEntries < 1) {
            throw new IllegalArgumentException("audit.checkpoint-every-entries must be at least 1, was " + everyEntries);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("audit.checkpoint-interval must be positive, was " + interval);
        }
        this.entries = entries;
        this.file = file;
        this.clock = clock;
        this.everyEntries = everyEntries;
        this.schedule = new RecurringTask("audit-checkpoints", interval, interval, this::checkpointNow);
        this.lastSeq = file.read().stream()
                .filter(l -> l.valid() && CheckpointFile.CHECKPOINT.equals(l.type()))
                .mapToLong(CheckpointFile.Line::seq).max().orElse(0);
    }

    public CheckpointFile file() {
        return file;
    }

    /** Called with every entry this gateway appends; checkpoints it when enough entries have passed. */
    public void appended(AuditEntry entry) {
        synchronized (this) {
            if (entry.seq() - lastSeq < everyEntries) {
                return;
            }
            write(entry);
        }
    }

    /** Checkpoints the current head unless it is already checkpointed; returns what was written. */
    public synchronized Optional<Checkpoint> checkpointNow() {
        Optional<AuditEntry> head = entries.head();
        if (head.isEmpty() || head.get().seq() <= lastSeq) {
            return Optional.empty();
        }
        return Optional.of(write(head.get()));
    }

    private Checkpoint write(AuditEntry entry) {
        Checkpoint checkpoint = new Checkpoint(entry.seq(), entry.hash(), clock.instant());
        file.append(checkpoint);
        lastSeq = Math.max(lastSeq, entry.seq());
        return checkpoint;
    }

    /** Starts the timer (one daemon thread). */
    public void start() {
        schedule.start();
    }


    /** Stops the timer and checkpoints the head, so a clean shutdown leaves the head sealed. */
    @Override
    public void close() {
        schedule.close();
        try {
            checkpointNow();
        } catch (RuntimeException e) {
            LOG.error("writing the shutdown audit checkpoint failed", e);
        }
    }
}
