package dev.outreach.store;

import java.time.Instant;

/**
 * Where the pruned part of the audit chain ends: every entry up to and including {@code seq} was
 * removed by retention, and the earliest remaining entry's prevHash must equal {@code hash}.
 *
 * @param seq the last pruned entry
 * @param hash that entry's hash, sealed by a signed checkpoint before it was pruned
 * @param prunedAt when the prune was recorded
 */
public record PruneBoundary(long seq, String hash, Instant prunedAt) {
}
