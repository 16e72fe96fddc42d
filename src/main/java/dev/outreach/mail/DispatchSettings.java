package dev.outreach.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link OutboxDispatcher} takes work from the outbox.
 *
 * @param batchSize messages claimed per round
 * @param lease     how long a claim keeps other workers away; must outlast delivering a whole batch
 *                  in the worst case (batchSize × (connect + read timeout)), or a slow batch is
 *                  picked up twice
 * @param retries   backoff and attempt limit for transient failures
 * @param owner     this instance's id, recorded on every lease it takes so that it can take them
 *                  back after a crash; null leaves leases to run out
 */
public record DispatchSettings(int batchSize, Duration lease, RetrySchedule retries, String owner) {

    public DispatchSettings(int batchSize, Duration lease, RetrySchedule retries) {
        this(batchSize, lease, retries, null);
    }

    public DispatchSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive, was " + lease);
        }
        Objects.requireNonNull(retries, "retries");
    }

    /** 20 per round with a 15-minute lease: covers 20 × (10 s connect + 30 s read) with room to spare. */
    public static DispatchSettings defaults() {
        return new DispatchSettings(20, Duration.ofMinutes(15), RetrySchedule.standard());
    }

    public DispatchSettings withRetries(RetrySchedule retries) {
        return new DispatchSettings(batchSize, lease, retries, owner);
    }

    public DispatchSettings withOwner(String owner) {
        return new DispatchSettings(batchSize, lease, retries, owner);
    }
}
