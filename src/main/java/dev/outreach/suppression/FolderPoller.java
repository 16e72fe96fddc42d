package dev.outreach.suppression;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Re-checks a folder on one daemon thread at a fixed delay. Polling rather than a WatchService,
 * which misses changes on network and bind-mounted filesystems.
 */
final class FolderPoller {

    private final String threadName;
    private final Duration shutdownWait;
    private ScheduledExecutorService executor; // guarded by this

    FolderPoller(String threadName, Duration shutdownWait) {
        this.threadName = threadName;
        this.shutdownWait = shutdownWait;
    }

    synchronized void start(Duration interval, Runnable check) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive");
        }
        if (executor != null) {
            throw new IllegalStateException("already started");
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(check, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops polling, letting a check in progress finish. */
    synchronized void stop() {
        if (executor == null) {
            return;
        }
        // shutdown, not shutdownNow: interrupting a read would report a healthy file as unreadable
        executor.shutdown();
        try {
            executor.awaitTermination(shutdownWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }
}
