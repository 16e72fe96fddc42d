package dev.outreach.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Decision;
import dev.outreach.policy.gdpr.ErasedSubjectRule;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.NewAuditEntry;
import dev.outreach.store.TimeOrderedIds;
import dev.outreach.store.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Writes decisions and changes to the hash-chained log before anyone acts on them. Payloads carry
 * rule results and evidence but no readable personal data; the recipient is only a pseudonym.
 */
public final class AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditEntries entries;
    private final Transactions transactions;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final List<Consumer<AuditEntry>> listeners = new CopyOnWriteArrayList<>();

    public AuditTrail(AuditEntries entries, Transactions transactions, ObjectMapper json, Clock clock,
                      MeterRegistry metrics) {
        this.entries = entries;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * A decision's entry with its id drawn and its payload serialised, before it joins the chain.
     * Drafting on the deciding thread leaves the store's single writer only the chaining and the
     * inserts ({@link #record}), so concurrent decisions do not queue behind each other's JSON.
     */
    public record DecisionDraft(Decision decision, NewAuditEntry entry, String readableRecipient) {
    }

    /**
     * The entry of a decision, not yet written: {@link #record} appends it inside the decision's
     * unit of work.
     *
     * @param subjectKey pseudonym of the recipient
     * @param readableRecipient remembered apart from the chain, so erasure can forget it
     * @param evidence what the decision relied upon beyond the rule results, free of personal data:
     *                 {@code consentIds} (ids of the consent records relied upon) and {@code lists}
     *                 (name, kind, sha256 and asOf of every suppression list version consulted), so
     *                 "which list version was in force?" is answerable from the entry alone
     */
    public DecisionDraft draft(Decision decision, Attempt attempt, String subjectKey, String readableRecipient,
                               String actor, String idempotencyKey, Map<String, Object> evidence) {
        JsonNode evidenceTree = json.valueToTree(evidence == null ? Map.of() : evidence);
        String payload = AuditPayload.Decision.of(decision, attempt, idempotencyKey, evidenceTree).toJson();
        Instant at = clock.instant();
        return new DecisionDraft(decision, new NewAuditEntry(TimeOrderedIds.next(at.toEpochMilli()), at,
                (decision.dryRun() ? AuditKind.CHECK : AuditKind.DECISION).name(), actor, subjectKey, attempt.leadId(),
                decision.channel().name(), decision.decision().name(), String.join(",", decision.blockingRules()),
                payload), readableRecipient);
    }

    /** Appends a drafted decision (inside the unit of work that records it) and returns it with its audit id. */
    public Decision record(DecisionDraft draft) {
        Decision decision = draft.decision();
        if (!decision.blockingRules().contains(ErasedSubjectRule.ID)) {
            // an erased person's address is not remembered again: only the pseudonym is kept
            entries.rememberSubject(draft.entry().subjectKey(), draft.readableRecipient());
        }
        AuditEntry e = append(draft.entry());
        transactions.afterThisCommits(() -> count(decision));
        return decision.withAuditId(e.id());
    }

    /** Counts only what is already in the log, so metrics never show a decision the audit lacks. */
    private void count(Decision decision) {
        metrics.counter("outreach.decisions", "channel", decision.channel().name(), "decision",
                decision.decision().name(), "dryRun", String.valueOf(decision.dryRun())).increment();
        for (String rule : decision.blockingRules()) {
            metrics.counter("outreach.blocks", "rule", rule).increment();
        }
    }

    /** Appends a change (suppression added, list loaded, key created...) with a detail map free of personal data. */
    public AuditEntry recordChange(AuditKind kind, String actor, String subjectKey, String leadId, String channel,
                                   Map<String, ?> detail) {
        Instant at = clock.instant();
        return append(new NewAuditEntry(TimeOrderedIds.next(at.toEpochMilli()), at, kind.name(), actor,
                subjectKey, leadId, channel, null, null, json.valueToTree(detail).toString()));
    }

    /**
     * Calls {@code listener} with every entry this trail appends, after it is durable (the
     * checkpoint writer counts them). A listener that throws does not undo the append.
     */
    public void afterAppend(Consumer<AuditEntry> listener) {
        listeners.add(listener);
    }

    /** Listeners hear of an entry once it is committed: a checkpoint never names an entry that was undone. */
    private AuditEntry append(NewAuditEntry entry) {
        AuditEntry appended = entries.append(entry);
        transactions.afterThisCommits(() -> tellListeners(appended));
        return appended;
    }

    private void tellListeners(AuditEntry appended) {
        for (Consumer<AuditEntry> listener : listeners) {
            try {
                listener.accept(appended);
            } catch (RuntimeException e) {
                LOG.error("audit append listener failed after entry {}", appended.seq(), e);
            }
        }
    }
}
