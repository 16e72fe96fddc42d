package dev.outreach.suppression;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the broken lines of one registry load and keeps the first {@value #KEPT}. A line number
 * alone is ambiguous across files, so each reason starts with the file's name
 * ({@code "full-202.txt: area code must start with 2-9"}); it never repeats the line's content.
 */
final class NationalDncRejects {

    static final int KEPT = 100;

    private final List<RejectedLine> first = new ArrayList<>();
    private long count;

    void reject(String file, long lineNumber, String reason) {
        count++;
        if (first.size() < KEPT) {
            first.add(new RejectedLine(lineNumber, file + ": " + reason));
        }
    }

    long count() {
        return count;
    }

    List<RejectedLine> first() {
        return List.copyOf(first);
    }
}
