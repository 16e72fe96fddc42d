package dev.outreach.scrub;

import dev.outreach.gateway.RejectedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Judges a batch on every core and hands the results on in input order. The caller's thread reads
 * lines and writes results; worker threads decide. At most {@code window} rows are in flight, so
 * memory stays constant whatever the batch's size, and a slow reader of the results slows the
 * reading of the input instead of piling results up.
 *
 * <p>Failing closed: a row whose decision throws anything is reported as an error, never as allowed.
 */
public final class BatchScrubber {

    private static final Logger LOG = LoggerFactory.getLogger(BatchScrubber.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final int window;

    /** One thread per core, and enough rows in flight to keep them busy while one result is written. */
    public static BatchScrubber onAllCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new BatchScrubber(cores, 256 * cores);
    }

    public BatchScrubber(int threads, int window) {
        if (threads < 1 || window < 1) {
            throw new IllegalArgumentException("threads and window must be positive");
        }
        this.threads = threads;
        this.window = window;
    }

    public BatchSummary run(BatchInput input, RowDecider decider, ResultSink sink) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger worker = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "batch-check-" + pool + "-" + worker.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            return judge(input, decider, sink, workers);
        } finally {
            workers.shutdownNow();
        }
    }

    private BatchSummary judge(BatchInput input, RowDecider decider, ResultSink sink, ExecutorService workers) {
        BatchSummary summary = new BatchSummary();
        ArrayDeque<Future<RowResult>> inFlight = new ArrayDeque<>(window);
        for (InputRow row = input.next(); row != null; row = input.next()) {
            inFlight.add(submit(row, decider, workers));
            if (inFlight.size() >= window) {
                deliver(inFlight.poll(), summary, sink);
            }
        }
        while (!inFlight.isEmpty()) {
            deliver(inFlight.poll(), summary, sink);
        }
        return summary;
    }

    private static Future<RowResult> submit(InputRow row, RowDecider decider, ExecutorService workers) {
        if (row.error() != null) {
            return CompletableFuture.completedFuture(new RowResult(row, null, row.error()));
        }
        return workers.submit(() -> decide(row, decider));
    }

    /** Everything a decider throws becomes the row's error: a row that was not judged is not cleared. */
    static RowResult decide(InputRow row, RowDecider decider) {
        try {
            return new RowResult(row, decider.decide(row.row()), null);
        } catch (RejectedRequest e) {
            return new RowResult(row, null, new RowError(row.line(), e.field(), e.getMessage()));
        } catch (RuntimeException e) {
            // the exception's message may carry the address: log only its type
            LOG.warn("batch line {} could not be judged ({}); reported as an error, not cleared", row.line(),
                    e.getClass().getName());
            return new RowResult(row, null, new RowError(row.line(), null,
                    "the facts for this row could not be gathered; it is not cleared"));
        }
    }

    private static void deliver(Future<RowResult> next, BatchSummary summary, ResultSink sink) {
        RowResult result;
        try {
            result = next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while judging a batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a batch row failed unexpectedly", e.getCause());
        }
        summary.count(result);
        sink.write(result);
    }
}
