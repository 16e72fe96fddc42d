package dev.outreach.report;

import dev.outreach.lead.Stage;

import java.time.Duration;
import java.util.Objects;

/**
 * What the SOP owes a lead in one stage.
 *
 * @param template the template that carries the follow-up (null when the stage has none)
 * @param within   business time from the basis (stage entry, or the last follow-up when it repeats)
 * @param repeats  false: one follow-up per stay in the stage (a template's {@code followUpWithin});
 *                 true: a follow-up every {@code within} for as long as the lead stays (a cadence)
 * @param source   where the deadline comes from, e.g. {@code template presentation-summary} or
 *                 {@code followups.cadence.negotiation}
 */
public record FollowUpRule(Stage stage, String template, Duration within, boolean repeats, String source) {

    public FollowUpRule {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(within, "within");
        if (within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException(stage + " follow-up interval must be positive, was " + within);
        }
    }
}
