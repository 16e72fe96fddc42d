package dev.outreach.gateway;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditTrail;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.lead.Lead;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.StorageScrub;
import dev.outreach.store.Store;
import dev.outreach.store.SuppressionEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * GDPR Art 17, erasure, and Art 5(1)(e), anonymising a lead inactive past retention. Personal data
 * is deleted or irreversibly blanked; a keyed hash is kept so an erased person is never contacted
 * again; then the database files are scrubbed ({@link StorageScrub}) so no readable copy stays
 * under the data directory, and the receipt lists what was erased and where.
 */
public final class SubjectErasure {

    /**
     * What an erasure did, free of personal data.
     *
     * @param erased per table (or file kind): how many records were deleted or anonymised
     * @param kept per table: records kept because they hold only pseudonyms
     * @param storage per place in the database's files: what was done so old copies are unreadable
     */
    public record ErasureReceipt(String receiptId, Instant erasedAt, Map<String, Integer> erased,
                                 Map<String, Integer> kept, Map<String, String> storage, String auditEntryId) {
    }

    static final SuppressionReason ERASURE = SuppressionReason.ERASURE;
    /** The tables an erasure or an anonymisation changes. */
    static final Set<String> TABLES = Set.of("consents", "suppressions", "revocation_reviews", "outbox",
            "idempotency_records", "leads", "audit_subjects");

    private final Store store;
    private final SuppressionRegister register;
    private final AuditTrail audit;
    private final RecipientPseudonyms pseudonyms;
    private final SubjectLookup lookup;
    private final Path emlDirectory;
    private final StorageScrub scrub;
    private final Clock clock;

    /**
     * @param emlDirectory where {@code EmlFileTransport} writes {@code <messageId>.eml} copies
     *                     ({@code <data.dir>/outbox}); erased like the outbox rows
     */
    public SubjectErasure(Store store, SuppressionRegister register, AuditTrail audit, RecipientPseudonyms pseudonyms,
                          Path emlDirectory, StorageScrub scrub, Clock clock) {
        this.store = store;
        this.register = register;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.lookup = new SubjectLookup(store, pseudonyms);
        this.emlDirectory = emlDirectory;
        this.scrub = scrub;
        this.clock = clock;
    }

