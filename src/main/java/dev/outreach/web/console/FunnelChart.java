package dev.outreach.web.console;

import dev.outreach.lead.Stage;
import dev.outreach.report.FunnelReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The geometry of the funnel's bar chart, drawn by the page as inline SVG (no script): one
 * horizontal bar per stage, its length proportional to the leads in the stage now (or to the leads
 * that entered it in the window), the longest bar spanning the plot. Every value is a string ready
 * for an SVG attribute.
 */
final class FunnelChart {

    /** What the bars are sized by. */
    enum Measure {
        CURRENT, ENTERED;

        static Measure parse(String s) {
            return s != null && s.trim().equalsIgnoreCase("entered") ? ENTERED : CURRENT;
        }

        String param() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final int WIDTH = 480;
    static final int LABEL_WIDTH = 130;
    static final int VALUE_WIDTH = 120;
    static final int BAR_HEIGHT = 26;
    static final int GAP = 10;
    static final int PAD = 6;
    /** The longest bar, in SVG units. */
    static final int PLOT = WIDTH - LABEL_WIDTH - VALUE_WIDTH;

    private FunnelChart() {
    }

    static Map<String, Object> of(List<FunnelReport.StageRow> stages, Measure by) {
        long max = 0;
        for (FunnelReport.StageRow s : stages) {
            max = Math.max(max, value(s, by));
        }
        List<Map<String, Object>> bars = new ArrayList<>();
        int y = PAD;
        for (FunnelReport.StageRow s : stages) {
            long value = value(s, by);
            int length = barLength(value, max);
            Map<String, Object> bar = new LinkedHashMap<>();
            bar.put("id", "bar-" + s.stage().name());
            bar.put("stage", s.stage().name());
            bar.put("label", label(s.stage()));
            bar.put("value", Long.toString(value));
            bar.put("x", Integer.toString(LABEL_WIDTH));
            bar.put("y", Integer.toString(y));
            bar.put("width", Integer.toString(length));
            bar.put("height", Integer.toString(BAR_HEIGHT));
            bar.put("textY", Integer.toString(y + BAR_HEIGHT / 2 + 5));
            bar.put("labelX", Integer.toString(LABEL_WIDTH - 8));
            bar.put("valueX", Integer.toString(LABEL_WIDTH + length + 6));
            bar.put("valueText", s.current() + " now · " + s.entered() + " entered");
            bar.put("title", label(s.stage()) + ": " + s.current() + " in the stage now, " + s.entered()
                    + " entered in the window");
            bars.add(bar);
            y += BAR_HEIGHT + GAP;
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("width", Integer.toString(WIDTH));
        chart.put("height", Integer.toString(y - GAP + PAD));
        chart.put("bars", bars);
        chart.put("measure", by.param());
        chart.put("max", Long.toString(max));
        return chart;
    }

    /** Proportional to {@code max}; a stage with any leads is at least 2 units long so it stays visible. */
    static int barLength(long value, long max) {
        if (value <= 0 || max <= 0) {
            return 0;
        }
        return (int) Math.max(2, Math.round((double) value * PLOT / max));
    }

    private static long value(FunnelReport.StageRow s, Measure by) {
        return by == Measure.ENTERED ? s.entered() : s.current();
    }

    /** LEAD_GENERATION as "Lead generation". */
    static String label(Stage stage) {
        String words = stage.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
