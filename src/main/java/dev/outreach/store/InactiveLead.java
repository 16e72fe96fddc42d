package dev.outreach.store;

import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.Stage;

import java.time.Instant;
import java.util.Objects;

/**
 * A lead with no activity for longer than the retention period (storage limitation, GDPR
 * Art 5(1)(e)). Carries no personal data, so the report can be shown before anything is purged.
 *
 * @param lastActivityAt the latest of its creation, last update, last stage change and last touch
 */
public record InactiveLead(String leadId, Stage stage, LeadOutcome outcome, Instant lastActivityAt) {

    public InactiveLead {
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(lastActivityAt, "lastActivityAt");
    }
}
