package dev.outreach.suppression;

/**
 * One line of a list file cannot be used. The message is a reason safe to record and show; it
 * never contains the line, which may be personal data.
 */
final class InvalidEntryException extends IllegalArgumentException {

    InvalidEntryException(String reason) {
        super(reason);
    }
}
