package dev.outreach.suppression;

import dev.outreach.contact.InvalidEmailAddressException;
import dev.outreach.contact.InvalidPhoneNumberException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Normalises and fingerprints a list's values in chunks on every core, handing the results back
 * in file order. At most a few chunks per core are in flight, so a huge file is never held whole;
 * a small file (one chunk) is done on the reading thread without any hand-over.
 */
final class ListEntryChunks {

    static final int CHUNK = 8192;
    /** Rejections a chunk reports one by one; the list keeps only the first hundred of all anyway. */
    private static final int REPORTED_PER_CHUNK = SuppressionListLoader.MAX_REPORTED_REJECTIONS;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadLocal<Fingerprints> FINGERPRINTS = ThreadLocal.withInitial(Fingerprints::new);

    /** What one chunk produced. */
    record Done(long[] fingerprints, int count, List<RejectedLine> rejected, long moreRejected) {
    }

    private final ListFormat format;
    private final ExecutorService workers;
    private final int window;
    private final ArrayDeque<Future<Done>> inFlight = new ArrayDeque<>();
    private int csvColumn = -1;
    private long[] numbers = new long[CHUNK];
    private String[] values = new String[CHUNK];
    private int filled;

    ListEntryChunks(ListFormat format, ExecutorService workers) {
        this.format = format;
        this.workers = workers;
        this.window = 4 * Runtime.getRuntime().availableProcessors();
    }

    /** One worker per core; idle workers end after a few seconds, so an idle gateway holds no threads. */
    static ExecutorService workers() {
        int cores = Runtime.getRuntime().availableProcessors();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(cores, cores, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread t = new Thread(task, "list-load-" + THREADS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    void csvColumn(int column) {
        this.csvColumn = column;
    }

    void add(long number, String value, Consumer<Done> collect) {
        numbers[filled] = number;
        values[filled] = value;
        if (++filled == CHUNK) {
            submit();
            while (inFlight.size() >= window) {
                collect.accept(take(inFlight.poll()));
            }
        }
    }

    /** Collects everything still pending, in order; the last partial chunk runs here if nothing else was submitted. */
    void finish(Consumer<Done> collect) {
        if (filled > 0) {
            if (inFlight.isEmpty()) {
                collect.accept(judge(numbers, values, filled));
                filled = 0;
            } else {
                submit();
            }
        }
        while (!inFlight.isEmpty()) {
            collect.accept(take(inFlight.poll()));
        }
    }

    /** The file turned out unusable: pending chunks are dropped. */
    void abandon() {
        inFlight.forEach(f -> f.cancel(false));
        inFlight.clear();
    }

    private void submit() {
        long[] n = numbers;
        String[] v = values;
        int count = filled;
        inFlight.add(workers.submit(() -> judge(n, v, count)));
        numbers = new long[CHUNK];
        values = new String[CHUNK];
        filled = 0;
    }

    private Done judge(long[] lineNumbers, String[] lineValues, int count) {
        Fingerprints fingerprints = FINGERPRINTS.get();
        long[] out = new long[count];
        int kept = 0;
        List<RejectedLine> rejected = new ArrayList<>();
        long more = 0;
        for (int i = 0; i < count; i++) {
            try {
                out[kept] = format.fingerprint(valueOf(lineValues[i]), fingerprints);
                kept++;
            } catch (InvalidEmailAddressException | InvalidPhoneNumberException | InvalidEntryException e) {
                // these messages are written never to contain the value itself
                if (rejected.size() < REPORTED_PER_CHUNK) {
                    rejected.add(new RejectedLine(lineNumbers[i], e.getMessage()));
                } else {
                    more++;
                }
            }
        }
        return new Done(out, kept, rejected, more);
    }

    /** The value itself, or for a CSV the cell of the list's column. */
    private String valueOf(String line) {
        if (format.csvColumn() == null) {
            return line;
        }
        List<String> cells = CsvLine.split(line);
        if (csvColumn >= cells.size() || cells.get(csvColumn).isEmpty()) {
            throw new InvalidEntryException("row has no value in the '" + format.csvColumn() + "' column");
        }
        return cells.get(csvColumn);
    }

    private static Done take(Future<Done> next) {
        try {
            return next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading a list", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("loading a list chunk failed", e.getCause());
        }
    }
}
