package dev.outreach.store;

import java.time.Instant;

/** Filters for an audit page; null means any. {@code afterSeq} is the cursor (entries with seq greater). */
public record AuditQuery(Instant from, Instant to, String subjectKey, String leadId, String channel, String decision,
                         String rule, String kind, long afterSeq, int limit) {
}
