package dev.outreach.gateway.email;

import dev.outreach.gateway.Recipient;
import dev.outreach.lead.Lead;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.MessageFacts;
import dev.outreach.policy.Purpose;
import dev.outreach.template.RenderedMessage;
import dev.outreach.template.TemplateInfo;

import java.time.Instant;

/**
 * One email someone wants to send or check, resolved once: the recipient, the lead (null for an
 * address that belongs to no lead), the template (null for a check without one), the content the
 * rules judge, and for a send the rendered message.
 *
 * @param rendered null for a check, and for a send whose content cannot pass (see {@link EmailAttempts})
 * @param at the instant to judge; null means now
 * @param stored false when the store holds nothing about the recipient, so no fact need be read
 */
public record EmailAttempt(Recipient recipient, Lead lead, TemplateInfo template, Purpose purpose,
                           MessageFacts content, RenderedMessage rendered, String unsubscribeUrl, Instant at,
                           boolean dryRun, boolean stored) {

    /** The attempt as the policy engine sees it. */
    public Attempt attempt() {
        return new Attempt(Channel.EMAIL, purpose, recipient.address(), lead == null ? null : lead.id(),
                template == null ? null : template.name(), null, at, dryRun);
    }
}
