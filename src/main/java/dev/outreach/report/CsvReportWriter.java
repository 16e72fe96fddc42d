package dev.outreach.report;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.outreach.policy.Channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reports as CSV (RFC 4180: comma-separated, CRLF line ends, a header row, fields quoted when
 * they hold a comma, quote or line break). A text cell that a spreadsheet would run as a formula
 * (starting with {@code = + - @}, tab or CR) is prefixed with {@code '}. Columns are documented in
 * {@code docs/reports.md}.
 */
public final class CsvReportWriter {

    public static final String CONTENT_TYPE = "text/csv; charset=utf-8";

    static final List<String> FUNNEL_COLUMNS = List.of("stage", "entered", "current", "moved_on", "lost",
            "conversion_rate", "median_time_in_stage", "completed_stays", "touches", "blocked_touches",
            "email_touches", "email_blocked", "call_touches", "call_blocked", "sms_touches", "sms_blocked",
            "touches_without_stage", "cohort", "qualified_prospects", "won", "won_unqualified", "close_rate");
    static final List<String> FOLLOW_UP_COLUMNS = List.of("lead_id", "owner", "stage", "template", "channel",
            "stage_entered_at", "last_follow_up_at", "deadline", "status", "overdue_by", "blocked_at", "blocked_by",
            "next_allowed_at", "audit_id", "deadline_source");
    static final List<String> COMPLIANCE_COLUMNS = List.of("section", "name", "detail", "value");

    /** Quotes a cell only when it holds a comma, quote or line break (strict check, not "long values too"). */
    private static final ObjectWriter ROW = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build().writerFor(String[].class).with(CsvSchema.emptySchema().withLineSeparator("\r\n"));

    private final Writer out;

    public CsvReportWriter(Writer out) {
        this.out = out;
    }

    /** One row per stage, then an {@code ALL} row with the totals and the close rate. */
    public void funnel(FunnelReport r) {
        row(FUNNEL_COLUMNS);
        for (FunnelReport.StageRow s : r.stages()) {
            List<Object> cells = new ArrayList<>(Arrays.asList(s.stage(), s.entered(), s.current(), s.movedOn(),
                    s.lost(), s.conversionRate(), s.medianTimeInStage(), s.completedStays(), s.touches().touches(),
                    s.touches().blocked()));
            channelCells(cells, s.byChannel());
            cells.addAll(Arrays.asList(null, null, null, null, null, null));
            row(cells);
        }
        List<Object> all = new ArrayList<>(Arrays.asList("ALL", null, null, null, null, null, null, null,
                r.touches().touches(), r.touches().blocked()));
        channelCells(all, r.channels());
        FunnelReport.CloseRate c = r.closeRate();
        all.addAll(Arrays.asList(r.touchesWithoutStage(), c.cohort(), c.qualifiedProspects(), c.won(),
                c.wonUnqualified(), c.closeRate()));
        row(all);
        flush();
    }

    /** One row per follow-up. */
    public void followUps(List<FollowUp> followUps) {
        row(FOLLOW_UP_COLUMNS);
        for (FollowUp f : followUps) {
            BlockedAttempt b = f.blocked();
            row(Arrays.asList(f.leadId(), f.owner(), f.stage(), f.template(), f.channel(), f.stageEnteredAt(),
                    f.lastFollowUpAt(), f.deadline(), f.status().name().toLowerCase(Locale.ROOT), f.overdueBy(), b == null ? null : b.at(),
                    b == null ? null : String.join(";", b.rules()), b == null ? null : b.nextAllowedAt(),
                    b == null ? null : b.auditId(), f.deadlineSource()));
        }
        flush();
    }

    /**
     * Long format, one number per row: {@code decisions} (name = channel or ALL, detail = total,
     * allowed, blocked or block_rate), {@code blocks_by_rule}, {@code top_blocked_reason},
     * {@code dry_run_checks} and {@code overdue_because_of_block} (name = lead id, detail = blocking
     * rules, value = deadline), then {@code deliverability} (name = sender domain or
     * {@code unattributed}, detail = {@code <UTC day> <measure>} where measure is delivered,
     * hard_bounces, soft_bounces, complaints, bounce_rate or complaint_rate).
     */
    public void compliance(ComplianceReport r) {
        row(COMPLIANCE_COLUMNS);
        decisionRows("ALL", r.decisions());
        for (Channel c : Channel.values()) {
            decisionRows(c.name(), r.byChannel().get(c));
        }
        for (ComplianceReport.RuleCount rc : r.blocksByRule()) {
            row(Arrays.asList("blocks_by_rule", rc.rule(), null, rc.blocks()));
        }
        for (ComplianceReport.ReasonCount rc : r.topBlockedReasons()) {
            row(Arrays.asList("top_blocked_reason", rc.rule(), rc.reason(), rc.count()));
        }
        row(Arrays.asList("dry_run_checks", null, null, r.dryRunChecks()));
        for (FollowUp f : r.followUpsOverdueBecauseOfBlock()) {
            row(Arrays.asList("overdue_because_of_block", f.leadId(), String.join(";", f.blocked().rules()),
                    f.deadline()));
        }
        for (DeliveryRates.DomainDay d : r.deliverability().rows()) {
            deliverabilityRows(d);
        }
        flush();
    }

    private void deliverabilityRows(DeliveryRates.DomainDay d) {
        String day = d.day() + " ";
        row(Arrays.asList("deliverability", d.senderDomain(), day + "delivered", d.delivered()));
        row(Arrays.asList("deliverability", d.senderDomain(), day + "hard_bounces", d.hardBounces()));
        row(Arrays.asList("deliverability", d.senderDomain(), day + "soft_bounces", d.softBounces()));
        row(Arrays.asList("deliverability", d.senderDomain(), day + "complaints", d.complaints()));
        row(Arrays.asList("deliverability", d.senderDomain(), day + "bounce_rate", d.bounceRate()));
        row(Arrays.asList("deliverability", d.senderDomain(), day + "complaint_rate", d.complaintRate()));
    }

    private void decisionRows(String name, ComplianceReport.DecisionCount d) {
        row(Arrays.asList("decisions", name, "total", d.decisions()));
        row(Arrays.asList("decisions", name, "allowed", d.allowed()));
        row(Arrays.asList("decisions", name, "blocked", d.blocked()));
        row(Arrays.asList("decisions", name, "block_rate", d.blockRate()));
    }

    private static void channelCells(List<Object> cells, Map<Channel, TouchCount> byChannel) {
        for (Channel c : Channel.values()) {
            TouchCount t = byChannel.getOrDefault(c, TouchCount.NONE);
            cells.add(t.touches());
            cells.add(t.blocked());
        }
    }

    private void row(List<?> cells) {
        try {
            out.write(line(cells));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One CSV record, CRLF-terminated, quoted by Jackson CSV only where RFC 4180 needs it. */
    static String line(List<?> cells) {
        try {
            return ROW.writeValueAsString(cells.stream().map(CsvReportWriter::cell).toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of one cell: numbers, instants and durations as they are, formulas defused (quoting is the writer's). */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return plain(d);
        }
        if (value instanceof Number || value instanceof Instant || value instanceof Duration || value instanceof Enum<?>) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return text;
    }

    /** 0.0001, not 1.0E-4; 1, not 1.0. */
    static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
