package dev.outreach.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Decision;
import dev.outreach.policy.RuleResult;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.NewAuditEntry;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Writes decisions and changes to the hash-chained log before anyone acts on them. Payloads carry
 * rule results and evidence but no readable personal data; the recipient is only a pseudonym.
 */
public final class AuditTrail {

    private final AuditEntries entries;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditTrail(AuditEntries entries, ObjectMapper json, Clock clock) {
        this.entries = entries;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Appends the decision and returns it with its audit id.
     *
     * @param subjectKey pseudonym of the recipient
     * @param readableRecipient remembered apart from the chain, so erasure can forget it
     */
    public Decision recordDecision(Decision decision, Attempt attempt, String subjectKey, String readableRecipient,
                                   String actor, String idempotencyKey) {
        entries.rememberSubject(subjectKey, readableRecipient);
        ObjectNode payload = json.createObjectNode();
        payload.put("purpose", attempt.purpose().name());
        payload.put("template", attempt.template());
        payload.put("dialer", attempt.dialer() == null ? null : attempt.dialer().name());
        payload.put("dryRun", decision.dryRun());
        payload.put("policyVersion", decision.policyVersion());
        payload.put("decidedAt", decision.decidedAt().toString());
        payload.put("nextAllowedAt", decision.nextAllowedAt() == null ? null : decision.nextAllowedAt().toString());
        payload.put("idempotencyKey", idempotencyKey);
        ArrayNode evaluated = payload.putArray("evaluated");
        for (RuleResult r : decision.evaluated()) {
            ObjectNode n = evaluated.addObject();
            n.put("rule", r.rule());
            n.put("outcome", r.outcome().name());
            n.put("detail", r.detail());
            n.put("citation", r.citation());
            n.put("nextAllowedAt", r.nextAllowedAt() == null ? null : r.nextAllowedAt().toString());
        }
        AuditEntry e = entries.append(new NewAuditEntry(UUID.randomUUID().toString(), clock.instant(),
                decision.dryRun() ? "CHECK" : "DECISION", actor, subjectKey, attempt.leadId(),
                decision.channel().name(), decision.decision().name(), String.join(",", decision.blockingRules()),
                payload.toString()));
        return decision.withAuditId(e.id());
    }

    /** Appends a change (suppression added, list loaded, key created...) with a detail map free of personal data. */
    public AuditEntry recordChange(String kind, String actor, String subjectKey, String leadId, String channel,
                                   Map<String, ?> detail) {
        return entries.append(new NewAuditEntry(UUID.randomUUID().toString(), clock.instant(), kind, actor,
                subjectKey, leadId, channel, null, null, json.valueToTree(detail).toString()));
    }
}
