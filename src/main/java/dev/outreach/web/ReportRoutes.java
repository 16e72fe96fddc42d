package dev.outreach.web;

import dev.outreach.policy.Channel;
import dev.outreach.report.BlockedAttempt;
import dev.outreach.report.ComplaintRateGuidance;
import dev.outreach.report.ComplianceReport;
import dev.outreach.report.CsvReportWriter;
import dev.outreach.report.DeliveryRates;
import dev.outreach.report.FollowUp;
import dev.outreach.report.FollowUpStatus;
import dev.outreach.report.FunnelReport;
import dev.outreach.report.Reports;
import dev.outreach.report.TouchCount;
import io.javalin.http.Context;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import static dev.outreach.gateway.Role.COMPLIANCE;
import static dev.outreach.gateway.Role.INTEGRATION;
import static dev.outreach.gateway.Role.REP;

/**
 * {@code /api/v1/reports}: the funnel, the SOP follow-up queue and the compliance report, as JSON
 * or, with {@code Accept: text/csv} or {@code ?format=csv}, as CSV. A REP sees only its own leads.
 * Every number is defined in docs/reports.md.
 */
final class ReportRoutes {

    private final Reports reports;

    ReportRoutes(Reports reports) {
        this.reports = reports;
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/reports/funnel", this::funnel, REP, INTEGRATION, COMPLIANCE);
        routes.get("/api/v1/reports/follow-ups", this::followUps, REP, INTEGRATION, COMPLIANCE);
        routes.get("/api/v1/reports/compliance", this::compliance, COMPLIANCE);
    }

    private void funnel(Context ctx) throws IOException {
        Instant from = instant(ctx, "from");
        Instant to = instant(ctx, "to");
        window(from, to);
        String owner = owner(ctx);
        boolean csv = csv(ctx);
        FunnelReport r = reports.funnel(from, to, owner);
        if (csv) {
            csv(ctx, "funnel", w -> new CsvReportWriter(w).funnel(r));
            return;
        }
        Map<String, Object> out = window(r.window().from(), r.window().to(), r.window().asOf());
        out.put("owner", r.owner());
        out.put("qualifiedThreshold", r.qualifiedThreshold());
        List<Map<String, Object>> stages = new ArrayList<>();
        for (FunnelReport.StageRow s : r.stages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", s.stage().name());
            m.put("entered", s.entered());
            m.put("current", s.current());
            m.put("movedOn", s.movedOn());
            m.put("lost", s.lost());
            m.put("conversionRate", s.conversionRate());
            m.put("medianTimeInStage", duration(s.medianTimeInStage()));
            m.put("completedStays", s.completedStays());
            m.put("touches", s.touches().touches());
            m.put("blockedTouches", s.touches().blocked());
            m.put("byChannel", channels(s.byChannel()));
            stages.add(m);
        }
        out.put("stages", stages);
        FunnelReport.CloseRate c = r.closeRate();
        Map<String, Object> close = new LinkedHashMap<>();
        close.put("cohort", c.cohort());
        close.put("qualifiedProspects", c.qualifiedProspects());
        close.put("won", c.won());
        close.put("wonUnqualified", c.wonUnqualified());
        close.put("closeRate", c.closeRate());
        out.put("closeRate", close);
        Map<String, Object> touches = new LinkedHashMap<>();
        touches.put("touches", r.touches().touches());
        touches.put("blockedTouches", r.touches().blocked());
        touches.put("withoutStage", r.touchesWithoutStage());
        touches.put("byChannel", channels(r.channels()));
        out.put("touches", touches);
        ctx.json(out);
    }

