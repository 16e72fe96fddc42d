package dev.outreach.report;

import dev.outreach.policy.Channel;

import java.util.List;
import java.util.Map;

/**
 * What the policy engine decided over a window, from the audit log; definitions in
 * {@code docs/reports.md}.
 *
 * @param decisions                      every real decision (audit kind DECISION) in the window
 * @param byChannel                      the same split by channel (every channel listed)
 * @param blocksByRule                   per rule id, the blocked decisions it blocked; most first
 * @param topBlockedReasons              the most frequent (rule, reason) pairs of blocked decisions
 * @param dryRunChecks                   dry-run checks (audit kind CHECK) in the window; not in {@code decisions}
 * @param followUpsOverdueBecauseOfBlock follow-ups overdue now although an attempt in time was blocked
 * @param deliverability                 bounce and complaint rates per sender domain and day of sending
 */
public record ComplianceReport(ReportWindow window, DecisionCount decisions, Map<Channel, DecisionCount> byChannel,
                               List<RuleCount> blocksByRule, List<ReasonCount> topBlockedReasons, long dryRunChecks,
                               List<FollowUp> followUpsOverdueBecauseOfBlock, DeliveryRates deliverability) {

    public ComplianceReport {
        byChannel = Map.copyOf(byChannel);
        blocksByRule = List.copyOf(blocksByRule);
        topBlockedReasons = List.copyOf(topBlockedReasons);
        followUpsOverdueBecauseOfBlock = List.copyOf(followUpsOverdueBecauseOfBlock);
    }

    /** @param blockRate blocked ÷ decisions, 4 decimals; null without decisions */
    public record DecisionCount(long decisions, long allowed, long blocked, Double blockRate) {
    }

    public record RuleCount(String rule, long blocks) {
    }

    /** @param reason the rule's detail with instants, clock times and numbers masked, so alike blocks group */
    public record ReasonCount(String rule, String reason, long count) {
    }
}
