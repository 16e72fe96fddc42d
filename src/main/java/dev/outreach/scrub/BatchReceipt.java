package dev.outreach.scrub;

import java.time.Instant;
import java.util.Map;

/**
 * What proves a batch: the id of its one audit entry, the SHA-256 of the input as received, the
 * digests of the result as written, the counts, and the instant rows were judged at by default.
 */
public record BatchReceipt(String auditId, String inputSha256, Map<String, String> resultDigests,
                           BatchSummary summary, Instant judgedAt) {
}
