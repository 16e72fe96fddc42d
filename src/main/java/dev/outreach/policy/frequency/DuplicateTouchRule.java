package dev.outreach.policy.frequency;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PolicySettings;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;
import dev.outreach.policy.TouchFact;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/** The same template to the same person twice within the window is almost always a mistake. */
public final class DuplicateTouchRule implements Rule {

    public static final String ID = "policy.duplicate";

    private final PolicySettings settings;

    public DuplicateTouchRule(PolicySettings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        if (attempt.template() == null) {
            return RuleResult.notApplicable(ID, "no template named");
        }
        Instant windowStart = now.minus(settings.duplicateWindow());
        Optional<TouchFact> latest = facts.recentTouches().stream()
                .filter(t -> t.allowed() && attempt.template().equals(t.template()) && t.channel() == attempt.channel())
                .filter(t -> t.at().isAfter(windowStart) && !t.at().isAfter(now))
                .max(Comparator.comparing(TouchFact::at));
        if (latest.isEmpty()) {
            return RuleResult.pass(ID, "template '" + attempt.template() + "' not sent to this recipient within "
                    + settings.duplicateWindow(), null);
        }
        Instant next = latest.get().at().plus(settings.duplicateWindow());
        return RuleResult.blockUntil(ID, "template '" + attempt.template() + "' already went to this recipient at "
                + latest.get().at() + " (window " + settings.duplicateWindow() + ")", null, next);
    }
}
