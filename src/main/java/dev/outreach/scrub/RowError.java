package dev.outreach.scrub;

/**
 * Why one line was not judged: the line, the field at fault and a sentence that never quotes the
 * value (it may be personal data). A row with an error is never cleared.
 */
public record RowError(long line, String field, String detail) {
}
