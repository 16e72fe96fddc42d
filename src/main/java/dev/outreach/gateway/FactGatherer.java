package dev.outreach.gateway;

import dev.outreach.lead.Lead;
import dev.outreach.lead.Touch;
import dev.outreach.policy.Facts;
import dev.outreach.policy.MessageFacts;
import dev.outreach.policy.PolicySettings;
import dev.outreach.policy.TouchFact;
import dev.outreach.policy.Verdict;
import dev.outreach.store.Touches;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Collects, before a decision, every fact the rules may read about one attempt. */
public final class FactGatherer {

    private final SuppressionRegister suppressions;
    private final Touches touches;
    private final Duration lookback;

    public FactGatherer(SuppressionRegister suppressions, Touches touches, PolicySettings settings) {
        this.suppressions = suppressions;
        this.touches = touches;
        this.lookback = settings.duplicateWindow().compareTo(settings.frequencyWindow()) > 0
                ? settings.duplicateWindow() : settings.frequencyWindow();
    }

    public Facts forEmail(Recipient recipient, Lead lead, MessageFacts message, Instant now) {
        List<TouchFact> recent = touches.toRecipientSince(recipient.key(), now.minus(lookback)).stream()
                .filter(t -> !t.dryRun())
                .map(FactGatherer::toFact)
                .toList();
        return new Facts(lead, suppressions.emailHits(recipient.address()), suppressions.unreadableEmailLists(),
                message, recent, false);
    }

    private static TouchFact toFact(Touch t) {
        return new TouchFact(t.at(), t.channel(), t.template(), t.purpose(), t.decision() == Verdict.ALLOW);
    }
}
