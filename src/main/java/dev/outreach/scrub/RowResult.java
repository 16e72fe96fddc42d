package dev.outreach.scrub;

import dev.outreach.policy.Decision;

/** A row and its outcome: a decision, or an error (never both). */
public record RowResult(InputRow input, Decision decision, RowError error) {

    public long line() {
        return input.line();
    }

    public boolean allowed() {
        return decision != null && decision.allowed();
    }
}
