package dev.outreach.store;

/** The store could not complete an operation; the message never contains personal data. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
