package dev.outreach.suppression;

import dev.outreach.contact.InvalidEmailAddressException;
import dev.outreach.contact.InvalidPhoneNumberException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one list file into a {@link FingerprintIndex} and a {@link LoadedList} report. Blank lines
 * and lines whose first non-blank character is {@code #} are skipped. Every other line either
 * becomes an entry or is counted as rejected with its line number and a reason; a broken line
 * never makes the rest of the list disappear.
 */
final class SuppressionListLoader {

    static final int MAX_REPORTED_REJECTIONS = 100;

    private final Clock clock;

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
        Entries entries = new Entries(file.format());
        ListFileLines.Outcome outcome;
        try {
            outcome = ListFileLines.read(file.path(), entries);
        } catch (IOException e) {
            return unreadable(file, "cannot be read (" + e.getClass().getSimpleName() + ")", null, asOf, loadedAt, stamp);
        }
        if (outcome.problem() != null) {
            return unreadable(file, outcome.problem(), outcome.sha256(), asOf, loadedAt, stamp);
        }
        FingerprintIndex index = entries.index();
        LoadedList report = new LoadedList(file.name(), file.kind(), index.size(), entries.rejectedCount,
                entries.firstRejected, outcome.sha256(), loadedAt, asOf, ListStatus.LOADED, null);
        return new ListLoad(report, index, stamp);
    }

    private static ListLoad unreadable(ListFile file, String detail, String sha256, Instant asOf, Instant loadedAt,
                                       FileStamp stamp) {
        LoadedList report = new LoadedList(file.name(), file.kind(), 0, 0, List.of(), sha256, loadedAt, asOf,
                ListStatus.UNREADABLE, detail);
        return new ListLoad(report, null, stamp);
    }

    /** Turns lines into fingerprints, handling the CSV header when the format has one. */
    private static final class Entries implements ListFileLines.Visitor {
        private final ListFormat format;
        private final Fingerprints fingerprints = new Fingerprints();
        private final FingerprintIndex.Builder builder = FingerprintIndex.builder();
        private final List<RejectedLine> firstRejected = new ArrayList<>();
        private long rejectedCount;
        private int csvColumn = -1;

        Entries(ListFormat format) {
            this.format = format;
        }

        @Override
        public void line(long number, String text) throws UnreadableListException {
            String value = text.strip();
            if (value.isEmpty() || value.startsWith("#")) {
                return;
            }
            if (format.csvColumn() == null) {
                add(number, value);
            } else if (csvColumn < 0) {
                csvColumn = headerColumn(value);
            } else {
                addCsvRow(number, value);
            }
        }

        @Override
        public void rejected(long number, String reason) {
            rejectedCount++;
            if (firstRejected.size() < MAX_REPORTED_REJECTIONS) {
                firstRejected.add(new RejectedLine(number, reason));
            }
        }

        FingerprintIndex index() {
            return builder.build();
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
                    return i;
                }
            }
            throw new UnreadableListException("CSV header row has no '" + format.csvColumn()
                    + "' column (columns must be separated by commas)");
        }

        private void addCsvRow(long number, String row) {
            List<String> cells;
            try {
                cells = CsvLine.split(row);
            } catch (InvalidEntryException e) {
                rejected(number, e.getMessage());
                return;
            }
            if (csvColumn >= cells.size() || cells.get(csvColumn).isEmpty()) {
                rejected(number, "row has no value in the '" + format.csvColumn() + "' column");
                return;
            }
            add(number, cells.get(csvColumn));
        }

        private void add(long number, String value) {
            try {
                builder.add(format.fingerprint(value, fingerprints));
            } catch (InvalidEmailAddressException | InvalidPhoneNumberException | InvalidEntryException e) {
                // these messages are written never to contain the value itself
                rejected(number, e.getMessage());
            }
        }
    }
}
