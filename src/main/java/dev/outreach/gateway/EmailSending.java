package dev.outreach.gateway;

import dev.outreach.audit.AuditTrail;
import dev.outreach.contact.EmailAddresses;
import dev.outreach.lead.Lead;
import dev.outreach.lead.Touch;
import dev.outreach.mail.ComposedMessage;
import dev.outreach.mail.MimeComposer;
import dev.outreach.mail.OutgoingEmail;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Decision;
import dev.outreach.policy.Facts;
import dev.outreach.policy.MessageFacts;
import dev.outreach.policy.PolicyEngine;
import dev.outreach.store.Outbox;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.OutboxStatus;
import dev.outreach.store.Touches;
import dev.outreach.template.RenderedMessage;
import dev.outreach.template.SenderIdentity;
import dev.outreach.template.TemplateCatalog;
import dev.outreach.template.TemplateInfo;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sending one templated follow-up: resolve the recipient, render (so bad input fails before any
 * decision), decide, audit, and only then queue the message and record the touch.
 */
public final class EmailSending {

    /** What a rep or tool asks for; exactly one of leadId and to is set. */
    public record Request(String leadId, String to, String template, Map<String, Object> data,
                          String idempotencyKey) {
    }

    /** The decision and, when allowed, the queued message. */
    public record Result(Decision decision, String messageId, OutboxStatus status) {
    }

    private final RecipientResolver resolver;
    private final Touches touches;
    private final Outbox outbox;
    private final TemplateCatalog templates;
    private final FactGatherer facts;
    private final SuppressionRegister suppressions;
    private final PolicyEngine engine;
    private final AuditTrail audit;
    private final UnsubscribeLinks unsubscribeLinks;
    private final MimeComposer composer;
    private final SenderIdentity sender;
    private final String unsubscribeMailto;
    private final Clock clock;

    public EmailSending(RecipientResolver resolver, Touches touches, Outbox outbox, TemplateCatalog templates,
                        FactGatherer facts, SuppressionRegister suppressions, PolicyEngine engine, AuditTrail audit,
                        UnsubscribeLinks unsubscribeLinks, MimeComposer composer, SenderIdentity sender,
                        String unsubscribeMailto, Clock clock) {
        this.resolver = resolver;
        this.suppressions = suppressions;
        this.touches = touches;
        this.outbox = outbox;
        this.templates = templates;
        this.facts = facts;
        this.engine = engine;
        this.audit = audit;
        this.unsubscribeLinks = unsubscribeLinks;
        this.composer = composer;
        this.sender = sender;
        this.unsubscribeMailto = unsubscribeMailto;
        this.clock = clock;
    }

    public Result send(Request request, Actor actor) {
        RecipientResolver.Resolved who = resolver.email(request.leadId(), request.to(), "to");
        RecipientResolver.requireOwnership(who, actor, request.leadId() != null ? "leadId" : "to");
        Lead lead = who.lead();
        Recipient recipient = who.recipient();
        TemplateInfo info = templates.find(request.template()).orElseThrow(() ->
                RejectedRequest.unprocessable("template", "unknown template '" + request.template() + "'"));
        String unsubscribeUrl = unsubscribeLinks.url(recipient.key());
        RenderedMessage rendered = render(info, request.data(), lead, unsubscribeUrl);
        MessageFacts content = FactGatherer.messageFacts(info, sender, rendered.subject());

        Attempt attempt = Attempt.email(recipient.address(), info.purpose(), lead == null ? null : lead.id(),
                info.name());
        List<Map<String, Object>> lists = suppressions.consultedEmailLists();
        Instant now = clock.instant();
        Facts gathered = facts.forEmail(recipient, lead, content, now);
        Map<String, Object> evidence = EmailEvidence.of(lists, gathered, now);
        Decision decision = audit.recordDecision(engine.decide(attempt, gathered, clock), attempt, recipient.key(),
                recipient.address(), actor.auditName(), request.idempotencyKey(), evidence);
        String messageId = decision.allowed() ? queue(rendered, recipient, lead, unsubscribeUrl) : null;
        recordTouch(decision, attempt, lead, recipient, messageId);
        return new Result(decision, messageId, messageId == null ? null : OutboxStatus.QUEUED);
    }

    /**
     * The lead's own fields fill in what the caller did not give. A missing required field throws {@link dev.outreach.template.MissingTemplateFieldException}.
     */
    private RenderedMessage render(TemplateInfo info, Map<String, Object> data, Lead lead, String unsubscribeUrl) {
        Map<String, Object> fromLead = new HashMap<>();
        if (lead != null) {
            putIfPresent(fromLead, "firstName", lead.firstName());
            putIfPresent(fromLead, "lastName", lead.lastName());
            putIfPresent(fromLead, "company", lead.company());
        }
        // Lead fields fill in only what the template declares; the caller's own data is passed whole, so a
        // misspelt or undeclared field is refused by name instead of silently dropped.
        Map<String, Object> merged = new HashMap<>(info.declaredFieldsOf(fromLead));
        merged.putAll(data == null ? Map.of() : data);
        return templates.render(info.name(), merged, sender, unsubscribeUrl);
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    private String queue(RenderedMessage rendered, Recipient recipient, Lead lead, String unsubscribeUrl) {
        ComposedMessage mime = composer.compose(new OutgoingEmail(sender.name(), sender.email(), recipient.address(),
                rendered.subject(), rendered.text(), rendered.html(), rendered.commercial(),
                rendered.commercial() ? unsubscribeUrl : null, rendered.commercial() ? unsubscribeMailto : null,
                EmailAddresses.domainOf(sender.email())));
        Instant now = clock.instant();
        outbox.enqueue(new OutboxMessage(mime.messageId(), lead == null ? null : lead.id(), recipient.address(),
                recipient.key(), mime.mime(), OutboxStatus.QUEUED, 0, now, null, now, now));
        return mime.messageId();
    }

    private void recordTouch(Decision decision, Attempt attempt, Lead lead, Recipient recipient, String messageId) {
        touches.record(new Touch(UUID.randomUUID().toString(), lead == null ? null : lead.id(), recipient.key(),
                Channel.EMAIL, attempt.purpose(), lead == null ? null : lead.stage(), attempt.template(),
                decision.decision(), decision.blockingRules(), decision.auditId(), messageId, false,
                decision.decidedAt()));
    }
}
