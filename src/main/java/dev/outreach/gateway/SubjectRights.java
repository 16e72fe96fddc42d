package dev.outreach.gateway;

import dev.outreach.audit.AuditTrail;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.lead.Lead;
import dev.outreach.lead.Touch;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.Consent;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.RevocationReview;
import dev.outreach.store.Store;
import dev.outreach.store.StoredResponse;
import dev.outreach.store.SuppressionEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The data subject's rights (GDPR Art 15, 17, 20, 21): access and portability (one JSON document of
 * every record held), erasure (personal data deleted or irreversibly anonymised, a keyed hash kept
 * so the person is never contacted again), and objection to direct marketing (on every channel).
 *
 * <p>Who the subject is: the address, number or lead named, every lead that carries that address or
 * number, the addresses and numbers of those leads, and the pseudonyms the leads were touched or
 * audited under (addresses and numbers they had before). Each request is audited without personal
 * data.
 */
public final class SubjectRights {

    /** Exactly one of a normalised address, an E.164 number or a lead id. */
    public record SubjectRef(String email, String phone, String leadId) {
        public SubjectRef {
            int given = (email == null ? 0 : 1) + (phone == null ? 0 : 1) + (leadId == null ? 0 : 1);
            if (given != 1) {
                throw new IllegalArgumentException("exactly one of email, phone and leadId is required");
            }
        }

        public static SubjectRef email(String normalisedAddress) {
            return new SubjectRef(normalisedAddress, null, null);
        }

        public static SubjectRef phone(String e164) {
            return new SubjectRef(null, e164, null);
        }

        public static SubjectRef lead(String id) {
            return new SubjectRef(null, null, id);
        }

        String kind() {
            return email != null ? "email" : phone != null ? "phone" : "leadId";
        }
    }

    /**
     * What an erasure did, free of personal data.
     *
     * @param erased per table (or file kind): how many records were deleted or anonymised
     * @param kept per table: records kept because they hold only pseudonyms, and why
     */
    public record ErasureReceipt(String receiptId, Instant erasedAt, Map<String, Integer> erased,
                                 Map<String, Integer> kept, String auditEntryId) {
    }

    /** An objection as recorded: the OBJECTION suppressions added and those already on file. */
    public record Objection(Instant objectedAt, List<SuppressionEntry> added, List<SuppressionEntry> alreadyOnFile) {
    }

    /** The identifiers of one subject (see the class comment). */
    record Subject(List<Lead> leads, Set<String> emails, Set<String> phones, Set<String> keys) {

        /** Substrings by which a stored API response mentions the subject. */
        List<String> fragments() {
            List<String> out = new ArrayList<>(emails);
            out.addAll(phones);
            for (Lead lead : leads) {
                out.add("\"id\":\"" + lead.id() + "\"");
                out.add("\"leadId\":\"" + lead.id() + "\"");
            }
            return out;
        }
    }

    static final String ERASURE = "ERASURE";
    static final String OBJECTION = "OBJECTION";

    private final Store store;
    private final SuppressionRegister register;
    private final AuditTrail audit;
    private final RecipientPseudonyms pseudonyms;
    private final Path emlDirectory;
    private final Clock clock;

    /**
     * @param emlDirectory where {@code EmlFileTransport} writes {@code <messageId>.eml} copies
     *                     ({@code <data.dir>/outbox}); erased like the outbox rows
     */
    public SubjectRights(Store store, SuppressionRegister register, AuditTrail audit, RecipientPseudonyms pseudonyms,
                         Path emlDirectory, Clock clock) {
        this.store = store;
        this.register = register;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.emlDirectory = emlDirectory;
        this.clock = clock;
    }

    /** Art 15 and 20: every record held on the subject. Audited as SUBJECT_EXPORTED. */
    public SubjectExport export(SubjectRef ref, String actor) {
        Subject subject = resolve(ref);
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
                .map(m -> new SubjectExport.OutboxRecord(m, Files.exists(emlFile(m.messageId())))).toList();
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
        audit.recordChange("SUBJECT_EXPORTED", actor, firstKey(ref, subject), leadIdOf(ref, subject),
                null, detail);
        return export;
    }

    private void auditEntries(AuditQuery query, Map<Long, AuditEntry> into) {
        store.audit().stream(query, e -> into.putIfAbsent(e.seq(), e));
    }

