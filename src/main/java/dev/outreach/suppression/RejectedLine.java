package dev.outreach.suppression;

/**
 * A line of a list file that could not be used.
 *
 * @param lineNumber 1-based line number in the file
 * @param reason     what is wrong, never the line's content (it may be personal data)
 */
public record RejectedLine(long lineNumber, String reason) {
}
