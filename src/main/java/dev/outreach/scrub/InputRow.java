package dev.outreach.scrub;

/**
 * One non-blank line of a batch as read: its text (so the CLI can copy allowed rows verbatim) and
 * either the row to judge or why it cannot be judged.
 */
public record InputRow(long line, String text, CheckRow row, RowError error) {

    static InputRow of(long line, String text, CheckRow row) {
        return new InputRow(line, text, row, null);
    }

    static InputRow broken(long line, String text, String field, String detail) {
        return new InputRow(line, text, null, new RowError(line, field, detail));
    }
}
