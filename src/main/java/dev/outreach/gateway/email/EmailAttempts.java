package dev.outreach.gateway.email;

import dev.outreach.gateway.Actor;
import dev.outreach.gateway.RecipientResolver;
import dev.outreach.gateway.RejectedRequest;
import dev.outreach.gateway.UnsubscribeLinks;
import dev.outreach.lead.Lead;
import dev.outreach.policy.MessageFacts;
import dev.outreach.policy.Purpose;
import dev.outreach.store.KnownRecipients;
import dev.outreach.template.RenderedMessage;
import dev.outreach.template.SenderIdentity;
import dev.outreach.template.TemplateCatalog;
import dev.outreach.template.TemplateInfo;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a request into an {@link EmailAttempt}: resolves the recipient once (loading the lead once),
 * checks the actor's ownership once, merges the lead's fields into the template data once and
 * renders, so bad input fails before any decision is made or recorded.
 */
public final class EmailAttempts {

    private final RecipientResolver resolver;
    private final TemplateCatalog templates;
    private final SenderIdentity sender;
    private final UnsubscribeLinks unsubscribeLinks;

    public EmailAttempts(RecipientResolver resolver, TemplateCatalog templates, SenderIdentity sender,
                         UnsubscribeLinks unsubscribeLinks) {
        this.resolver = resolver;
        this.templates = templates;
        this.sender = sender;
        this.unsubscribeLinks = unsubscribeLinks;
    }

    /** A send: exactly one of {@code leadId} and {@code to}; the template is required. */
    EmailAttempt toSend(String leadId, String to, String templateName, Map<String, Object> data, Actor actor) {
        RecipientResolver.Resolved who = resolver.email(leadId, to, "to");
        RecipientResolver.requireOwnership(who, actor, leadId != null ? "leadId" : "to");
        TemplateInfo info = template(templateName);
        String unsubscribeUrl = unsubscribeLinks.url(who.recipient().key());
        if (!canRender(info)) {
            // The content cannot pass canspam.message-content; judge it from the template's lint so the
            // refusal is a recorded decision, not an error (nothing is rendered or sent).
            return new EmailAttempt(who.recipient(), who.lead(), info, info.purpose(),
                    EmailFacts.messageFacts(info, sender, info.subject()), null, unsubscribeUrl, null, false, who.stored());
        }
        RenderedMessage rendered = templates.render(info.name(), merged(info, data, who.lead()), sender,
                unsubscribeUrl);
        MessageFacts content = EmailFacts.messageFacts(info, sender, rendered.subject());
        return new EmailAttempt(who.recipient(), who.lead(), info, info.purpose(), content, rendered, unsubscribeUrl,
                null, false, who.stored());
    }

    /** A check: judged as a send would be, from the template's lint and subject when one is named. */
    EmailAttempt toCheck(String leadId, String email, Purpose purpose, String templateName, Instant at, Actor actor) {
        return toCheck(resolver.email(leadId, email, "email"), leadId, purpose, templateName, at, actor);
    }

    /** A check of a batch row: what the store holds is looked up in {@code asOf}, the look its run of rows took. */
    EmailAttempt toCheck(String leadId, String email, Purpose purpose, String templateName, Instant at, Actor actor,
                         KnownRecipients asOf) {
        return toCheck(resolver.email(leadId, email, "email", asOf), leadId, purpose, templateName, at, actor);
    }

    private EmailAttempt toCheck(RecipientResolver.Resolved who, String leadId, Purpose purpose, String templateName,
                                 Instant at, Actor actor) {
        RecipientResolver.requireOwnership(who, actor, leadId != null ? "leadId" : "email");
        TemplateInfo info = templateName == null ? null : template(templateName);
        Purpose effective = info != null ? info.purpose() : purpose;
        if (effective == null) {
            throw RejectedRequest.invalid("purpose", "purpose is required when no template is named");
        }
        if (effective != Purpose.COMMERCIAL && effective != Purpose.TRANSACTIONAL) {
            throw RejectedRequest.invalid("purpose", "email purpose must be COMMERCIAL or TRANSACTIONAL");
        }
        MessageFacts content = info == null ? null : EmailFacts.messageFacts(info, sender, info.subject());
        return new EmailAttempt(who.recipient(), who.lead(), info, effective, content, null, null, at, true, who.stored());
    }

    private TemplateInfo template(String name) {
        return templates.find(name).orElseThrow(() ->
                RejectedRequest.unprocessable("template", "unknown template '" + name + "'"));
    }

    /** A commercial message cannot be rendered without the sender's postal address (15 USC 7704(a)(5)(A)(iii)). */
    private boolean canRender(TemplateInfo info) {
        return info.purpose() != Purpose.COMMERCIAL || sender.hasPostalAddress();
    }

    /**
     * The lead's own fields fill in only what the template declares; the caller's own data is passed
     * whole, so a misspelt or undeclared field is refused by name instead of silently dropped.
     */
    private static Map<String, Object> merged(TemplateInfo info, Map<String, Object> data, Lead lead) {
        Map<String, Object> merged = new HashMap<>(info.declaredFieldsOf(leadFields(lead)));
        merged.putAll(data == null ? Map.of() : data);
        return merged;
    }

    /** The lead's fields a template may use (the console shows the same ones as already filled in). */
    public static Map<String, Object> leadFields(Lead lead) {
        Map<String, Object> fields = new HashMap<>();
        if (lead != null) {
            putIfPresent(fields, "firstName", lead.firstName());
            putIfPresent(fields, "lastName", lead.lastName());
            putIfPresent(fields, "company", lead.company());
        }
        return fields;
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
