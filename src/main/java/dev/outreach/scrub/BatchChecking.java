package dev.outreach.scrub;

import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditTrail;
import dev.outreach.gateway.Actor;
import dev.outreach.policy.PolicyEngine;
import dev.outreach.store.AuditEntry;
import dev.outreach.suppression.LoadedList;
import dev.outreach.suppression.NationalDncLoad;
import dev.outreach.suppression.NationalDncRegistry;
import dev.outreach.suppression.SuppressionLists;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * List scrubbing: a whole batch of checks judged on every core, results streamed in input order,
 * and ONE audit entry for the batch (kind {@code BATCH_CHECK}) naming the input and the result by
 * SHA-256 with the counts per outcome and per rule and the versions of the policy and of every
 * list consulted, so a compliance officer can prove what was scrubbed, when, against what. Rows are
 * not audited one by one.
 */
public final class BatchChecking {

    public static final AuditKind AUDIT_KIND = AuditKind.BATCH_CHECK;

    private final RowDecider decider;
    private final AuditTrail audit;
    private final PolicyEngine engine;
    private final SuppressionLists lists;
    private final NationalDncRegistry registry;
    private final BatchScrubber scrubber;

    public BatchChecking(RowDecider decider, AuditTrail audit, PolicyEngine engine, SuppressionLists lists,
                         NationalDncRegistry registry, BatchScrubber scrubber) {
        this.decider = decider;
        this.audit = audit;
        this.engine = engine;
        this.lists = lists;
        this.registry = registry;
        this.scrubber = scrubber;
    }

    /** Judges every row of {@code input} into {@code output}, audits the batch once, then finishes the output. */
    public BatchReceipt run(BatchInput input, BatchDefaults defaults, Actor actor, BatchOutput output) {
        BatchSummary summary = scrubber.run(input, decider, output);
        String inputSha256 = input.sha256Hex();
        Map<String, String> digests = output.digests();
        AuditEntry entry = audit.recordChange(AUDIT_KIND, actor.auditName(), null, null,
                defaults.channel() == null ? null : defaults.channel().name(),
                detail(input, defaults, summary, inputSha256, digests));
        BatchReceipt receipt = new BatchReceipt(entry.id(), inputSha256, digests, summary, defaults.at());
        output.finish(receipt);
        return receipt;
    }

    private Map<String, Object> detail(BatchInput input, BatchDefaults defaults, BatchSummary summary,
                                       String inputSha256, Map<String, String> digests) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("format", input.format().name());
        detail.put("inputSha256", inputSha256);
        detail.putAll(digests);
        detail.put("rows", summary.rows());
        Map<String, Object> outcomes = new LinkedHashMap<>();
        outcomes.put("ALLOW", summary.allowed());
        outcomes.put("BLOCK", summary.blocked());
        outcomes.put("ERROR", summary.errors());
        detail.put("outcomes", outcomes);
        detail.put("rules", summary.rules());
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("channel", defaults.channel() == null ? null : defaults.channel().name());
        given.put("purpose", defaults.purpose() == null ? null : defaults.purpose().name());
        given.put("template", defaults.template());
        given.put("dialer", defaults.dialer() == null ? null : defaults.dialer().name());
        given.put("at", defaults.at().toString());
        detail.put("defaults", given);
        detail.put("policyVersion", engine.policyVersion());
        detail.put("lists", listVersions());
        detail.put("nationalDncRegistry", registryVersion());
        return detail;
    }

    /** Identity of every list in force (no content): name, kind, status, sha256, entries, asOf. */
    private List<Map<String, Object>> listVersions() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LoadedList list : lists.lists()) {
            Map<String, Object> identity = new LinkedHashMap<>();
            identity.put("name", list.name());
            identity.put("kind", list.kind().name());
            identity.put("status", list.status().name());
            identity.put("sha256", list.sha256());
            identity.put("entries", list.entries());
            identity.put("asOf", list.asOf() == null ? null : list.asOf().toString());
            out.add(identity);
        }
        return out;
    }

    private Map<String, Object> registryVersion() {
        NationalDncLoad load = registry.status();
        Map<String, Object> reg = new LinkedHashMap<>();
        reg.put("asOf", registry.asOf() == null ? null : registry.asOf().toString());
        reg.put("sha256", load == null ? null : load.sha256());
        reg.put("numbers", load == null ? 0 : load.numbers());
        return reg;
    }
}
