package dev.outreach.store;

import java.time.Instant;

/**
 * One link of the hash chain. Every field here is covered by {@code hash} except {@code hash}
 * itself. No readable personal data: the recipient appears only as {@code subjectKey}, a keyed
 * pseudonym whose readable form lives in a separate table.
 *
 * @param seq position in the chain, 1-based, gapless
 * @param kind DECISION, SUPPRESSION_ADDED, SUPPRESSION_REMOVED, LIST_LOADED, ...
 * @param payload JSON detail (rule results, evidence), free of personal data
 * @param prevHash hash of entry seq-1 ("0" x 64 for the first)
 */
public record AuditEntry(long seq, String id, Instant at, String kind, String actor, String subjectKey,
                         String leadId, String channel, String decision, String rules, String payload,
                         String prevHash, String hash) {
}
