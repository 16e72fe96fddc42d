package dev.outreach.web.console;

import dev.outreach.report.FunnelReport;
import dev.outreach.report.Reports;
import dev.outreach.config.TimeText;
import dev.outreach.gateway.Role;
import dev.outreach.web.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /ui/funnel}: the funnel report ({@link Reports#funnel}) as a bar chart with its table
 * beside it. A REP sees its own leads; INTEGRATION, ADMIN and COMPLIANCE every lead (or one rep's
 * with {@code ?owner=}). {@code ?from=} and {@code ?to=} are dates (UTC), both inclusive;
 * {@code ?by=entered} sizes the bars by the leads that entered each stage instead of those in it now.
 */
public final class FunnelPages {


    private final Pages pages;
    private final Reports reports;

    public FunnelPages(Pages pages, Reports reports) {
        this.pages = pages;
        this.reports = reports;
    }

    public void register(ConsolePageTable routes) {
        routes.get("/ui/funnel", this::funnel, Role.REP, Role.COMPLIANCE);
    }

    private void funnel(Context ctx) {
        ConsoleSession s = ConsoleAccess.session(ctx);
        boolean rep = s.actor().role() == Role.REP;
        String owner = rep ? s.actor().name() : blankToNull(ctx.queryParam("owner"));
        FunnelChart.Measure by = FunnelChart.Measure.parse(ctx.queryParam("by"));
        String fromText = RepConsoleText.text(blankToNull(ctx.queryParam("from")));
        String toText = RepConsoleText.text(blankToNull(ctx.queryParam("to")));
        Map<String, Object> model = ConsoleAccess.baseModel(s);
        model.put("rep", rep);
        model.put("owner", RepConsoleText.text(owner));
        model.put("from", fromText);
        model.put("to", toText);
        model.put("by", by.param());
        model.put("error", "");
        Instant from;
        Instant to;
        try {
            from = fromText.isEmpty() ? null : date("from", fromText).atStartOfDay(ZoneOffset.UTC).toInstant();
            to = toText.isEmpty() ? null : date("to", toText).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (from != null && to != null && !from.isBefore(to)) {
                throw new IllegalArgumentException("“to” must not be before “from”");
            }
        } catch (IllegalArgumentException e) {
            model.put("error", e.getMessage());
            model.put("report", Map.of());
            render(ctx, HttpStatus.BAD_REQUEST, model);
            return;
        }
        FunnelReport r = reports.funnel(from, to, owner);
        model.put("report", view(r, by));
        render(ctx, HttpStatus.OK, model);
    }

    private static Map<String, Object> view(FunnelReport r, FunnelChart.Measure by) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window", (r.window().from() == null ? "from the first lead" : "from " + RepConsoleText.when(r.window().from()))
                + " to " + (r.window().to() == null ? "now" : "before " + RepConsoleText.when(r.window().to()))
                + "; “now” is " + RepConsoleText.when(r.window().asOf()));
        m.put("chart", FunnelChart.of(r.stages(), by));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FunnelReport.StageRow s : r.stages()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", "stage-" + s.stage().name());
            row.put("stage", s.stage().name());
            row.put("label", FunnelChart.label(s.stage()));
            row.put("entered", Long.toString(s.entered()));
            row.put("current", Long.toString(s.current()));
            row.put("movedOn", Long.toString(s.movedOn()));
            row.put("lost", Long.toString(s.lost()));
            row.put("conversionRate", RepConsoleText.percent(s.conversionRate()));
            String median = RepConsoleText.duration(s.medianTimeInStage());
            row.put("medianTimeInStage", median.isEmpty() ? "–" : median);
            row.put("completedStays", Long.toString(s.completedStays()));
            row.put("touches", Long.toString(s.touches().touches()));
            row.put("blockedTouches", Long.toString(s.touches().blocked()));
            rows.add(row);
        }
        m.put("stages", rows);
        FunnelReport.CloseRate c = r.closeRate();
        Map<String, Object> close = new LinkedHashMap<>();
        close.put("cohort", Long.toString(c.cohort()));
        close.put("qualifiedProspects", Long.toString(c.qualifiedProspects()));
        close.put("won", Long.toString(c.won()));
        close.put("wonUnqualified", Long.toString(c.wonUnqualified()));
        close.put("closeRate", RepConsoleText.percent(c.closeRate()));
        close.put("threshold", Integer.toString(r.qualifiedThreshold()));
        m.put("closeRate", close);
        m.put("touches", Long.toString(r.touches().touches()));
        m.put("blockedTouches", Long.toString(r.touches().blocked()));
        return m;
    }

    private static LocalDate date(String name, String value) {
        try {
            return TimeText.date(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("“" + name + "” " + e.getMessage() + ", was “" + value + "”");
        }
    }

    private void render(Context ctx, HttpStatus status, Map<String, Object> model) {
        ctx.status(status).html(pages.render("console/funnel", model));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