    /**
     * Art 17: erases the subject. In this order, so that nothing acknowledged is lost: an ERASURE
     * suppression by pseudonym for each address and number (from then on {@code gdpr.erased} blocks
     * every touch to them), consents revoked and their readable values and online identifiers
     * forgotten, readable values of suppressions and revocation reviews forgotten, outbox messages
     * and their {@code .eml} copies deleted, stored API responses that mention the subject deleted,
     * leads anonymised, and the readable recipients of the audit log forgotten (the chain keeps the
     * pseudonyms and still verifies). Running it again is harmless. Audited as SUBJECT_ERASED.
     */
    public ErasureReceipt erase(SubjectRef ref, String actor) {
        Subject subject = resolve(ref);
        Instant now = clock.instant();
        String receiptId = UUID.randomUUID().toString();
        Map<String, Integer> erased = new LinkedHashMap<>();
        String source = "erasure:" + receiptId;
        int added = 0;
        for (String email : subject.emails()) {
            added += addOnce("EMAIL", pseudonyms.email(email), null, ERASURE, source, actor) != null ? 1 : 0;
        }
        for (String phone : subject.phones()) {
            added += addOnce("PHONE", pseudonyms.phone(phone), null, ERASURE, source, actor) != null ? 1 : 0;
        }
        erased.put("suppressions.erasureAdded", added);

        Forgotten forgotten = forgetByKeys(subject.keys(), true, now);
        erased.put("consents", forgotten.consents());
        erased.put("consents.revoked", forgotten.consentsRevoked());
        erased.put("suppressions", forgotten.suppressions());
        erased.put("revocation_reviews", forgotten.reviews());
        int anonymised = 0;
        int messages = forgotten.messages();
        Set<String> messageIds = new LinkedHashSet<>(forgotten.messageIds());
        for (Lead lead : subject.leads()) {
            store.outbox().forLead(lead.id()).forEach(m -> messageIds.add(m.messageId()));
            messages += store.outbox().deleteForLead(lead.id());
        }
        erased.put("outbox", messages);
        erased.put("idempotency_records", store.idempotency().forgetContaining(subject.fragments()));
        for (Lead lead : subject.leads()) {
            anonymised += store.leads().anonymise(lead.id(), now) ? 1 : 0;
        }
        erased.put("leads", anonymised);
        erased.put("audit_subjects", forgetReadableRecipients(subject.keys()));
        // Last, so a message the outbox was already handing to the file transport is caught too.
        erased.put("outbox.emlFiles", deleteEmlFiles(messageIds));

        Map<String, Integer> kept = kept(subject);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("receiptId", receiptId);
        detail.put("requestedBy", ref.kind());
        detail.put("erased", erased);
        detail.put("kept", kept);
        String auditId = audit.recordChange("SUBJECT_ERASED", actor, firstKey(ref, subject),
                leadIdOf(ref, subject), null, detail).id();
        return new ErasureReceipt(receiptId, now, erased, kept, auditId);
    }

