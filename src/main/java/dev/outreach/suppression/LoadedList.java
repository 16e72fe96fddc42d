package dev.outreach.suppression;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The record of one (re)load of one list file, as shown to operators and written to the audit log.
 * It holds no entries and no line content, only counts and reasons.
 *
 * @param name              path relative to the lists root, e.g. {@code email/unsubscribes.txt};
 *                          a kind folder that cannot be read appears as {@code email/}
 * @param kind              which folder it came from
 * @param entries           distinct entries in force from this file
 * @param rejectedLines     lines that could not be used (blank and comment lines are not counted)
 * @param firstRejectedLines the first 100 rejected lines, with line numbers and reasons
 * @param sha256            hex SHA-256 of the file's bytes, or null when they could not be read
 * @param loadedAt          when this load happened
 * @param asOf              the date the data is as of (the file's modification time), or null
 *                          when it could not be read
 * @param status            LOADED, UNREADABLE or REMOVED
 * @param detail            why a list is UNREADABLE or REMOVED, or null
 */
public record LoadedList(String name, ListKind kind, long entries, long rejectedLines,
                         List<RejectedLine> firstRejectedLines, String sha256, Instant loadedAt, Instant asOf,
                         ListStatus status, String detail) {

    public LoadedList {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(loadedAt, "loadedAt");
        Objects.requireNonNull(status, "status");
        firstRejectedLines = List.copyOf(firstRejectedLines);
    }

    public boolean isUnreadable() {
        return status == ListStatus.UNREADABLE;
    }

    /** Same file content with the same result: reloading it changed nothing worth recording. */
    boolean sameOutcomeAs(LoadedList other) {
        return other != null && status == other.status && Objects.equals(sha256, other.sha256)
                && Objects.equals(detail, other.detail);
    }
}
