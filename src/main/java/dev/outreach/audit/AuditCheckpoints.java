package dev.outreach.audit;

import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
    private final Duration interval;
    private long lastSeq; // guarded by this
    private ScheduledExecutorService timer; // guarded by this

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
        this.interval = interval;
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
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-checkpoints");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        // anything escaping a scheduled task silently cancels all later runs
        try {
            checkpointNow();
        } catch (RuntimeException e) {
            LOG.error("writing the audit checkpoint failed; retrying at the next interval", e);
        }
    }

    /** Stops the timer and checkpoints the head, so a clean shutdown leaves the head sealed. */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = timer;
            timer = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            checkpointNow();
        } catch (RuntimeException e) {
            LOG.error("writing the shutdown audit checkpoint failed", e);
        }
    }
}
