package dev.outreach.report;

import java.time.Instant;

/**
 * The time window of a report: {@code from} inclusive, {@code to} exclusive, either open when null;
 * {@code asOf} is when the report was made (what "current" and "overdue" refer to).
 */
public record ReportWindow(Instant from, Instant to, Instant asOf) {

    public ReportWindow {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    public boolean contains(Instant at) {
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }
}
