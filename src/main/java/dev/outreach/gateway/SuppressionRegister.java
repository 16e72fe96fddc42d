package dev.outreach.gateway;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditTrail;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.contact.EmailAddresses;
import dev.outreach.contact.PhoneNumbers;
import dev.outreach.policy.SuppressionHit;
import dev.outreach.store.SuppressionEntry;
import dev.outreach.store.Suppressions;
import dev.outreach.suppression.ListKind;
import dev.outreach.suppression.LoadedList;
import dev.outreach.suppression.SuppressionLists;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One view of everything that suppresses a recipient: the list files' in-memory indexes and the
 * runtime entries in the store (looked up by pseudonym, so erased entries still match).
 */
public final class SuppressionRegister {

    public static final Set<String> TYPES = Set.of("EMAIL", "DOMAIN", "PHONE");

    /** Company do-not-call requests are kept at least five years, 47 CFR 64.1200(d)(6). */
    private static final java.time.Duration DNC_RETENTION = java.time.Duration.ofDays(5 * 365 + 1);

    private final SuppressionLists lists;
    private final Suppressions store;
    private final RecipientPseudonyms pseudonyms;
    private final AuditTrail audit;
    private final Clock clock;

    public SuppressionRegister(SuppressionLists lists, Suppressions store, RecipientPseudonyms pseudonyms,
                               AuditTrail audit, Clock clock) {
        this.lists = lists;
        this.store = store;
        this.pseudonyms = pseudonyms;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * List-file hits, runtime entries for the address, and runtime entries for its domain or any
     * parent. Without {@code runtime} the store is not asked: for a recipient it holds nothing about
     * ({@link dev.outreach.store.KnownRecipients}).
     */
    public List<SuppressionHit> emailHits(String normalisedAddress, boolean runtime) {
        List<SuppressionHit> hits = new ArrayList<>(lists.emailHits(normalisedAddress));
        if (!runtime) {
            return hits;
        }
        List<Suppressions.Key> probes = emailProbes(normalisedAddress);
        List<SuppressionEntry> found = store.findByKeys(probes);
        // the address first, then its domain and each parent, as the hits have always been listed
        for (Suppressions.Key probe : probes) {
            for (SuppressionEntry e : found) {
                if (e.type().equals(probe.type()) && e.valueKey().equals(probe.valueKey())) {
                    hits.add(new SuppressionHit(e.reason(), "runtime:" + e.source(),
                            probe.type().equals("EMAIL") ? "ADDRESS" : "DOMAIN"));
                }
            }
        }
        return hits;
    }

    /** The runtime keys an address is suppressed under: its pseudonym, then its domain's and each parent's. */
    public List<Suppressions.Key> emailProbes(String normalisedAddress) {
        return emailProbes(normalisedAddress, pseudonyms.email(normalisedAddress));
    }

    /** As {@link #emailProbes(String)}, for a caller that has the address's pseudonym already (a keyed hash each). */
    public List<Suppressions.Key> emailProbes(String normalisedAddress, String addressPseudonym) {
        List<Suppressions.Key> probes = new ArrayList<>();
        probes.add(new Suppressions.Key("EMAIL", addressPseudonym));
        String domain = EmailAddresses.domainOf(normalisedAddress);
        for (String suffix = domain; suffix.contains("."); suffix = suffix.substring(suffix.indexOf('.') + 1)) {
            probes.add(new Suppressions.Key("DOMAIN", pseudonyms.domain(suffix)));
        }
        return probes;
    }

    /**
     * List-file hits and runtime entries (DNC requests, objections, erasure) for a number; without
     * {@code runtime} the store is not asked.
     */
    public List<SuppressionHit> phoneHits(String e164, boolean runtime) {
        List<SuppressionHit> hits = new ArrayList<>(lists.phoneHits(e164));
        if (runtime) {
            runtimeHits("PHONE", pseudonyms.phone(e164), "NUMBER", hits);
        }
        return hits;
    }

    /** Company do-not-call lists that could not be read. */
    public List<String> unreadablePhoneLists() {
        return lists.unreadable("PHONE");
    }

    /** Lists of the email kinds that could not be read. */
    public List<String> unreadableEmailLists() {
        List<String> out = new ArrayList<>();
        for (String kind : List.of("EMAIL", "DOMAIN", "HASHED")) {
            out.addAll(lists.unreadable(kind));
        }
        return out;
    }

    /**
     * The identity of every list version an email decision consults now (every EMAIL, DOMAIN and
     * HASHED list: name, kind, status, sha256, entries, asOf, loadedAt), for the decision's audit
     * evidence. Holds no list content.
     */
    public List<Map<String, Object>> consultedEmailLists() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LoadedList list : lists.lists()) {
            if (list.kind() == ListKind.EMAIL || list.kind() == ListKind.DOMAIN || list.kind() == ListKind.HASHED) {
                Map<String, Object> identity = new LinkedHashMap<>();
                identity.put("name", list.name());
                identity.put("kind", list.kind().name());
                identity.put("status", list.status().name());
                identity.put("sha256", list.sha256());
                identity.put("entries", list.entries());
                identity.put("asOf", list.asOf() == null ? null : list.asOf().toString());
                identity.put("loadedAt", list.loadedAt().toString());
                out.add(identity);
            }
        }
        return out;
    }

    private void runtimeHits(String type, String key, String matchedBy, List<SuppressionHit> into) {
        for (SuppressionEntry e : store.findByKey(type, key)) {
            into.add(new SuppressionHit(e.reason(), "runtime:" + e.source(), matchedBy));
        }
    }

    /**
     * Normalises and stores a suppression, durably, then audits it.
     *
     * @throws IllegalArgumentException naming what is wrong with type or value
     */
    public SuppressionEntry add(String type, String rawValue, SuppressionReason reason, String source, String actor,
                                String defaultPhoneRegion) {
        String value = normalise(type, rawValue, defaultPhoneRegion);
        return addByKey(type, pseudonyms.of(type, value), value, reason, source, actor);
    }

    /** Stores a suppression known only by pseudonym (one-click unsubscribe, erasure); value may be null. */
    public SuppressionEntry addByKey(String type, String valueKey, String readableOrNull, SuppressionReason reason,
                                     String source, String actor) {
        SuppressionEntry entry = new SuppressionEntry(UUID.randomUUID().toString(), type, readableOrNull, valueKey,
                reason, source, clock.instant());
        store.add(entry);
        audit.recordChange(AuditKind.SUPPRESSION_ADDED, actor, valueKey, null, channelOf(type),
                Map.of("id", entry.id(), "type", type, "reason", reason, "source", source == null ? "" : source));
        return entry;
    }

    public static String normalise(String type, String raw, String defaultPhoneRegion) {
        return switch (type) {
            case "EMAIL" -> EmailAddresses.normalise(raw);
            case "DOMAIN" -> EmailAddresses.normaliseDomain(raw);
            case "PHONE" -> PhoneNumbers.toE164(raw, defaultPhoneRegion);
            default -> throw new IllegalArgumentException("type must be one of EMAIL, DOMAIN, PHONE");
        };
    }

    public Optional<SuppressionEntry> find(String id) {
        return store.find(id);
    }

    public List<SuppressionEntry> list(String type, int offset, int limit) {
        return store.list(type, offset, limit);
    }

    /** Removes an entry and audits it; ERASURE entries are permanent, since they are all that stops recontact. */
    public boolean remove(String id, String actor) {
        Optional<SuppressionEntry> entry = store.find(id);
        if (entry.isEmpty()) {
            return false;
        }
        if (entry.get().reason() == SuppressionReason.ERASURE) {
            throw new IllegalStateException("an ERASURE suppression cannot be removed");
        }
        // A "review" entry is provisional (a text that only may have been a stop request); clearing the
        // review lifts it. A confirmed request stays five years.
        if (entry.get().reason() == SuppressionReason.DNC_REQUEST && !"review".equals(entry.get().source())
                && entry.get().createdAt().isAfter(clock.instant().minus(DNC_RETENTION))) {
            throw new IllegalStateException("a do-not-call request must be kept for five years (47 CFR 64.1200(d)(6))");
        }
        boolean removed = store.remove(id);
        if (removed) {
            audit.recordChange(AuditKind.SUPPRESSION_REMOVED, actor, entry.get().valueKey(), null,
                    channelOf(entry.get().type()), Map.of("id", id, "type", entry.get().type(),
                            "reason", entry.get().reason()));
        }
        return removed;
    }

    private static String channelOf(String type) {
        return type.equals("PHONE") ? "CALL" : "EMAIL";
    }
}
