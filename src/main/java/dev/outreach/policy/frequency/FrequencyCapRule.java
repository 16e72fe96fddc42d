package dev.outreach.policy.frequency;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PolicySettings;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;
import dev.outreach.policy.TouchFact;

import java.time.Instant;
import java.util.List;

/** The organisation's own cap on touches per recipient per channel and window (off by default). */
public final class FrequencyCapRule implements Rule {

    public static final String ID = "policy.frequency-cap";

    private final PolicySettings settings;

    public FrequencyCapRule(PolicySettings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        int cap = settings.frequencyCap();
        if (cap == 0) {
            return RuleResult.notApplicable(ID, "no organisation frequency cap configured");
        }
        Instant windowStart = now.minus(settings.frequencyWindow());
        List<Instant> inWindow = facts.recentTouches().stream()
                .filter(t -> t.allowed() && t.channel() == attempt.channel())
                .map(TouchFact::at)
                .filter(at -> at.isAfter(windowStart) && !at.isAfter(now))
                .sorted()
                .toList();
        String counted = inWindow.size() + " of " + cap + " " + attempt.channel() + " touches in "
                + settings.frequencyWindow();
        if (inWindow.size() < cap) {
            return RuleResult.pass(ID, counted, null);
        }
        // A slot frees when enough of the oldest touches leave the window to bring the count below the cap.
        Instant next = inWindow.get(inWindow.size() - cap).plus(settings.frequencyWindow());
        return RuleResult.blockUntil(ID, counted + "; cap reached", null, next);
    }
}
