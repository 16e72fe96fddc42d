package dev.outreach.store;

import java.time.Instant;

/** The first response to a request that carried an Idempotency-Key. */
public record StoredResponse(String key, String requestHash, int status, String contentType, String body,
                             Instant createdAt) {
}
