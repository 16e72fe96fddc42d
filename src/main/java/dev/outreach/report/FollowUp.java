package dev.outreach.report;

import dev.outreach.lead.Stage;
import dev.outreach.policy.Channel;

import java.time.Duration;
import java.time.Instant;

/**
 * The next SOP follow-up one lead is owed.
 *
 * @param channel        EMAIL when the lead has an email address, else CALL when it has a phone, else null
 * @param lastFollowUpAt the last allowed touch in this stay in the stage (null: none yet)
 * @param deadline       basis (stage entry, or {@code lastFollowUpAt} for a cadence) plus the rule's
 *                       interval in business time
 * @param overdueBy      wall-clock time since the deadline; null unless OVERDUE
 * @param blocked        the last blocked attempt since the last allowed follow-up, or null
 * @param deadlineSource the template or configuration key that sets the interval
 */
public record FollowUp(String leadId, String owner, Stage stage, String template, Channel channel,
                       Instant stageEnteredAt, Instant lastFollowUpAt, Instant deadline, FollowUpStatus status,
                       Duration overdueBy, BlockedAttempt blocked, String deadlineSource) {

    /**
     * Overdue although someone tried in time: an attempt at or before the deadline was blocked by
     * policy, and no allowed follow-up has gone out since.
     */
    public boolean overdueBecauseOfBlock() {
        return status == FollowUpStatus.OVERDUE && blocked != null && !blocked.at().isAfter(deadline);
    }
}
