package dev.outreach.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.lead.Lead;
import dev.outreach.lead.StageTransition;
import dev.outreach.store.Touch;
import dev.outreach.audit.AuditPayload;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.Consent;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.RevocationReview;
import dev.outreach.store.StoredResponse;
import dev.outreach.store.SuppressionEntry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every record held on one data subject (GDPR Art 15 and 20), as {@link SubjectExporting#export} found
 * it. {@link #document} turns it into the one structured, machine-readable JSON document the API and
 * the command line hand out. Readable values that were erased show as {@value #ERASED}.
 *
 * @param requestedBy email, phone or leadId: how the subject was named (the value itself is not
 *                    repeated)
 * @param readableRecipients the readable address or number the audit log still holds per pseudonym
 * @param storedResponses API responses kept for Idempotency-Key replays that mention the subject
 */
public record SubjectExport(Instant generatedAt, String requestedBy, List<LeadRecord> leads, List<Touch> touches,
                            List<Consent> consents, List<SuppressionEntry> suppressions,
                            List<RevocationReview> revocationReviews, List<OutboxRecord> outboxMessages,
                            List<AuditEntry> auditEntries, Map<String, String> readableRecipients,
                            List<StoredResponse> storedResponses) {

    public static final String ERASED = "[erased]";

    /** A lead and its stage history, oldest first. */
    public record LeadRecord(Lead lead, List<StageTransition> stageHistory) {
    }

    /** An outbox message and whether its {@code .eml} copy is on disk. */
    public record OutboxRecord(OutboxMessage message, boolean emlFileHeld) {
    }

    public SubjectExport {
        readableRecipients = Map.copyOf(readableRecipients);
    }

    /** How many records of each kind were found. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("leads", leads.size());
        counts.put("stageTransitions", leads.stream().mapToInt(l -> l.stageHistory().size()).sum());
        counts.put("touches", touches.size());
        counts.put("consents", consents.size());
        counts.put("suppressions", suppressions.size());
        counts.put("revocationReviews", revocationReviews.size());
        counts.put("outboxMessages", outboxMessages.size());
        counts.put("auditEntries", auditEntries.size());
        counts.put("storedResponses", storedResponses.size());
        return counts;
    }

    /** The export as one JSON-ready document (maps, lists and scalars, in a stable order). */
    public Map<String, Object> document(ObjectMapper json) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("generatedAt", generatedAt);
        d.put("requestedBy", requestedBy);
        d.put("format", "outreach-gateway subject export v1");
        d.put("counts", counts());
        d.put("leads", leads.stream().map(SubjectExport::lead).toList());
        d.put("touches", touches.stream().map(this::touch).toList());
        d.put("consents", consents.stream().map(SubjectExport::consent).toList());
        d.put("suppressions", suppressions.stream().map(SubjectExport::suppression).toList());
        d.put("revocationReviews", revocationReviews.stream().map(SubjectExport::review).toList());
        d.put("outboxMessages", outboxMessages.stream().map(SubjectExport::outbox).toList());
        d.put("auditEntries", auditEntries.stream().map(e -> audit(e, json)).toList());
        d.put("recipients", readableRecipients.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Map.of("pseudonym", e.getKey(), "readable", e.getValue())).toList());
        d.put("storedResponses", storedResponses.stream().map(r -> stored(r, json)).toList());
        return d;
    }

    private static Map<String, Object> lead(LeadRecord r) {
        Lead l = r.lead();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("email", l.email());
        m.put("phone", l.phone());
        m.put("firstName", l.firstName());
        m.put("lastName", l.lastName());
        m.put("company", l.company());
        m.put("country", l.country());
        m.put("region", l.region());
        m.put("timeZone", l.timeZone());
        m.put("stage", l.stage());
        m.put("outcome", l.outcome());
        m.put("owner", l.owner());
        m.put("source", l.source());
        m.put("qualification", l.qualification());
        m.put("createdAt", l.createdAt());
        m.put("stageEnteredAt", l.stageEnteredAt());
        m.put("updatedAt", l.updatedAt());
        m.put("stageHistory", r.stageHistory().stream().map(t -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("from", t.from());
            s.put("to", t.to());
            s.put("outcome", t.outcome());
            s.put("at", t.at());
            s.put("actor", t.actor());
            return s;
        }).toList());
        return m;
    }

    private Map<String, Object> touch(Touch t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("leadId", t.leadId());
        m.put("recipientPseudonym", t.recipientKey());
        m.put("recipient", readable(t.recipientKey()));
        m.put("channel", t.channel());
        m.put("purpose", t.purpose());
        m.put("stage", t.stage());
        m.put("template", t.template());
        m.put("decision", t.decision());
        m.put("blockedBy", t.blockedBy());
        m.put("auditId", t.auditId());
        m.put("reference", t.reference());
        m.put("dryRun", t.dryRun());
        m.put("at", t.at());
        return m;
    }

    private static Map<String, Object> consent(Consent c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("channel", c.channel());
        m.put("kind", c.kind());
        m.put("value", orErased(c.value()));
        m.put("pseudonym", c.subjectKey());
        m.put("evidence", c.evidence()); // a record: serialised field by field, as the person agreed
        m.put("createdAt", c.createdAt());
        m.put("revokedAt", c.revokedAt());
        m.put("revokedVia", c.revokedVia());
        return m;
    }

    private static Map<String, Object> suppression(SuppressionEntry s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("type", s.type());
        m.put("value", orErased(s.value()));
        m.put("pseudonym", s.valueKey());
        m.put("reason", s.reason());
        m.put("source", s.source());
        m.put("createdAt", s.createdAt());
        return m;
    }

    private static Map<String, Object> review(RevocationReview r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("phone", orErased(r.value()));
        m.put("pseudonym", r.subjectKey());
        m.put("body", orErased(r.body()));
        m.put("matched", r.matched());
        m.put("receivedAt", r.receivedAt());
        m.put("status", r.status());
        m.put("suppressionId", r.suppressionId());
        m.put("clearedAt", r.clearedAt());
        m.put("clearedBy", r.clearedBy());
        return m;
    }

    private static Map<String, Object> outbox(OutboxRecord r) {
        OutboxMessage o = r.message();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messageId", o.messageId());
        m.put("leadId", o.leadId());
        m.put("recipient", o.recipient());
        m.put("recipientPseudonym", o.recipientKey());
        m.put("status", o.status());
        m.put("attempts", o.attempts());
        m.put("nextAttemptAt", o.nextAttemptAt());
        m.put("lastError", o.lastError());
        m.put("createdAt", o.createdAt());
        m.put("updatedAt", o.updatedAt());
        m.put("bodyHeld", o.mime() != null && o.mime().length > 0);
        m.put("bodyBytes", o.mime() == null ? 0 : o.mime().length);
        m.put("emlFileHeld", r.emlFileHeld());
        return m;
    }

    private Map<String, Object> audit(AuditEntry e, ObjectMapper json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("id", e.id());
        m.put("at", e.at());
        m.put("kind", e.kind());
        m.put("actor", e.actor());
        m.put("recipientPseudonym", e.subjectKey());
        m.put("recipient", readable(e.subjectKey()));
        m.put("leadId", e.leadId());
        m.put("channel", e.channel());
        m.put("decision", e.decision());
        m.put("rules", e.rules() == null || e.rules().isEmpty() ? List.of() : List.of(e.rules().split(",")));
        m.put("payload", payloadOf(e));
        m.put("hash", e.hash());
        return m;
    }

    private static Map<String, Object> stored(StoredResponse r, ObjectMapper json) {
        Map<String, Object> m = new LinkedHashMap<>();
        // the stored key is "<api key id> <METHOD> <path> <Idempotency-Key>"
        String[] parts = r.key().split(" ", 4);
        m.put("operation", parts.length >= 3 ? parts[1] + " " + parts[2] : null);
        m.put("status", r.status());
        m.put("createdAt", r.createdAt());
        m.put("body", parsed(r.body(), json));
        return m;
    }

    private Object readable(String key) {
        if (key == null) {
            return null;
        }
        return orErased(readableRecipients.get(key));
    }

    private static Object orErased(String value) {
        return value == null ? ERASED : value;
    }

    /** The entry's payload as JSON, or its text when it is not JSON (shown as recorded, never dropped). */
    private static Object payloadOf(AuditEntry e) {
        AuditPayload payload = AuditPayload.of(e);
        return payload instanceof AuditPayload.Unreadable u ? u.text() : payload.tree();
    }

    private static Object parsed(String text, ObjectMapper json) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}
