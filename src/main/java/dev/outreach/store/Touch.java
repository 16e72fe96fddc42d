package dev.outreach.store;

import dev.outreach.lead.Stage;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.Verdict;

import java.time.Instant;
import java.util.List;

/**
 * An attempt to reach a lead, allowed or blocked, with the stage the lead was in at that moment.
 *
 * @param recipientKey the keyed pseudonym of the recipient (never the readable address)
 * @param reference the message id (email), call id (call) or null
 */
public record Touch(String id, String leadId, String recipientKey, Channel channel, Purpose purpose, Stage stage,
                    String template, Verdict decision, List<String> blockedBy, String auditId, String reference,
                    boolean dryRun, Instant at) {

    public Touch {
        blockedBy = blockedBy == null ? List.of() : List.copyOf(blockedBy);
    }
}
