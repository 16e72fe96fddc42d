package dev.outreach.gateway;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditTrail;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.store.Store;
import dev.outreach.store.SuppressionEntry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GDPR Art 21(2)-(3): the person objects to direct marketing. An OBJECTION suppression for each of
 * their addresses and numbers, durable before this returns, so {@code gdpr.objection} blocks every
 * later marketing touch on every channel, for good. Audited as SUBJECT_OBJECTED.
 */
public final class SubjectObjection {

    /** An objection as recorded: the OBJECTION suppressions added and those already on file. */
    public record Objection(Instant objectedAt, List<SuppressionEntry> added, List<SuppressionEntry> alreadyOnFile) {
    }

    static final SuppressionReason OBJECTION = SuppressionReason.OBJECTION;

    private final Store store;
    private final SuppressionRegister register;
    private final AuditTrail audit;
    private final RecipientPseudonyms pseudonyms;
    private final SubjectLookup lookup;
    private final Clock clock;

    public SubjectObjection(Store store, SuppressionRegister register, AuditTrail audit, RecipientPseudonyms pseudonyms,
                            Clock clock) {
        this.store = store;
        this.register = register;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.lookup = new SubjectLookup(store, pseudonyms);
        this.clock = clock;
    }

    /**
     * @param via how the objection came, e.g. {@code api}, {@code call}, {@code letter}
     * @param actor who recorded it, as the audit log names them ({@link Actor#auditName()}, {@code cli})
     * @throws RejectedRequest when the lead has neither an address nor a number
     */
    public Objection object(SubjectRef ref, String via, String actor) {
        SubjectLookup.Subject subject = lookup.resolve(ref);
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
        audit.recordChange(AuditKind.SUBJECT_OBJECTED, actor, lookup.firstKey(ref, subject),
                SubjectLookup.leadIdOf(ref, subject), null, detail);
        return new Objection(now, added, existing);
    }

    private void objectFor(String type, String key, String readable, String via, String actor,
                           List<SuppressionEntry> added, List<SuppressionEntry> existing) {
        List<SuppressionEntry> onFile = store.suppressions().findByKey(type, key).stream()
                .filter(e -> e.reason() == OBJECTION).toList();
        if (onFile.isEmpty()) {
            added.add(register.addByKey(type, key, readable, OBJECTION, via, actor));
        } else {
            existing.addAll(onFile);
        }
    }
}