    /**
     * Storage limitation (GDPR Art 5(1)(e)): anonymises one lead that had no activity for longer than
     * the retention period. Unlike an erasure it blocks nothing and revokes nothing (the person may
     * come back as a new lead, and consents keep counting by pseudonym): the lead's personal fields
     * are cleared, its outbox messages, their {@code .eml} copies and stored API responses mentioning
     * it are deleted, and the readable values held under its address and number (consents,
     * suppressions, revocation reviews, the audit log's recipients) are forgotten, except for an
     * address or number another lead still holds.
     *
     * @return per table, how many records were deleted or anonymised
     */
    Map<String, Integer> anonymiseInactive(Lead lead, Instant now) {
        Set<String> emails = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        addIfPresent(emails, lead.email());
        addIfPresent(phones, lead.phone());
        for (Lead other : store.leads().withContact(emails, phones)) {
            if (!other.id().equals(lead.id())) {
                emails.remove(other.email());
                phones.remove(other.phone());
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        emails.forEach(e -> keys.add(pseudonyms.email(e)));
        phones.forEach(p -> keys.add(pseudonyms.phone(p)));
        Map<String, Integer> done = new LinkedHashMap<>();
        Forgotten forgotten = forgetByKeys(keys, false, now);
        Set<String> messageIds = new LinkedHashSet<>(forgotten.messageIds());
        store.outbox().forLead(lead.id()).forEach(m -> messageIds.add(m.messageId()));
        done.put("outbox", forgotten.messages() + store.outbox().deleteForLead(lead.id()));
        done.put("consents", forgotten.consents());
        done.put("suppressions", forgotten.suppressions());
        done.put("revocation_reviews", forgotten.reviews());
        Subject subject = new Subject(List.of(lead), emails, phones, keys);
        done.put("idempotency_records", store.idempotency().forgetContaining(subject.fragments()));
        done.put("leads", store.leads().anonymise(lead.id(), now) ? 1 : 0);
        done.put("audit_subjects", forgetReadableRecipients(keys));
        done.put("outbox.emlFiles", deleteEmlFiles(messageIds));
        return done;
    }

    /** Pseudonymous records that stay after erasure: touches, stage history, audit entries. */
    private Map<String, Integer> kept(Subject subject) {
        Set<String> touchIds = new LinkedHashSet<>();
        Set<Long> seqs = new LinkedHashSet<>();
        int transitions = 0;
        for (Lead lead : subject.leads()) {
            store.touches().forLead(lead.id()).forEach(t -> touchIds.add(t.id()));
            transitions += store.leads().transitions(lead.id()).size();
            store.audit().stream(new AuditQuery(null, null, null, lead.id(), null, null, null, null, 0, 0),
                    e -> seqs.add(e.seq()));
        }
        for (String key : subject.keys()) {
            store.touches().forRecipient(key).forEach(t -> touchIds.add(t.id()));
            store.audit().stream(new AuditQuery(null, null, key, null, null, null, null, null, 0, 0),
                    e -> seqs.add(e.seq()));
        }
        Map<String, Integer> kept = new LinkedHashMap<>();
        kept.put("touches", touchIds.size());
        kept.put("stage_transitions", transitions);
        kept.put("audit_entries", seqs.size());
        return kept;
    }

    /** What forgetting the readable data of a set of pseudonyms changed. */
    record Forgotten(int consents, int consentsRevoked, int suppressions, int reviews, int messages,
                     List<String> messageIds) {
    }

    /**
     * Forgets the readable data stored under these pseudonyms: consent values and online identifiers
     * (and revokes the consents when {@code revoke}), suppression values, revocation review numbers
     * and texts, and outbox messages (whose ids are returned, for their .eml copies).
     */
    Forgotten forgetByKeys(Set<String> keys, boolean revoke, Instant now) {
        int consents = 0;
        int revoked = 0;
        int suppressions = 0;
        int reviews = 0;
        int messages = 0;
        List<String> messageIds = new ArrayList<>();
        for (String key : keys) {
            if (revoke) {
                revoked += store.consents().revokeAll(key, null, now, "erasure");
            }
            consents += store.consents().forgetValues(key);
            suppressions += store.suppressions().forgetValues(key);
            reviews += store.revocationReviews().forgetValues(key);
            store.outbox().forRecipient(key).forEach(m -> messageIds.add(m.messageId()));
            messages += store.outbox().deleteForRecipient(key);
        }
        return new Forgotten(consents, revoked, suppressions, reviews, messages, messageIds);
    }

    /** Forgets the audit log's readable recipients for these pseudonyms; returns how many were held. */
    int forgetReadableRecipients(Set<String> keys) {
        int held = store.audit().readableSubjects(keys).size();
        keys.forEach(store.audit()::forgetSubject);
        return held;
    }

    /** Deletes the {@code .eml} copies of these messages; returns how many existed. */
    int deleteEmlFiles(Set<String> messageIds) {
        int deleted = 0;
        for (String id : messageIds) {
            try {
                deleted += Files.deleteIfExists(emlFile(id)) ? 1 : 0;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the .eml copy of an erased message", e);
            }
        }
        return deleted;
    }

    private Path emlFile(String messageId) {
        return emlDirectory.resolve(messageId + ".eml");
    }

    /**
     * Art 21(2)-(3): the person objects to direct marketing. An OBJECTION suppression for each of
     * their addresses and numbers, durable before this returns, so {@code gdpr.objection} blocks
     * every later marketing touch on every channel, for good. Audited as SUBJECT_OBJECTED.
     *
     * @param via how the objection came, e.g. {@code api}, {@code call}, {@code letter}
     * @param actor who recorded it, as the audit log names them ({@code key:<id>}, {@code cli})
     * @throws RejectedRequest when the lead has neither an address nor a number
     */
    public Objection object(SubjectRef ref, String via, String actor) {
        Subject subject = resolve(ref);
        if (subject.emails().isEmpty() && subject.phones().isEmpty()) {
            throw RejectedRequest.unprocessable("leadId",
                    "the lead has no email address or phone number to object for");
        }
        Instant now = clock.instant();
        List<SuppressionEntry> added = new ArrayList<>();
        List<SuppressionEntry> existing = new ArrayList<>();
        for (String email : subject.emails()) {
            objectFor("EMAIL", pseudonyms.email(email), email, via, actor, added, existing);
        }
        for (String phone : subject.phones()) {
            objectFor("PHONE", pseudonyms.phone(phone), phone, via, actor, added, existing);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("requestedBy", ref.kind());
        detail.put("via", via);
        detail.put("suppressionIds", added.stream().map(SuppressionEntry::id).toList());
        detail.put("alreadyOnFile", existing.size());
        audit.recordChange("SUBJECT_OBJECTED", actor, firstKey(ref, subject), leadIdOf(ref, subject),
                null, detail);
        return new Objection(now, added, existing);
    }

    private void objectFor(String type, String key, String readable, String via, String actor,
                           List<SuppressionEntry> added, List<SuppressionEntry> existing) {
        List<SuppressionEntry> onFile = store.suppressions().findByKey(type, key).stream()
                .filter(e -> e.reason().equals(OBJECTION)).toList();
        if (onFile.isEmpty()) {
            added.add(register.addByKey(type, key, readable, OBJECTION, via, actor));
        } else {
            existing.addAll(onFile);
        }
    }

    /** Adds the suppression unless one with the same reason is on file; returns it, or null when one was. */
    private SuppressionEntry addOnce(String type, String key, String readable, String reason, String source,
                                     String actor) {
        boolean onFile = store.suppressions().findByKey(type, key).stream().anyMatch(e -> e.reason().equals(reason));
        return onFile ? null : register.addByKey(type, key, readable, reason, source, actor);
    }

    /**
     * The subject's leads, addresses, numbers and pseudonyms.
     *
     * @throws RejectedRequest NOT_FOUND for an unknown lead id
     */
    Subject resolve(SubjectRef ref) {
        Set<String> emails = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        List<Lead> direct;
        if (ref.leadId() != null) {
            direct = List.of(store.leads().find(ref.leadId())
                    .orElseThrow(() -> RejectedRequest.notFound("leadId", "no lead with this id")));
        } else if (ref.email() != null) {
            emails.add(ref.email());
            direct = store.leads().withContact(List.of(ref.email()), List.of());
        } else {
            phones.add(ref.phone());
            direct = store.leads().withContact(List.of(), List.of(ref.phone()));
        }
        for (Lead lead : direct) {
            addIfPresent(emails, lead.email());
            addIfPresent(phones, lead.phone());
        }
        Map<String, Lead> leads = new TreeMap<>();
        direct.forEach(l -> leads.put(l.id(), l));
        store.leads().withContact(emails, phones).forEach(l -> leads.putIfAbsent(l.id(), l));
        Set<String> keys = new LinkedHashSet<>();
        emails.forEach(e -> keys.add(pseudonyms.email(e)));
        phones.forEach(p -> keys.add(pseudonyms.phone(p)));
        for (Lead lead : leads.values()) {
            store.touches().forLead(lead.id()).forEach(t -> addIfPresent(keys, t.recipientKey()));
            store.outbox().forLead(lead.id()).forEach(m -> addIfPresent(keys, m.recipientKey()));
            store.audit().stream(new AuditQuery(null, null, null, lead.id(), null, null, null, null, 0, 0),
                    e -> addIfPresent(keys, e.subjectKey()));
        }
        return new Subject(List.copyOf(leads.values()), emails, phones, keys);
    }

    private static void addIfPresent(Set<String> into, String value) {
        if (value != null && !value.isBlank()) {
            into.add(value);
        }
    }

    /** The pseudonym an audit entry about the request is filed under. */
    private String firstKey(SubjectRef ref, Subject subject) {
        if (ref.email() != null) {
            return pseudonyms.email(ref.email());
        }
        if (ref.phone() != null) {
            return pseudonyms.phone(ref.phone());
        }
        return subject.keys().stream().findFirst().orElse(null);
    }

    private static String leadIdOf(SubjectRef ref, Subject subject) {
        return ref.leadId() != null ? ref.leadId()
                : subject.leads().isEmpty() ? null : subject.leads().get(0).id();
    }
}
