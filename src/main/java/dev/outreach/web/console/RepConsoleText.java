package dev.outreach.web.console;

import dev.outreach.policy.Decision;
import dev.outreach.policy.Outcome;
import dev.outreach.policy.RuleResult;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the rep console writes times, durations, rates and policy decisions for its pages. Every
 * value is a string (never null), so the templates need no null handling.
 */
final class RepConsoleText {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private RepConsoleText() {
    }

    /** 2026-03-11 09:00 UTC, or "" for none. */
    static String when(Instant at) {
        return at == null ? "" : WHEN.format(at);
    }

    /** The ISO-8601 instant for a {@code <time datetime>} attribute, or "". */
    static String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    /** 1d 4h 30m, or "" for none. */
    static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long minutes = Math.max(0, d.toMinutes());
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        StringBuilder s = new StringBuilder();
        if (days > 0) {
            s.append(days).append("d ");
        }
        if (days > 0 || hours > 0) {
            s.append(hours).append("h ");
        }
        return s.append(mins).append('m').toString();
    }

    /** 0.3333 as "33.3 %", or "–" when the rate is undefined. */
    static String percent(Double rate) {
        if (rate == null) {
            return "–";
        }
        return BigDecimal.valueOf(rate).multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + " %";
    }

    /** A path segment, percent-encoded (lead ids may hold ':' and '.'). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An element id made from a rule id or lead id: letters, digits, '-' and '_' only. */
    static String elementId(String value) {
        return value.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    static String text(String s) {
        return s == null ? "" : s;
    }

    /**
     * A policy decision for a page: the verdict, every evaluated rule with its outcome, detail,
     * citation and (for time-based blocks) when it would pass, and when the touch may go. The rules
     * that blocked or passed are {@code applicableRules}; those that do not apply, {@code otherRules}.
     */
    static Map<String, Object> decision(Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", d.decision().name());
        m.put("allowed", d.allowed());
        m.put("dryRun", d.dryRun());
        m.put("blockingRules", String.join(", ", d.blockingRules()));
        m.put("nextAllowedAt", when(d.nextAllowedAt()));
        m.put("nextAllowedAtIso", iso(d.nextAllowedAt()));
        m.put("nextAllowedNote", d.allowed() ? ""
                : d.nextAllowedAt() != null ? "It can go from " + when(d.nextAllowedAt()) + "."
                : "No time is known at which it can go: the block lifts only when its cause does "
                + "(for example a suppression is removed or consent is recorded).");
        m.put("decidedAt", when(d.decidedAt()));
        m.put("policyVersion", text(d.policyVersion()));
        m.put("auditId", text(d.auditId()));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (RuleResult r : d.evaluated()) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("rule", r.rule());
            rule.put("elementId", "rule-" + elementId(r.rule()));
            rule.put("outcome", r.outcome().name());
            rule.put("blocks", r.blocks());
            rule.put("detail", r.detail());
            rule.put("citation", text(r.citation()));
            rule.put("nextAllowedAt", when(r.nextAllowedAt()));
            rules.add(rule);
        }
        // Blocking rules first, so the reason is the first thing read, then those that passed, then those
        // that do not apply; within each, the engine's order.
        rules.sort(Comparator.comparingInt(r -> rank((String) r.get("outcome"))));
        m.put("applicableRules", rules.stream().filter(r -> rank((String) r.get("outcome")) < 2).toList());
        m.put("otherRules", rules.stream().filter(r -> rank((String) r.get("outcome")) == 2).toList());
        return m;
    }

    private static int rank(String outcome) {
        return Outcome.BLOCK.name().equals(outcome) ? 0 : Outcome.PASS.name().equals(outcome) ? 1 : 2;
    }
}
