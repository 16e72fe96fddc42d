package dev.outreach.gateway;

import dev.outreach.audit.AuditTrail;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Decision;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PolicyEngine;
import dev.outreach.policy.Purpose;
import dev.outreach.template.SenderIdentity;
import dev.outreach.template.TemplateCatalog;
import dev.outreach.template.TemplateInfo;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A dry run: "may this email go?" judged exactly as a send would be, audited as a CHECK, nothing
 * sent and no touch recorded. With a template, its content is judged from the template's lint
 * and subject; without one only the recipient is judged.
 */
public final class EmailChecking {

    private final RecipientResolver resolver;
    private final TemplateCatalog templates;
    private final FactGatherer facts;
    private final SuppressionRegister suppressions;
    private final PolicyEngine engine;
    private final AuditTrail audit;
    private final SenderIdentity sender;
    private final Clock clock;

    public EmailChecking(RecipientResolver resolver, TemplateCatalog templates, FactGatherer facts,
                         SuppressionRegister suppressions, PolicyEngine engine, AuditTrail audit,
                         SenderIdentity sender, Clock clock) {
        this.resolver = resolver;
        this.suppressions = suppressions;
        this.templates = templates;
        this.facts = facts;
        this.engine = engine;
        this.audit = audit;
        this.sender = sender;
        this.clock = clock;
    }

    /** {@code purpose} may be null when a template (which declares its purpose) is named. */
    public Decision check(String leadId, String email, Purpose purpose, String template, Instant at, Actor actor,
                          String idempotencyKey) {
        RecipientResolver.Resolved who = resolver.email(leadId, email, "email");
        RecipientResolver.requireOwnership(who, actor, leadId != null ? "leadId" : "email");
        TemplateInfo info = template == null ? null : templates.find(template).orElseThrow(() ->
                RejectedRequest.unprocessable("template", "unknown template '" + template + "'"));
        Purpose effective = info != null ? info.purpose() : purpose;
        if (effective == null) {
            throw RejectedRequest.invalid("purpose", "purpose is required when no template is named");
        }
        if (effective != Purpose.COMMERCIAL && effective != Purpose.TRANSACTIONAL) {
            throw RejectedRequest.invalid("purpose", "email purpose must be COMMERCIAL or TRANSACTIONAL");
        }
        Attempt attempt = new Attempt(Channel.EMAIL, effective, who.recipient().address(),
                who.lead() == null ? null : who.lead().id(), template, null, at, true);
        Instant now = at != null ? at : clock.instant();
        List<Map<String, Object>> lists = suppressions.consultedEmailLists();
        Facts gathered = facts.forEmail(who.recipient(), who.lead(), info == null ? null
                : FactGatherer.messageFacts(info, sender, info.subject()), now);
        Map<String, Object> evidence = EmailEvidence.of(lists, gathered, now);
        return audit.recordDecision(engine.decide(attempt, gathered, clock), attempt, who.recipient().key(),
                who.recipient().address(), actor.auditName(), idempotencyKey, evidence);
    }
}
