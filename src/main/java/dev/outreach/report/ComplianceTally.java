package dev.outreach.report;

import dev.outreach.policy.Channel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds a {@link ComplianceReport} from audit decisions fed one at a time. Pure: the caller reads
 * the audit log (and parses each entry's payload into the blocking findings).
 */
public final class ComplianceTally {

    /** How many (rule, reason) pairs the report lists. */
    public static final int TOP_REASONS = 10;

    private static final Pattern INSTANT = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern CLOCK_TIME = Pattern.compile("\\b\\d{1,2}:\\d{2}\\b");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+\\b");

    /** One blocking rule result of a decision: its rule id and detail. */
    public record Finding(String rule, String detail) {
    }

    private final ReportWindow window;
    private final Map<Channel, long[]> byChannel = new EnumMap<>(Channel.class);
    private final Map<String, Long> byRule = new HashMap<>();
    private final Map<List<String>, Long> reasons = new HashMap<>();
    private long checks;

    public ComplianceTally(ReportWindow window) {
        this.window = window;
        for (Channel c : Channel.values()) {
            byChannel.put(c, new long[2]);
        }
    }

    /**
     * A decision in the window.
     *
     * @param dryRun        a CHECK (counted apart, not as a decision)
     * @param blockingRules the rule ids that blocked it (empty when ALLOW)
     * @param findings      the blocking rules' details (may be empty when the payload has none)
     */
    public void decision(Channel channel, boolean allowed, boolean dryRun, List<String> blockingRules,
                         List<Finding> findings) {
        if (dryRun) {
            checks++;
            return;
        }
        long[] c = byChannel.get(channel);
        c[allowed ? 0 : 1]++;
        if (allowed) {
            return;
        }
        for (String rule : blockingRules) {
            byRule.merge(rule, 1L, Long::sum);
        }
        for (Finding f : findings) {
            reasons.merge(List.of(f.rule(), maskVolatile(f.detail())), 1L, Long::sum);
        }
    }

    public ComplianceReport report(List<FollowUp> overdueBecauseOfBlock, DeliveryRates deliverability) {
        Map<Channel, ComplianceReport.DecisionCount> channels = new EnumMap<>(Channel.class);
        long allowed = 0;
        long blocked = 0;
        for (Map.Entry<Channel, long[]> e : byChannel.entrySet()) {
            long a = e.getValue()[0];
            long b = e.getValue()[1];
            channels.put(e.getKey(), count(a, b));
            allowed += a;
            blocked += b;
        }
        List<ComplianceReport.RuleCount> rules = new ArrayList<>();
        byRule.forEach((rule, n) -> rules.add(new ComplianceReport.RuleCount(rule, n)));
        rules.sort(Comparator.comparingLong(ComplianceReport.RuleCount::blocks).reversed()
                .thenComparing(ComplianceReport.RuleCount::rule));
        List<ComplianceReport.ReasonCount> top = new ArrayList<>();
        reasons.forEach((key, n) -> top.add(new ComplianceReport.ReasonCount(key.get(0), key.get(1), n)));
        top.sort(Comparator.comparingLong(ComplianceReport.ReasonCount::count).reversed()
                .thenComparing(ComplianceReport.ReasonCount::rule).thenComparing(ComplianceReport.ReasonCount::reason));
        return new ComplianceReport(window, count(allowed, blocked), channels, rules,
                top.subList(0, Math.min(TOP_REASONS, top.size())), checks, overdueBecauseOfBlock, deliverability);
    }

    private static ComplianceReport.DecisionCount count(long allowed, long blocked) {
        return new ComplianceReport.DecisionCount(allowed + blocked, allowed, blocked,
                Rates.ratio(blocked, allowed + blocked));
    }

    /** Masks instants, clock times and numbers, so "sent at 10:02" and "sent at 11:40" are one reason. */
    static String maskVolatile(String detail) {
        if (detail == null || detail.isBlank()) {
            return "";
        }
        String masked = INSTANT.matcher(detail).replaceAll("<time>");
        masked = CLOCK_TIME.matcher(masked).replaceAll("<hh:mm>");
        return NUMBER.matcher(masked).replaceAll("<n>");
    }
}
