package dev.outreach.store;

import java.time.Instant;

/** What a caller appends; the store assigns seq, prevHash and hash inside one transaction. */
public record NewAuditEntry(String id, Instant at, String kind, String actor, String subjectKey, String leadId,
                            String channel, String decision, String rules, String payload) {

    /** Millisecond precision: every store keeps instants as epoch millis, and the hash must round-trip. */
    public NewAuditEntry {
        at = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
