package dev.outreach.scrub;

/** Where a batch's results go, one row at a time and in input order. */
public interface ResultSink {

    /**
     * The bytes {@link #write} will write for a result, made ahead on a worker thread (results of
     * different rows in any order, at once), so the one thread that writes in input order only
     * copies bytes. Null when the sink renders as it writes.
     */
    default byte[] render(RowResult result) {
        return null;
    }

    /** @param result with {@link RowResult#rendered()} as {@link #render} made it */
    void write(RowResult result);
}
