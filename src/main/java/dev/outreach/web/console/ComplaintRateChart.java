package dev.outreach.web.console;

import dev.outreach.report.ComplaintRateGuidance;
import dev.outreach.report.DeliveryRates;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The geometry of one sender domain's daily complaint-rate chart, drawn by the page as inline SVG
 * (no script, the console's CSP forbids it): one point per day with mail delivered, joined by a
 * line; a solid horizontal line at the 0.3 % limit and a dashed one at 0.1 %. Days run along x from
 * the first to the last day of the report, so charts of different domains line up. Every value is a
 * string ready for an SVG attribute.
 */
final class ComplaintRateChart {

    static final int WIDTH = 560;
    static final int HEIGHT = 220;
    static final int LEFT = 56;
    static final int RIGHT = 16;
    static final int TOP = 14;
    static final int BOTTOM = 30;
    static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
    /** The y axis always reaches above the limit, so the 0.3 % line is drawn even on a quiet chart. */
    static final double MIN_TOP_RATE = 0.004;

    private ComplaintRateChart() {
    }

    /**
     * @param days  the domain's rows, day ascending
     * @param first the first day of the x axis (of every domain in the report)
     * @param last  the last day of the x axis
     */
    static Map<String, Object> of(String domain, List<DeliveryRates.DomainDay> days, LocalDate first, LocalDate last) {
        double top = MIN_TOP_RATE;
        for (DeliveryRates.DomainDay d : days) {
            if (d.complaintRate() != null) {
                top = Math.max(top, d.complaintRate() * 1.1);
            }
        }
        long span = Math.max(1, ChronoUnit.DAYS.between(first, last));
        List<Map<String, Object>> points = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (DeliveryRates.DomainDay d : days) {
            if (d.complaintRate() == null) {
                continue;
            }
            long x = Math.round(LEFT + (double) ChronoUnit.DAYS.between(first, d.day()) * PLOT_WIDTH / span);
            long y = y(d.complaintRate(), top);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("day", d.day().toString());
            p.put("cx", Long.toString(x));
            p.put("cy", Long.toString(y));
            p.put("rate", percent(d.complaintRate()));
            p.put("aboveWarning", d.aboveWarning());
            p.put("title", d.day() + ": " + percent(d.complaintRate()) + " (" + d.complaints() + " complaints, "
                    + d.delivered() + " delivered)");
            points.add(p);
            line.append(line.isEmpty() ? "" : " ").append(x).append(',').append(y);
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("domain", domain);
        chart.put("id", "complaints-" + RepConsoleText.elementId(domain));
        chart.put("width", Integer.toString(WIDTH));
        chart.put("height", Integer.toString(HEIGHT));
        chart.put("left", Integer.toString(LEFT));
        chart.put("right", Integer.toString(WIDTH - RIGHT));
        chart.put("bottom", Integer.toString(TOP + PLOT_HEIGHT));
        chart.put("limitY", Long.toString(y(ComplaintRateGuidance.LIMIT, top)));
        chart.put("warningY", Long.toString(y(ComplaintRateGuidance.WARNING, top)));
        chart.put("topLabel", percent(top));
        chart.put("topY", Integer.toString(TOP));
        chart.put("firstDay", first.toString());
        chart.put("lastDay", last.equals(first) ? "" : last.toString());
        chart.put("axisLabelY", Integer.toString(HEIGHT - 8));
        chart.put("line", line.toString());
        chart.put("points", points);
        chart.put("aboveWarning", days.stream().anyMatch(DeliveryRates.DomainDay::aboveWarning));
        return chart;
    }

    /** The rate's height on a plot whose top is {@code top}, rounded to whole SVG units. */
    private static long y(double rate, double top) {
        return Math.round(TOP + PLOT_HEIGHT - rate / top * PLOT_HEIGHT);
    }

    /** 0.0012 as "0.12 %": two decimals of a percent, since the lines are at 0.1 % and 0.3 %. */
    static String percent(Double rate) {
        if (rate == null) {
            return "–";
        }
        return BigDecimal.valueOf(rate).movePointRight(2).setScale(2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + " %";
    }
}
