package dev.outreach.audit;

import java.time.Instant;

/**
 * A signed statement, kept outside the database, that at {@code at} the audit chain reached entry
 * {@code seq} whose hash was {@code hash}. Rewriting or truncating the chain behind it is detected
 * by comparing the database with it.
 */
public record Checkpoint(long seq, String hash, Instant at) {
}
