package dev.outreach.suppression;

/** The file as a whole cannot be used (binary, UTF-16, CSV without its column). */
final class UnreadableListException extends Exception {

    UnreadableListException(String detail) {
        super(detail, null, false, false);
    }
}
