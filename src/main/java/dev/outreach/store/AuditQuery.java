package dev.outreach.store;

import java.time.Instant;

/**
 * Filters for an audit page or stream; null means any. {@code from} is inclusive and {@code to}
 * exclusive. {@code rule} matches entries that rule blocked (one whole rule id). {@code afterSeq}
 * is the cursor: only entries with a greater seq, so paging stays stable while entries arrive.
 *
 * @param limit page size; for {@link AuditEntries#stream} 0 means every matching entry
 */
public record AuditQuery(Instant from, Instant to, String subjectKey, String leadId, String channel, String decision,
                         String rule, String kind, String actor, long afterSeq, int limit) {

    /** Without the actor filter. */
    public AuditQuery(Instant from, Instant to, String subjectKey, String leadId, String channel, String decision,
                      String rule, String kind, long afterSeq, int limit) {
        this(from, to, subjectKey, leadId, channel, decision, rule, kind, null, afterSeq, limit);
    }

    /** Every entry, {@code limit} at a time. */
    public static AuditQuery all(int limit) {
        return new AuditQuery(null, null, null, null, null, null, null, null, null, 0, limit);
    }

    /** The same filters from another cursor position. */
    public AuditQuery after(long seq) {
        return new AuditQuery(from, to, subjectKey, leadId, channel, decision, rule, kind, actor, seq, limit);
    }

    /** The same filters with another limit. */
    public AuditQuery withLimit(int newLimit) {
        return new AuditQuery(from, to, subjectKey, leadId, channel, decision, rule, kind, actor, afterSeq, newLimit);
    }
}
