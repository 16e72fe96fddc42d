package dev.outreach.store.jdbc;

import dev.outreach.store.StoreException;

/** A write hit a primary-key or unique constraint; repositories that promise a checked duplicate error map it. */
final class UniqueViolationException extends StoreException {
    UniqueViolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
