package dev.outreach.report;

import dev.outreach.policy.Channel;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The reports as plain-text tables for a terminal ({@code report} command). */
public final class ReportText {

    private ReportText() {
    }

    public static String funnel(FunnelReport r) {
        StringBuilder out = new StringBuilder();
        out.append("Funnel ").append(window(r.window()))
                .append(r.owner() == null ? "" : ", owner " + r.owner()).append('\n');
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("stage", "entered", "current", "moved on", "lost", "conversion", "median in stage",
                "touches", "blocked"));
        for (FunnelReport.StageRow s : r.stages()) {
            rows.add(List.of(s.stage().name(), n(s.entered()), n(s.current()), n(s.movedOn()), n(s.lost()),
                    percent(s.conversionRate()), duration(s.medianTimeInStage()), n(s.touches().touches()),
                    n(s.touches().blocked())));
        }
        out.append(table(rows, 1, 2, 3, 4, 5, 6, 7, 8));
        FunnelReport.CloseRate c = r.closeRate();
        out.append("\nClose rate: ").append(percent(c.closeRate())).append(" (").append(c.won())
                .append(" won of ").append(c.qualifiedProspects()).append(" qualified prospects meeting ")
                .append(r.qualifiedThreshold()).append("/5 criteria; ").append(c.cohort())
                .append(" leads created in the window; ").append(c.wonUnqualified()).append(" won unqualified)\n\n");
        List<List<String>> channels = new ArrayList<>();
        channels.add(List.of("channel", "touches", "blocked", "block rate"));
        for (Channel ch : Channel.values()) {
            TouchCount t = r.channels().getOrDefault(ch, TouchCount.NONE);
            channels.add(List.of(ch.name(), n(t.touches()), n(t.blocked()), percent(t.blockRate())));
        }
        channels.add(List.of("ALL", n(r.touches().touches()), n(r.touches().blocked()),
                percent(r.touches().blockRate())));
        out.append(table(channels, 1, 2, 3));
        return out.toString();
    }

    public static String followUps(List<FollowUp> followUps) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("deadline", "status", "lead", "owner", "stage", "template", "channel", "blocked by",
                "can go at"));
        for (FollowUp f : followUps) {
            BlockedAttempt b = f.blocked();
            rows.add(Arrays.asList(f.deadline().toString(), f.status().name(), f.leadId(), text(f.owner()),
                    f.stage().name(), text(f.template()), f.channel() == null ? "-" : f.channel().name(),
                    b == null ? "" : String.join(", ", b.rules()),
                    b == null ? "" : b.nextAllowedAt() == null ? "when the block is lifted" : b.nextAllowedAt().toString()));
        }
        return followUps.size() + " follow-up" + (followUps.size() == 1 ? "" : "s") + "\n" + table(rows);
    }

    public static String compliance(ComplianceReport r) {
        StringBuilder out = new StringBuilder();
        out.append("Compliance ").append(window(r.window())).append('\n');
        List<List<String>> decisions = new ArrayList<>();
        decisions.add(List.of("channel", "decisions", "allowed", "blocked", "block rate"));
        for (Channel ch : Channel.values()) {
            ComplianceReport.DecisionCount d = r.byChannel().get(ch);
            decisions.add(List.of(ch.name(), n(d.decisions()), n(d.allowed()), n(d.blocked()), percent(d.blockRate())));
        }
        ComplianceReport.DecisionCount all = r.decisions();
        decisions.add(List.of("ALL", n(all.decisions()), n(all.allowed()), n(all.blocked()), percent(all.blockRate())));
        out.append(table(decisions, 1, 2, 3, 4)).append("Dry-run checks: ").append(r.dryRunChecks()).append("\n\n");
        List<List<String>> rules = new ArrayList<>();
        rules.add(List.of("rule", "blocks"));
        r.blocksByRule().forEach(rc -> rules.add(List.of(rc.rule(), n(rc.blocks()))));
        out.append("Blocks by rule\n").append(table(rules, 1)).append('\n');
        List<List<String>> reasons = new ArrayList<>();
        reasons.add(List.of("count", "rule", "reason"));
        r.topBlockedReasons().forEach(rc -> reasons.add(List.of(n(rc.count()), rc.rule(), rc.reason())));
        out.append("Top blocked reasons\n").append(table(reasons, 0)).append('\n');
        out.append("Follow-ups overdue because of a block: ").append(r.followUpsOverdueBecauseOfBlock().size())
                .append('\n');
        if (!r.followUpsOverdueBecauseOfBlock().isEmpty()) {
            out.append(followUps(r.followUpsOverdueBecauseOfBlock()));
        }
        return out.append('\n').append(deliverability(r.deliverability())).toString();
    }

    /** One row per sender domain and day, then a warning line per day above 0.1 % complaints. */
    static String deliverability(DeliveryRates rates) {
        StringBuilder out = new StringBuilder("Deliverability (by UTC day of sending)\n");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("sender domain", "day", "delivered", "hard bounces", "soft bounces", "complaints",
                "bounce rate", "complaint rate"));
        for (DeliveryRates.DomainDay d : rates.rows()) {
            rows.add(List.of(d.senderDomain(), d.day().toString(), n(d.delivered()), n(d.hardBounces()),
                    n(d.softBounces()), n(d.complaints()), percent(d.bounceRate()), precisePercent(d.complaintRate())));
        }
        out.append(table(rows, 2, 3, 4, 5, 6, 7));
        for (DeliveryRates.DomainDay d : rates.aboveWarning()) {
            out.append("WARNING: ").append(d.senderDomain()).append(" on ").append(d.day())
                    .append(" had a complaint rate of ").append(precisePercent(d.complaintRate()))
                    .append(d.atLimit() ? ", at or above the 0.3 % limit" : ", above 0.1 %").append('\n');
        }
        return out.append("Complaint limit 0.3 %, warning above 0.1 % (").append(ComplaintRateGuidance.CITATION)
                .append(")\n").toString();
    }

    /**
     * Columns padded to their widest cell, a rule under the header; text left-aligned, the
     * {@code numeric} columns right-aligned.
     */
    static String table(List<List<String>> rows, int... numeric) {
        int columns = rows.get(0).size();
        boolean[] right = new boolean[columns];
        for (int n : numeric) {
            right[n] = true;
        }
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = row.get(i);
                String pad = " ".repeat(width[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(right[i] ? pad + cell : cell + pad);
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                int total = Arrays.stream(width).sum() + 2 * (columns - 1);
                out.append("-".repeat(total)).append('\n');
            }
        }
        return out.toString();
    }

    private static String window(ReportWindow w) {
        return "from " + (w.from() == null ? "the beginning" : w.from().toString()) + " to "
                + (w.to() == null ? "now" : w.to().toString()) + " (as of " + w.asOf() + ")";
    }

    private static String n(long v) {
        return Long.toString(v);
    }

    private static String text(String s) {
        return s == null ? "-" : s;
    }

    private static String percent(Double rate) {
        return rate == null ? "-" : CsvReportWriter.plain(Math.round(rate * 1000.0) / 10.0) + " %";
    }

    /** Rates near 0.1 % need two decimals of a percent: 0.0012 is "0.12 %". */
    static String precisePercent(Double rate) {
        return rate == null ? "-"
                : BigDecimal.valueOf(rate).movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }

    /** 1d 4h 30m, or - for none. */
    static String duration(Duration d) {
        if (d == null) {
            return "-";
        }
        long minutes = d.toMinutes();
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
}
