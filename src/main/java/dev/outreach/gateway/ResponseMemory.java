package dev.outreach.gateway;

/**
 * Remembers the answer to a request inside the same transaction as the decision it reports, so an
 * {@code Idempotency-Key} retry after any crash finds either both or neither: it replays the first
 * answer, or it runs the request for the first time.
 *
 * @param <R> the use case's result, turned into the stored answer by the caller (the web layer)
 */
@FunctionalInterface
public interface ResponseMemory<R> {

    /** Called by the use case inside its unit of work, after every other write of the decision. */
    void remember(R result);

    /** For requests without an idempotency key: nothing to remember. */
    static <R> ResponseMemory<R> none() {
        return result -> {
        };
    }
}
