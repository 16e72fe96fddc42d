package dev.outreach.scrub;

import dev.outreach.gateway.RejectedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Judges a batch on every core and hands the results on in input order. The caller's thread reads
 * lines and writes results; worker threads decide runs of consecutive rows. At most {@code window}
 * rows are in flight, so memory stays constant whatever the batch's size, and a slow reader of the
 * results slows the reading of the input instead of piling results up.
 *
 * <p>A run is handed to one worker whole, and {@link RowDecider#forRun()} gives its rows one look at
 * the store: a row sees every fact committed before its run started, which is after the batch
 * arrived.
 *
 * <p>Failing closed: a row whose decision throws anything is reported as an error, never as allowed.
 */
public final class BatchScrubber {

    private static final Logger LOG = LoggerFactory.getLogger(BatchScrubber.class);
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** Rows judged on one look at the store: a few milliseconds of work, so the look is never stale for long. */
    static final int MOST_ROWS_PER_RUN = 512;

    private final int threads;
    private final int rowsPerRun;
    private final int runsInFlight;

    /** One thread per core, and enough runs in flight to keep them busy while one run's results are written. */
    public static BatchScrubber onAllCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new BatchScrubber(cores, 4 * cores * MOST_ROWS_PER_RUN);
    }

    /**
     * @param window the most rows read and not yet written; split into runs so that every thread has
     *               two runs to take on
     */
    public BatchScrubber(int threads, int window) {
        if (threads < 1 || window < 1) {
            throw new IllegalArgumentException("threads and window must be positive");
        }
        this.threads = threads;
        this.rowsPerRun = Math.max(1, Math.min(MOST_ROWS_PER_RUN, window / (2 * threads)));
        this.runsInFlight = Math.max(1, window / rowsPerRun);
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
        ArrayDeque<Future<RowResult[]>> inFlight = new ArrayDeque<>(runsInFlight);
        List<InputRow> run = new ArrayList<>(rowsPerRun);
        for (InputRow row = input.next(); row != null; row = input.next()) {
            run.add(row);
            if (run.size() == rowsPerRun) {
                inFlight.add(submit(run, decider, sink, workers));
                run = new ArrayList<>(rowsPerRun);
                if (inFlight.size() >= runsInFlight) {
                    deliver(inFlight.poll(), summary, sink);
                }
            }
        }
        if (!run.isEmpty()) {
            inFlight.add(submit(run, decider, sink, workers));
        }
        while (!inFlight.isEmpty()) {
            deliver(inFlight.poll(), summary, sink);
        }
        return summary;
    }

    private static Future<RowResult[]> submit(List<InputRow> run, RowDecider decider, ResultSink sink,
                                              ExecutorService workers) {
        return workers.submit(() -> judgeRun(run, decider, sink));
    }

    /** Decides a run and renders its results, so the writing thread has only bytes to copy. */
    private static RowResult[] judgeRun(List<InputRow> run, RowDecider decider, ResultSink sink) {
        RowDecider onOneLook = forRun(decider, run);
        RowResult[] results = new RowResult[run.size()];
        for (int i = 0; i < results.length; i++) {
            InputRow row = run.get(i);
            RowResult result = row.error() != null ? new RowResult(row, null, row.error()) : decide(row, onOneLook);
            results[i] = result.renderedAs(sink.render(result));
        }
        return results;
    }

    /** A run whose look at the store fails is a run of errors, like a row whose facts cannot be read. */
    private static RowDecider forRun(RowDecider decider, List<InputRow> run) {
        try {
            return decider.forRun();
        } catch (RuntimeException e) {
            LOG.warn("batch lines {}-{}: the store could not be read ({}); reported as errors, not cleared",
                    run.get(0).line(), run.get(run.size() - 1).line(), e.getClass().getName());
            return row -> {
                throw e;
            };
        }
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

    private static void deliver(Future<RowResult[]> next, BatchSummary summary, ResultSink sink) {
        RowResult[] results;
        try {
            results = next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while judging a batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a batch row failed unexpectedly", e.getCause());
        }
        for (RowResult result : results) {
            summary.count(result);
            sink.write(result);
        }
    }
}
