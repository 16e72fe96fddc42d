package dev.outreach.gateway;

import dev.outreach.store.Touch;
import dev.outreach.policy.TouchFact;
import dev.outreach.policy.Verdict;
import dev.outreach.store.Touches;

import java.time.Instant;
import java.util.List;

/** The touches to one recipient that the frequency, duplicate and state-cap rules look back on. */
public final class RecentTouches {

    private final Touches touches;

    public RecentTouches(Touches touches) {
        this.touches = touches;
    }

    /** Real touches (dry runs left out) to the recipient pseudonym since {@code from}. */
    public List<TouchFact> since(String recipientKey, Instant from) {
        return touches.toRecipientSince(recipientKey, from).stream()
                .filter(t -> !t.dryRun())
                .map(RecentTouches::toFact)
                .toList();
    }

    /** An earlier touch as the rules see it. */
    public static TouchFact toFact(Touch t) {
        return new TouchFact(t.at(), t.channel(), t.template(), t.purpose(), t.decision() == Verdict.ALLOW,
                t.dialer(), t.subject());
    }
}