    /**
     * Erases the subject. In this order, so that nothing acknowledged is lost: an ERASURE suppression
     * by pseudonym for each address and number (from then on {@code gdpr.erased} blocks every touch to
     * them), consents revoked and their readable values and online identifiers forgotten, readable
     * values of suppressions and revocation reviews forgotten, outbox messages and their {@code .eml}
     * copies deleted, stored API responses that mention the subject deleted, leads anonymised, and the
     * readable recipients of the audit log forgotten (the chain keeps the pseudonyms and still
     * verifies); last the database files are scrubbed. Running it again is harmless. Audited as
     * SUBJECT_ERASED.
     */
    public ErasureReceipt erase(SubjectRef ref, String actor) {
        SubjectLookup.Subject subject = lookup.resolve(ref);
        Instant now = clock.instant();
        String receiptId = UUID.randomUUID().toString();
        Map<String, Integer> erased = new LinkedHashMap<>();
        String source = "erasure:" + receiptId;
        int added = 0;
        for (String email : subject.emails()) {
            added += addOnce("EMAIL", pseudonyms.email(email), source, actor) != null ? 1 : 0;
        }
        for (String phone : subject.phones()) {
            added += addOnce("PHONE", pseudonyms.phone(phone), source, actor) != null ? 1 : 0;
        }
        erased.put("suppressions.erasureAdded", added);

        Forgotten forgotten = forgetByKeys(subject.keys(), true, now);
        erased.put("consents", forgotten.consents());
        erased.put("consents.revoked", forgotten.consentsRevoked());
        erased.put("suppressions", forgotten.suppressions());
        erased.put("revocation_reviews", forgotten.reviews());
        int messages = forgotten.messages();
        Set<String> messageIds = new LinkedHashSet<>(forgotten.messageIds());
        for (Lead lead : subject.leads()) {
            store.outbox().forLead(lead.id()).forEach(m -> messageIds.add(m.messageId()));
            messages += store.outbox().deleteForLead(lead.id());
        }
        erased.put("outbox", messages);
        erased.put("idempotency_records", store.idempotency().forgetContaining(subject.fragments()));
        int anonymised = 0;
        for (Lead lead : subject.leads()) {
            anonymised += store.leads().anonymise(lead.id(), now) ? 1 : 0;
        }
        erased.put("leads", anonymised);
        erased.put("audit_subjects", forgetReadableRecipients(subject.keys()));
        // Last, so a message the outbox was already handing to the file transport is caught too.
        erased.put("outbox.emlFiles", deleteEmlFiles(messageIds));

        Map<String, Integer> kept = kept(subject);
        Map<String, String> storage = new LinkedHashMap<>(scrub.afterErasure(TABLES));
        storage.put("outbox.emlFiles", "the .eml copies of the subject's messages deleted from " + emlDirectory.getFileName());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("receiptId", receiptId);
        detail.put("requestedBy", ref.kind());
        detail.put("erased", erased);
        detail.put("kept", kept);
        detail.put("storage", storage);
        String auditId = audit.recordChange(AuditKind.SUBJECT_ERASED, actor, lookup.firstKey(ref, subject),
                SubjectLookup.leadIdOf(ref, subject), null, detail).id();
        return new ErasureReceipt(receiptId, now, erased, kept, storage, auditId);
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
        SubjectLookup.addIfPresent(emails, lead.email());
        SubjectLookup.addIfPresent(phones, lead.phone());
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
        SubjectLookup.Subject subject = new SubjectLookup.Subject(List.of(lead), emails, phones, keys);
        done.put("idempotency_records", store.idempotency().forgetContaining(subject.fragments()));
        done.put("leads", store.leads().anonymise(lead.id(), now) ? 1 : 0);
        done.put("audit_subjects", forgetReadableRecipients(keys));
        done.put("outbox.emlFiles", deleteEmlFiles(messageIds));
        return done;
    }

    /** After a purge run: scrubs the database files once for all the leads it anonymised. */
    Map<String, String> scrubStorage() {
        return scrub.afterErasure(TABLES);
    }

    /** Pseudonymous records that stay after erasure: touches, stage history, audit entries. */
    private Map<String, Integer> kept(SubjectLookup.Subject subject) {
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
    private Forgotten forgetByKeys(Set<String> keys, boolean revoke, Instant now) {
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
            store.touches().forgetSubjects(key);
            store.outbox().forRecipient(key).forEach(m -> messageIds.add(m.messageId()));
            messages += store.outbox().deleteForRecipient(key);
        }
        return new Forgotten(consents, revoked, suppressions, reviews, messages, messageIds);
    }

    /** Forgets the audit log's readable recipients for these pseudonyms; returns how many were held. */
    private int forgetReadableRecipients(Set<String> keys) {
        int held = store.audit().readableSubjects(keys).size();
        keys.forEach(store.audit()::forgetSubject);
        return held;
    }

    /** Deletes the {@code .eml} copies of these messages; returns how many existed. */
    private int deleteEmlFiles(Set<String> messageIds) {
        int deleted = 0;
        for (String id : messageIds) {
            try {
                deleted += Files.deleteIfExists(emlDirectory.resolve(id + ".eml")) ? 1 : 0;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the .eml copy of an erased message", e);
            }
        }
        return deleted;
    }

    /** Adds an ERASURE suppression unless one is on file; returns it, or null when one was. */
    private SuppressionEntry addOnce(String type, String key, String source, String actor) {
        boolean onFile = store.suppressions().findByKey(type, key).stream().anyMatch(e -> e.reason() == ERASURE);
        return onFile ? null : register.addByKey(type, key, null, ERASURE, source, actor);
    }
}
