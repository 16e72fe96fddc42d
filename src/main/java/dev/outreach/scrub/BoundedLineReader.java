package dev.outreach.scrub;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines (LF or CRLF) of at most {@link #MAX_LINE_CHARS} characters, so a file without
 * newlines cannot make the reader hold it whole. A longer line is returned as {@link #TOO_LONG}
 * after its rest was skipped.
 */
final class BoundedLineReader {

    /** Far longer than any check's fields. */
    static final int MAX_LINE_CHARS = 16_384;
    static final String TOO_LONG = "\u0000too long";

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder line = new StringBuilder(256);
    private int position;
    private int limit;

    BoundedLineReader(Reader in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at the end of the input. */
    String next() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                return any ? finish(tooLong) : null;
            }
            any = true;
            char c = buffer[position++];
            if (c == '\n') {
                return finish(tooLong);
            }
            if (line.length() < MAX_LINE_CHARS + 1) {
                line.append(c);
            } else {
                tooLong = true;
            }
        }
    }

    private String finish(boolean tooLong) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return tooLong || line.length() > MAX_LINE_CHARS ? TOO_LONG : line.toString();
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
