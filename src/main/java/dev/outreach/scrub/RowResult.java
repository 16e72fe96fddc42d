package dev.outreach.scrub;

import dev.outreach.policy.Decision;

/**
 * A row and its outcome: a decision, or an error (never both), and the bytes its sink rendered for
 * it ahead of writing ({@link ResultSink#render}), if any.
 */
public record RowResult(InputRow input, Decision decision, RowError error, byte[] rendered) {

    public RowResult(InputRow input, Decision decision, RowError error) {
        this(input, decision, error, null);
    }

    RowResult renderedAs(byte[] bytes) {
        return new RowResult(input, decision, error, bytes);
    }

    public long line() {
        return input.line();
    }

    public boolean allowed() {
        return decision != null && decision.allowed();
    }
}
