package dev.outreach.scrub;

import dev.outreach.gateway.Actor;
import dev.outreach.gateway.PhoneTouches;
import dev.outreach.gateway.email.EmailDecisions;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Decision;
import dev.outreach.store.KnownRecipients;

/**
 * Decides a batch row through the very use cases a single check goes through ({@link EmailDecisions},
 * {@link PhoneTouches}), but records nothing: the batch gets one audit entry for all its rows. So a
 * row and a single check of the same input always get the same decision.
 */
public final class PolicyRowDecider implements RowDecider {

    private final EmailDecisions emails;
    private final PhoneTouches phones;
    private final KnownRecipients known;

    public PolicyRowDecider(EmailDecisions emails, PhoneTouches phones, KnownRecipients known) {
        this.emails = emails;
        this.phones = phones;
        this.known = known;
    }

    @Override
    public Decision decide(CheckRow row) {
        return decide(row, known);
    }

    /**
     * One look at which recipients the store holds anything about, for the whole run: catching up
     * costs a query, and a row judged a few milliseconds earlier could not have seen a later
     * opt-out either.
     */
    @Override
    public RowDecider forRun() {
        KnownRecipients look = KnownRecipients.asOf(known.now());
        return row -> decide(row, look);
    }

    private Decision decide(CheckRow row, KnownRecipients asOf) {
        if (row.channel() == Channel.EMAIL) {
            return emails.preview(new EmailDecisions.CheckRequest(row.leadId(), row.email(), row.purpose(),
                    row.template(), row.at(), null), Actor.SYSTEM, asOf);
        }
        return phones.preview(new PhoneTouches.Request(row.channel(), row.leadId(), row.phone(), row.purpose(),
                row.dialer(), row.at(), true, null), Actor.SYSTEM, asOf);
    }
}
