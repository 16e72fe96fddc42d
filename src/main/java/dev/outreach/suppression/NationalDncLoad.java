package dev.outreach.suppression;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The report of one load or reload of the national Do Not Call registry download; written to the
 * audit log by whoever listens ({@link NationalDncRegistry#onLoad}).
 *
 * @param numbers            distinct numbers in force after this load (for UNREADABLE: those of
 *                           the earlier download that still answers {@code contains}, if any)
 * @param rejectedLines      broken lines in the files read by this load
 * @param firstRejectedLines the first 100 of them; each reason starts with the file's name
 * @param files              the files of the download in the order they were read: {@code as-of.txt},
 *                           full files by name, change files by name
 * @param asOf               the date of the download in force, exactly what
 *                           {@link NationalDncRegistry#asOf()} answers: null unless LOADED
 * @param loadedAt           when this load ran
 * @param sha256             hex SHA-256 of the manifest {@code "<sha256 of file>  <name>\n"} for every
 *                           file in {@code files}, in that order (what
 *                           {@code sha256sum as-of.txt <full files> <change files> | sha256sum}
 *                           prints); null if not every file could be read
 * @param status             {@link #LOADED}, {@link #UNREADABLE} or {@link #EMPTY}
 * @param detail             what happened, in words, for the audit log and the console
 */
public record NationalDncLoad(long numbers, long rejectedLines, List<RejectedLine> firstRejectedLines,
                              List<String> files, LocalDate asOf, Instant loadedAt, String sha256, String status,
                              String detail) {

    /** The download is in force: its numbers answer {@code contains} and its date is {@code asOf}. */
    public static final String LOADED = "LOADED";
    /**
     * The download cannot be used (a file unreadable or not text, a stray file, as-of.txt missing,
     * not a date or in the future, the folder gone). Nothing of it is in force; {@code asOf} is
     * null, so the freshness rule blocks. An earlier download that had loaded keeps answering
     * {@code contains}.
     */
    public static final String UNREADABLE = "UNREADABLE";
    /** No folder, or no number files in it: no registry, {@code asOf} null. */
    public static final String EMPTY = "EMPTY";

    public NationalDncLoad {
        firstRejectedLines = List.copyOf(firstRejectedLines);
        files = List.copyOf(files);
    }

    /** Same outcome as {@code other}, ignoring when each ran. */
    boolean sameOutcomeAs(NationalDncLoad other) {
        return other != null && numbers == other.numbers && rejectedLines == other.rejectedLines
                && firstRejectedLines.equals(other.firstRejectedLines) && files.equals(other.files)
                && Objects.equals(asOf, other.asOf) && Objects.equals(sha256, other.sha256)
                && status.equals(other.status) && detail.equals(other.detail);
    }
}
