package dev.outreach.store;

/** A record with the same key already exists. */
public class DuplicateKeyException extends Exception {
    public DuplicateKeyException(String message) {
        super(message);
    }
}
