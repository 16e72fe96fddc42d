package dev.outreach.scrub;

import dev.outreach.gateway.Actor;
import dev.outreach.gateway.PhoneTouches;
import dev.outreach.gateway.email.EmailDecisions;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Decision;

/**
 * Decides a batch row through the very use cases a single check goes through ({@link EmailDecisions},
 * {@link PhoneTouches}), but records nothing: the batch gets one audit entry for all its rows. So a
 * row and a single check of the same input always get the same decision.
 */
public final class PolicyRowDecider implements RowDecider {

    private final EmailDecisions emails;
    private final PhoneTouches phones;

    public PolicyRowDecider(EmailDecisions emails, PhoneTouches phones) {
        this.emails = emails;
        this.phones = phones;
    }

    @Override
    public Decision decide(CheckRow row) {
        if (row.channel() == Channel.EMAIL) {
            return emails.preview(new EmailDecisions.CheckRequest(row.leadId(), row.email(), row.purpose(),
                    row.template(), row.at(), null), Actor.SYSTEM);
        }
        return phones.preview(new PhoneTouches.Request(row.channel(), row.leadId(), row.phone(), row.purpose(), null,
                row.at(), true, null), Actor.SYSTEM);
    }
}
