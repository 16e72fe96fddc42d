package dev.outreach.web.console;

import dev.outreach.report.ComplaintRateGuidance;
import dev.outreach.report.DeliveryRates;
import dev.outreach.report.Reports;
import dev.outreach.gateway.Role;
import dev.outreach.web.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /ui/compliance}: the deliverability part of the compliance report
 * ({@link Reports#deliveryRates}) for COMPLIANCE and ADMIN. Per sender domain, a chart of the daily
 * complaint rate with the 0.3 % Gmail/Yahoo limit drawn, a warning for every day above 0.1 %, and
 * every number in a table too (the chart is not the only way to read them). {@code ?from=} and
 * {@code ?to=} are dates (UTC), both inclusive, of sending.
 */
public final class ComplianceReportPages {

    private final Pages pages;
    private final Reports reports;

    public ComplianceReportPages(Pages pages, Reports reports) {
        this.pages = pages;
        this.reports = reports;
    }

    public void register(ConsolePageTable routes) {
        routes.get("/ui/compliance", this::page, Role.COMPLIANCE);
    }

    private void page(Context ctx) {
        ConsoleSession s = ConsoleAccess.session(ctx);
        String fromText = RepConsoleText.text(blankToNull(ctx.queryParam("from")));
        String toText = RepConsoleText.text(blankToNull(ctx.queryParam("to")));
        Map<String, Object> model = ConsoleAccess.baseModel(s);
        model.put("from", fromText);
        model.put("to", toText);
        model.put("error", "");
        model.put("limit", ComplaintRateChart.percent(ComplaintRateGuidance.LIMIT));
        model.put("warningLine", ComplaintRateChart.percent(ComplaintRateGuidance.WARNING));
        model.put("source", ComplaintRateGuidance.CITATION);
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
            render(ctx, HttpStatus.BAD_REQUEST, model);
            return;
        }
        model.putAll(view(reports.deliveryRates(from, to)));
        render(ctx, HttpStatus.OK, model);
    }

    private static Map<String, Object> view(DeliveryRates rates) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> charts = new ArrayList<>();
        if (!rates.rows().isEmpty()) {
            LocalDate first = rates.rows().stream().map(DeliveryRates.DomainDay::day).min(LocalDate::compareTo).orElseThrow();
            LocalDate last = rates.rows().stream().map(DeliveryRates.DomainDay::day).max(LocalDate::compareTo).orElseThrow();
            for (String domain : rates.senderDomains()) {
                if (!DeliveryRates.UNATTRIBUTED.equals(domain)) {
                    charts.add(ComplaintRateChart.of(domain, rates.of(domain), first, last));
                }
            }
        }
        m.put("charts", charts);
        List<Map<String, Object>> warnings = new ArrayList<>();
        for (DeliveryRates.DomainDay d : rates.aboveWarning()) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("domain", d.senderDomain());
            w.put("day", d.day().toString());
            w.put("rate", ComplaintRateChart.percent(d.complaintRate()));
            w.put("atLimit", d.atLimit());
            warnings.add(w);
        }
        m.put("warnings", warnings);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DeliveryRates.DomainDay d : rates.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", "rates-" + RepConsoleText.elementId(d.senderDomain()) + "-" + d.day());
            row.put("domain", d.senderDomain());
            row.put("day", d.day().toString());
            row.put("delivered", Long.toString(d.delivered()));
            row.put("hardBounces", Long.toString(d.hardBounces()));
            row.put("softBounces", Long.toString(d.softBounces()));
            row.put("complaints", Long.toString(d.complaints()));
            row.put("bounceRate", ComplaintRateChart.percent(d.bounceRate()));
            row.put("complaintRate", ComplaintRateChart.percent(d.complaintRate()));
            row.put("aboveWarning", d.aboveWarning());
            rows.add(row);
        }
        m.put("rows", rows);
        // Complaints that name no message we sent have no rate and no chart; they must not vanish.
        m.put("unattributedComplaints", Long.toString(rates.of(DeliveryRates.UNATTRIBUTED).stream()
                .mapToLong(DeliveryRates.DomainDay::complaints).sum()));
        return m;
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("“" + name + "” must be a date like 2026-03-01, was “" + value + "”");
        }
    }

    private void render(Context ctx, HttpStatus status, Map<String, Object> model) {
        ctx.status(status).html(pages.render("console/compliance", model));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
