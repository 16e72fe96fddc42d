package dev.outreach.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link OutboxDispatcher} takes work from the outbox.
 *
 * @param batchSize messages claimed per round
 * @param lease     how long a claim keeps other workers away. A round stops starting deliveries
 *                  once half the lease has passed and puts the rest back, so a slow relay cannot
 *                  make a lease run out under a delivery in progress
 * @param retries   backoff and attempt limit for transient failures
 * @param owner     this instance's id, recorded on every lease it takes so that it can take them
 *                  back after a crash; null leaves leases to run out
 * @param workers   delivery threads, each with its own reused SMTP connection; per recipient domain
 *                  at most {@link DomainPacing.Settings#concurrency} of them at once
 */
public record DispatchSettings(int batchSize, Duration lease, RetrySchedule retries, String owner, int workers) {

    /** Delivery threads when nothing is configured: enough to hide the relay's round trips. */
    public static final int DEFAULT_WORKERS = 4;

    public DispatchSettings(int batchSize, Duration lease, RetrySchedule retries) {
        this(batchSize, lease, retries, null, DEFAULT_WORKERS);
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
        if (workers < 1) {
            throw new IllegalArgumentException("outbox.workers must be at least 1, was " + workers);
        }
    }

    /**
     * 100 per round with a 15-minute lease and 4 workers. A round is one claim and one commit of its
     * SENT marks, so larger rounds mean fewer commits per delivered message.
     */
    public static DispatchSettings defaults() {
        return new DispatchSettings(100, Duration.ofMinutes(15), RetrySchedule.standard());
    }

    public DispatchSettings withRetries(RetrySchedule retries) {
        return new DispatchSettings(batchSize, lease, retries, owner, workers);
    }

    public DispatchSettings withOwner(String owner) {
        return new DispatchSettings(batchSize, lease, retries, owner, workers);
    }

    public DispatchSettings withWorkers(int workers) {
        return new DispatchSettings(batchSize, lease, retries, owner, workers);
    }

    public DispatchSettings withBatchSize(int batchSize) {
        return new DispatchSettings(batchSize, lease, retries, owner, workers);
    }
}
