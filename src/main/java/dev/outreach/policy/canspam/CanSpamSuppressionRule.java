package dev.outreach.policy.canspam;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Facts;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * No commercial email to an address that opted out, complained, or is on a suppression list.
 * Transactional messages (15 USC 7702(17)) are outside opt-out rules, so they pass here; bounces
 * and erasure are judged by their own rules.
 */
public final class CanSpamSuppressionRule implements Rule {

    public static final String ID = "canspam.suppression";
    private static final String CITATION = "15 USC 7704(a)(4)";
    private static final Set<SuppressionReason> OPT_OUT_REASONS = Set.of(SuppressionReason.UNSUBSCRIBE,
            SuppressionReason.COMPLAINT, SuppressionReason.MANUAL, SuppressionReason.LIST);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        if (attempt.channel() != Channel.EMAIL) {
            return RuleResult.notApplicable(ID, "not an email");
        }
        if (attempt.purpose() != Purpose.COMMERCIAL) {
            return RuleResult.notApplicable(ID, "transactional message (15 USC 7702(17)); opt-outs do not apply");
        }
        if (!facts.unreadableLists().isEmpty()) {
            return RuleResult.block(ID, "suppression list(s) " + facts.unreadableLists()
                    + " could not be read; their contents are unknown, so commercial email is blocked", CITATION);
        }
        if (!facts.hasSuppressionFor(OPT_OUT_REASONS)) {
            return RuleResult.pass(ID, "not unsubscribed or suppressed", CITATION);
        }
        String found = facts.suppressions().stream().filter(h -> OPT_OUT_REASONS.contains(h.reason()))
                .map(h -> h.reason() + " (" + h.source() + ", by " + h.matchedBy() + ")")
                .collect(Collectors.joining("; "));
        return RuleResult.block(ID, "recipient is suppressed for commercial email: " + found, CITATION);
    }
}
