package dev.outreach.gateway;

import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.lead.Lead;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.Store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who a data subject is, for export, erasure and objection: the address, number or lead named,
 * every lead that carries that address or number, the addresses and numbers of those leads, and
 * the pseudonyms the leads were touched or audited under (addresses and numbers they had before).
 */
final class SubjectLookup {

    /** The identifiers of one subject. */
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

    private final Store store;
    private final RecipientPseudonyms pseudonyms;

    SubjectLookup(Store store, RecipientPseudonyms pseudonyms) {
        this.store = store;
        this.pseudonyms = pseudonyms;
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

    static void addIfPresent(Set<String> into, String value) {
        if (value != null && !value.isBlank()) {
            into.add(value);
        }
    }

    /** The pseudonym an audit entry about the request is filed under. */
    String firstKey(SubjectRef ref, Subject subject) {
        if (ref.email() != null) {
            return pseudonyms.email(ref.email());
        }
        if (ref.phone() != null) {
            return pseudonyms.phone(ref.phone());
        }
        return subject.keys().stream().findFirst().orElse(null);
    }

    static String leadIdOf(SubjectRef ref, Subject subject) {
        return ref.leadId() != null ? ref.leadId()
                : subject.leads().isEmpty() ? null : subject.leads().get(0).id();
    }
}