    private void followUps(Context ctx) throws IOException {
        FollowUpStatus status = status(ctx);
        String owner = owner(ctx);
        boolean csv = csv(ctx);
        int limit = Paging.limit(ctx, 1000, 10_000);
        Instant asOf = reports.now();
        List<FollowUp> all = reports.followUps(status, owner, asOf);
        if (csv) {
            csv(ctx, "follow-ups", w -> new CsvReportWriter(w).followUps(all));
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("asOf", asOf.toString());
        out.put("status", status == null ? null : status.name().toLowerCase(Locale.ROOT));
        out.put("owner", owner);
        out.put("total", all.size());
        out.put("truncated", all.size() > limit);
        out.put("followUps", all.stream().limit(limit).map(ReportRoutes::followUp).toList());
        ctx.json(out);
    }

    private void compliance(Context ctx) throws IOException {
        Instant from = instant(ctx, "from");
        Instant to = instant(ctx, "to");
        window(from, to);
        boolean csv = csv(ctx);
        ComplianceReport r = reports.compliance(from, to);
        if (csv) {
            csv(ctx, "compliance", w -> new CsvReportWriter(w).compliance(r));
            return;
        }
        Map<String, Object> out = window(r.window().from(), r.window().to(), r.window().asOf());
        out.put("decisions", decisions(r.decisions()));
        Map<String, Object> byChannel = new LinkedHashMap<>();
        for (Channel c : Channel.values()) {
            byChannel.put(c.name(), decisions(r.byChannel().get(c)));
        }
        out.put("decisionsByChannel", byChannel);
        out.put("blocksByRule", r.blocksByRule().stream().map(rc -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", rc.rule());
            m.put("blocks", rc.blocks());
            return m;
        }).toList());
        out.put("topBlockedReasons", r.topBlockedReasons().stream().map(rc -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", rc.rule());
            m.put("reason", rc.reason());
            m.put("count", rc.count());
            return m;
        }).toList());
        out.put("dryRunChecks", r.dryRunChecks());
        Map<String, Object> overdue = new LinkedHashMap<>();
        overdue.put("count", r.followUpsOverdueBecauseOfBlock().size());
        overdue.put("followUps", r.followUpsOverdueBecauseOfBlock().stream().map(ReportRoutes::followUp).toList());
        out.put("followUpsOverdueBecauseOfBlock", overdue);
        out.put("deliverability", deliverability(r.deliverability()));
        ctx.json(out);
    }

    /** Rates per sender domain and UTC day of sending, with the complaint lines they are judged by. */
    private static Map<String, Object> deliverability(DeliveryRates rates) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("complaintRateLimit", ComplaintRateGuidance.LIMIT);
        out.put("complaintRateWarning", ComplaintRateGuidance.WARNING);
        out.put("source", ComplaintRateGuidance.CITATION);
        out.put("days", rates.rows().stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("senderDomain", d.senderDomain());
            m.put("day", d.day().toString());
            m.put("delivered", d.delivered());
            m.put("hardBounces", d.hardBounces());
            m.put("softBounces", d.softBounces());
            m.put("complaints", d.complaints());
            m.put("bounceRate", d.bounceRate());
            m.put("complaintRate", d.complaintRate());
            m.put("aboveWarning", d.aboveWarning());
            m.put("atLimit", d.atLimit());
            return m;
        }).toList());
        return out;
    }

    static Map<String, Object> followUp(FollowUp f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("leadId", f.leadId());
        m.put("owner", f.owner());
        m.put("stage", f.stage().name());
        m.put("template", f.template());
        m.put("channel", f.channel() == null ? null : f.channel().name());
        m.put("stageEnteredAt", text(f.stageEnteredAt()));
        m.put("lastFollowUpAt", text(f.lastFollowUpAt()));
        m.put("deadline", text(f.deadline()));
        m.put("status", f.status().name().toLowerCase(Locale.ROOT));
        m.put("overdueBy", duration(f.overdueBy()));
        m.put("deadlineSource", f.deadlineSource());
        BlockedAttempt b = f.blocked();
        if (b == null) {
            m.put("blocked", null);
        } else {
            Map<String, Object> blocked = new LinkedHashMap<>();
            blocked.put("at", text(b.at()));
            blocked.put("channel", b.channel() == null ? null : b.channel().name());
            blocked.put("template", b.template());
            blocked.put("rules", b.rules());
            blocked.put("nextAllowedAt", text(b.nextAllowedAt()));
            blocked.put("auditId", b.auditId());
            m.put("blocked", blocked);
        }
        m.put("overdueBecauseOfBlock", f.overdueBecauseOfBlock());
        return m;
    }

    private static Map<String, Object> decisions(ComplianceReport.DecisionCount d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decisions", d.decisions());
        m.put("allowed", d.allowed());
        m.put("blocked", d.blocked());
        m.put("blockRate", d.blockRate());
        return m;
    }

    private static Map<String, Object> channels(Map<Channel, TouchCount> counts) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Channel c : Channel.values()) {
            TouchCount t = counts.getOrDefault(c, TouchCount.NONE);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("touches", t.touches());
            m.put("blockedTouches", t.blocked());
            out.put(c.name(), m);
        }
        return out;
    }

    private static Map<String, Object> window(Instant from, Instant to, Instant asOf) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", text(from));
        out.put("to", text(to));
        out.put("asOf", text(asOf));
        return out;
    }

    /** Streams a CSV body; everything that can fail on input has been checked before. */
    private static void csv(Context ctx, String name, Consumer<Writer> body) throws IOException {
        ctx.status(200).contentType(CsvReportWriter.CONTENT_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + name + "-report.csv\"")
                .header("Cache-Control", "no-store");
        Writer w = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
        body.accept(w);
        w.flush();
    }

    /** {@code ?format=csv|json}, else CSV when the Accept header asks for text/csv. */
    private static boolean csv(Context ctx) {
        String format = ctx.queryParam("format");
        if (format != null) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ProblemException.badRequest("format", "must be csv or json");
            };
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    /** A REP's report covers its own leads; asking for another owner's is forbidden. */
    private static String owner(Context ctx) {
        String owner = ctx.queryParam("owner");
        owner = owner == null || owner.isBlank() ? null : owner.trim();
        if (RequestActor.role(ctx) == REP) {
            String self = RequestActor.of(ctx).name();
            if (owner != null && !owner.equals(self)) {
                throw ProblemException.forbidden("a REP key may only report on its own leads");
            }
            return self;
        }
        return owner;
    }

    private static FollowUpStatus status(Context ctx) {
        String raw = ctx.queryParam("status");
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "due" -> FollowUpStatus.DUE;
            case "overdue" -> FollowUpStatus.OVERDUE;
            default -> throw ProblemException.badRequest("status", "must be due or overdue");
        };
    }

    private static void window(Instant from, Instant to) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw ProblemException.badRequest("to", "must be after from");
        }
    }

    /** An ISO-8601 instant with offset, or a date (its start in UTC). */
    private static Instant instant(Context ctx, String field) {
        String raw = ctx.queryParam(field);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.trim()).toInstant();
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDate.parse(raw.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw ProblemException.badRequest(field, "must be an ISO-8601 instant with offset "
                        + "(2026-11-27T14:05:00Z) or a date (2026-11-27)");
            }
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String duration(Duration d) {
        return d == null ? null : d.toString();
    }
}
