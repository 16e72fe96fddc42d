package dev.outreach.suppression;

import dev.outreach.contact.InvalidEmailAddressException;
import dev.outreach.contact.InvalidPhoneNumberException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/**
 * Reads one list file into a {@link FingerprintIndex} and a {@link LoadedList} report. Blank lines
 * and lines whose first non-blank character is {@code #} are skipped. Every other line either
 * becomes an entry or is counted as rejected with its line number and a reason; a broken line
 * never makes the rest of the list disappear.
 */
final class SuppressionListLoader {

    static final int MAX_REPORTED_REJECTIONS = 100;

    private final Clock clock;
    private final ExecutorService workers = ListEntryChunks.workers();

    SuppressionListLoader(Clock clock) {
        this.clock = clock;
    }

    ListLoad load(ListFile file) {
        Instant loadedAt = clock.instant();
        if (file.problem() != null) {
            return unreadable(file, file.problem(), null, null, loadedAt, null);
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file.path(), BasicFileAttributes.class);
        } catch (IOException e) {
            return unreadable(file, "cannot be read (" + e.getClass().getSimpleName() + ")", null, null, loadedAt, null);
        }
        // wall-clock, not the injected clock: it is compared with the filesystem's timestamps
        FileStamp stamp = FileStamp.of(attributes, Instant.now());
        Instant asOf = attributes.lastModifiedTime().toInstant();
        if (attributes.isDirectory()) {
            return unreadable(file, "is a folder, not a list file", null, asOf, loadedAt, stamp);
        }
        return read(file, loadedAt, asOf, stamp);
    }

    private ListLoad read(ListFile file, Instant loadedAt, Instant asOf, FileStamp stamp) {
        Entries entries = new Entries(file.format(), new ListEntryChunks(file.format(), workers));
        ListFileLines.Outcome outcome;
        try {
            outcome = ListFileLines.read(file.path(), entries);
        } catch (IOException e) {
            entries.abandon();
            return unreadable(file, "cannot be read (" + e.getClass().getSimpleName() + ")", null, asOf, loadedAt, stamp);
        }
        if (outcome.problem() != null) {
            entries.abandon();
            return unreadable(file, outcome.problem(), outcome.sha256(), asOf, loadedAt, stamp);
        }
        FingerprintIndex index = entries.index();
        LoadedList report = new LoadedList(file.name(), file.kind(), index.size(), entries.rejectedCount(),
                entries.firstRejected(), outcome.sha256(), loadedAt, asOf, ListStatus.LOADED, null);
        return new ListLoad(report, index, stamp);
    }

    private static ListLoad unreadable(ListFile file, String detail, String sha256, Instant asOf, Instant loadedAt,
                                       FileStamp stamp) {
        LoadedList report = new LoadedList(file.name(), file.kind(), 0, 0, List.of(), sha256, loadedAt, asOf,
                ListStatus.UNREADABLE, detail);
        return new ListLoad(report, null, stamp);
    }

    /**
     * Turns lines into fingerprints on every core. The reading thread splits the file into lines,
     * skips comments and takes the CSV header; chunks of lines are normalised and hashed by
     * {@link ListEntryChunks} workers and their fingerprints collected in file order.
     */
    private static final class Entries implements ListFileLines.Visitor {
        private final ListFormat format;
        private final ListEntryChunks chunks;
        private final FingerprintIndex.Builder builder = FingerprintIndex.builder();
        private final RejectedLines rejects = new RejectedLines(MAX_REPORTED_REJECTIONS);
        private int csvColumn = -1;
        private boolean headerRead;

        Entries(ListFormat format, ListEntryChunks chunks) {
            this.format = format;
            this.chunks = chunks;
        }

        @Override
        public void line(long number, String text) throws UnreadableListException {
            String value = text.strip();
            if (value.isEmpty() || value.startsWith("#")) {
                return;
            }
            if (format.csvColumn() != null && !headerRead) {
                csvColumn = headerColumn(value);
                headerRead = true;
                return;
            }
            chunks.add(number, value, this::collect);
        }

        @Override
        public void rejected(long number, String reason) {
            rejects.add(number, reason);
        }

        FingerprintIndex index() {
            chunks.finish(this::collect);
            return builder.build();
        }

        void abandon() {
            chunks.abandon();
        }

        long rejectedCount() {
            return rejects.count();
        }

        List<RejectedLine> firstRejected() {
            return rejects.first();
        }

        /** Runs on the reading thread, in file order. */
        private void collect(ListEntryChunks.Done done) {
            for (int i = 0; i < done.count(); i++) {
                builder.add(done.fingerprints()[i]);
            }
            done.rejected().forEach(r -> rejects.add(r.lineNumber(), r.reason()));
            rejects.addUncounted(done.moreRejected());
        }

        /** The first non-comment line of a CSV is its header; without the column the file is useless. */
        private int headerColumn(String header) throws UnreadableListException {
            List<String> names;
            try {
                names = CsvLine.split(header);
            } catch (InvalidEntryException e) {
                throw new UnreadableListException("CSV header row is malformed");
            }
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).toLowerCase(Locale.ROOT).equals(format.csvColumn())) {
                    chunks.csvColumn(i);
                    return i;
                }
            }
            throw new UnreadableListException("CSV header row has no '" + format.csvColumn()
                    + "' column (columns must be separated by commas)");
        }
    }
}
