package dev.outreach.store;

import dev.outreach.lead.Stage;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.Verdict;

import java.time.Instant;
import java.util.List;

/**
 * An attempt to reach a lead, allowed or blocked, with the stage the lead was in at that moment.
 *
 * @param recipientKey the keyed pseudonym of the recipient (never the readable address)
 * @param reference the message id (email), call id (call) or null
 * @param dialer how a call was placed; null for texts and emails, and for calls recorded before the
 *               dialer was kept (rules count those as any dialer)
 * @param subject what a call or text was about, as the caller stated it; null when not stated
 */
public record Touch(String id, String leadId, String recipientKey, Channel channel, Purpose purpose, Stage stage,
                    String template, Verdict decision, List<String> blockedBy, String auditId, String reference,
                    boolean dryRun, Instant at, Dialer dialer, String subject) {

    /** A touch with no dialer and no subject (emails). */
    public Touch(String id, String leadId, String recipientKey, Channel channel, Purpose purpose, Stage stage,
                 String template, Verdict decision, List<String> blockedBy, String auditId, String reference,
                 boolean dryRun, Instant at) {
        this(id, leadId, recipientKey, channel, purpose, stage, template, decision, blockedBy, auditId, reference,
                dryRun, at, null, null);
    }

    public Touch {
        blockedBy = blockedBy == null ? List.of() : List.copyOf(blockedBy);
    }
}
