package dev.outreach.suppression;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Counts a list's rejected lines and keeps the first few by line number, whatever order they are
 * reported in (lines are judged in parallel chunks), in bounded memory.
 */
final class RejectedLines {

    private final int kept;
    private final List<RejectedLine> first = new ArrayList<>();
    private long count;

    RejectedLines(int kept) {
        this.kept = kept;
    }

    void add(long line, String reason) {
        count++;
        first.add(new RejectedLine(line, reason));
        if (first.size() > 4 * kept) {
            trim();
        }
    }

    /** Rejections counted but not reported one by one (beyond what a chunk kept). */
    void addUncounted(long more) {
        count += more;
    }

    long count() {
        return count;
    }

    List<RejectedLine> first() {
        trim();
        return List.copyOf(first);
    }

    private void trim() {
        first.sort(Comparator.comparingLong(RejectedLine::lineNumber));
        if (first.size() > kept) {
            first.subList(kept, first.size()).clear();
        }
    }
}
