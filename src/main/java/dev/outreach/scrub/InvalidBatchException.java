package dev.outreach.scrub;

/** The batch as a whole cannot be read (a CSV without a usable header); nothing was judged. */
public final class InvalidBatchException extends RuntimeException {

    public InvalidBatchException(String message) {
        super(message);
    }
}
