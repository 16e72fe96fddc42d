package dev.outreach.store;

import java.time.Instant;

/** An API key's record; only the SHA-256 of the key is stored. */
public record ApiKey(String id, String name, String role, String keyHash, Instant createdAt, Instant revokedAt) {
}
