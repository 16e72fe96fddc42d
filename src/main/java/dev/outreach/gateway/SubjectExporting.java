package dev.outreach.gateway;

import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditTrail;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.lead.Lead;
import dev.outreach.store.Touch;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.Consent;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.RevocationReview;
import dev.outreach.store.Store;
import dev.outreach.store.StoredResponse;
import dev.outreach.store.SuppressionEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * GDPR Art 15 and 20, access and portability: one document of every record held on the subject
 * ({@link SubjectLookup} says who that is). Audited as SUBJECT_EXPORTED, without personal data.
 */
public final class SubjectExporting {

    private final Store store;
    private final AuditTrail audit;
    private final SubjectLookup lookup;
    private final Path emlDirectory;
    private final Clock clock;

    /** @param emlDirectory where {@code EmlFileTransport} writes {@code <messageId>.eml} copies */
    public SubjectExporting(Store store, AuditTrail audit, RecipientPseudonyms pseudonyms, Path emlDirectory,
                            Clock clock) {
        this.store = store;
        this.audit = audit;
        this.lookup = new SubjectLookup(store, pseudonyms);
        this.emlDirectory = emlDirectory;
        this.clock = clock;
    }

    public SubjectExport export(SubjectRef ref, String actor) {
        SubjectLookup.Subject subject = lookup.resolve(ref);
        Instant now = clock.instant();
        Map<String, Lead> leads = new LinkedHashMap<>();
        subject.leads().forEach(l -> leads.put(l.id(), l));
        List<SubjectExport.LeadRecord> leadRecords = leads.values().stream()
                .map(l -> new SubjectExport.LeadRecord(l, store.leads().transitions(l.id()))).toList();

        Map<String, Touch> touches = new LinkedHashMap<>();
        Map<String, Consent> consents = new LinkedHashMap<>();
        Map<String, SuppressionEntry> suppressions = new LinkedHashMap<>();
        Map<String, RevocationReview> reviews = new LinkedHashMap<>();
        Map<String, OutboxMessage> outbox = new LinkedHashMap<>();
        TreeMap<Long, AuditEntry> entries = new TreeMap<>();
        for (Lead lead : leads.values()) {
            store.touches().forLead(lead.id()).forEach(t -> touches.putIfAbsent(t.id(), t));
            store.outbox().forLead(lead.id()).forEach(m -> outbox.putIfAbsent(m.messageId(), m));
            auditEntries(new AuditQuery(null, null, null, lead.id(), null, null, null, null, 0, 0), entries);
        }
        for (String key : subject.keys()) {
            store.touches().forRecipient(key).forEach(t -> touches.putIfAbsent(t.id(), t));
            store.consents().findByKey(key).forEach(c -> consents.putIfAbsent(c.id(), c));
            for (String type : SuppressionRegister.TYPES) {
                store.suppressions().findByKey(type, key).forEach(s -> suppressions.putIfAbsent(s.id(), s));
            }
            store.revocationReviews().findByKey(key).forEach(r -> reviews.putIfAbsent(r.id(), r));
            store.outbox().forRecipient(key).forEach(m -> outbox.putIfAbsent(m.messageId(), m));
            auditEntries(new AuditQuery(null, null, key, null, null, null, null, null, 0, 0), entries);
        }
        List<SubjectExport.OutboxRecord> messages = outbox.values().stream()
                .sorted(Comparator.comparing(OutboxMessage::createdAt).thenComparing(OutboxMessage::messageId))
                .map(m -> new SubjectExport.OutboxRecord(m, Files.exists(emlDirectory.resolve(m.messageId() + ".eml"))))
                .toList();
        Set<String> auditKeys = new LinkedHashSet<>(subject.keys());
        entries.values().stream().map(AuditEntry::subjectKey).filter(Objects::nonNull).forEach(auditKeys::add);
        Map<String, String> readable = store.audit().readableSubjects(auditKeys);
        List<StoredResponse> responses = store.idempotency().containing(subject.fragments());

        SubjectExport export = new SubjectExport(now, ref.kind(), leadRecords,
                touches.values().stream().sorted(Comparator.comparing(Touch::at).thenComparing(Touch::id)).toList(),
                List.copyOf(consents.values()), List.copyOf(suppressions.values()), List.copyOf(reviews.values()),
                messages, List.copyOf(entries.values()), readable, responses);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("requestedBy", ref.kind());
        detail.put("counts", export.counts());
        audit.recordChange(AuditKind.SUBJECT_EXPORTED, actor, lookup.firstKey(ref, subject),
                SubjectLookup.leadIdOf(ref, subject), null, detail);
        return export;
    }

    private void auditEntries(AuditQuery query, Map<Long, AuditEntry> into) {
        store.audit().stream(query, e -> into.putIfAbsent(e.seq(), e));
    }
}
