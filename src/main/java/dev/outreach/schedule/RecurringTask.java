package dev.outreach.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A background job run at a fixed delay on one daemon thread (checkpoints, retention, purges).
 * A failing run is logged and the next one still happens: an exception escaping a scheduled task
 * would otherwise silently cancel every later run.
 */
public final class RecurringTask implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecurringTask.class);

    private final String name;
    private final Duration firstDelay;
    private final Duration period;
    private final Runnable work;
    private ScheduledExecutorService executor; // guarded by this

    public RecurringTask(String name, Duration firstDelay, Duration period, Runnable work) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(name + " period must be positive, was " + period);
        }
        this.name = name;
        this.firstDelay = firstDelay;
        this.period = period;
        this.work = work;
    }

    /** Starts the schedule; a second call does nothing. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runOnce, firstDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("{} failed; it runs again in {}", name, period, e);
        }
    }

    /** Stops the schedule, waiting briefly for a run in progress. */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = executor;
            executor = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
