package dev.outreach.gateway;

import dev.outreach.audit.AuditKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.outreach.audit.AuditTrail;
import dev.outreach.lead.Lead;
import dev.outreach.lead.StageTransition;
import dev.outreach.store.DuplicateKeyException;
import dev.outreach.store.Leads;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * Bulk creation of leads from a CSV file with a header row, streamed: memory stays constant
 * whatever the file's size. Each row is validated exactly as {@code POST /api/v1/leads} validates a
 * body (the {@link RowValidator} is that validation); valid rows are kept, invalid ones are reported
 * with their line numbers. Rows are written in batches, each batch in one transaction, and a lead is
 * written together with its first stage transition, so no row is ever half-written.
 *
 * <p>In {@link Mode#INSERT} a row is rejected, like a POST, when its id or email already belongs to a
 * stored lead or to an earlier row of the same file. In {@link Mode#UPSERT} a row whose id belongs to
 * a stored lead updates it instead, like a PATCH: its non-blank cells replace the stored fields, the
 * others are kept; its stage and createdAt, when given, must be the stored ones (stage changes are
 * moves with a history, through {@code POST /api/v1/leads/{id}/stage}). Cells are trimmed; a blank cell is an absent field; blank rows are
 * skipped. Line numbers are those of the file (the header is line 1; a row whose quoted value spans
 * lines has the number of the line it starts on).
 */
public final class LeadImport {

    /** At most this many row errors are listed; the rest are only counted. */
    public static final int MAX_LISTED_ERRORS = 1000;
    static final int BATCH_SIZE = 500;

    private static final CsvFactory CSV = new CsvFactory();

    /** Whether a row naming a stored lead is refused (INSERT) or updates it (UPSERT). */
    public enum Mode {
        INSERT, UPSERT;

        /** @throws IllegalArgumentException naming the accepted values */
        public static Mode parse(String raw) {
            if (raw == null || raw.isBlank()) {
                return INSERT;
            }
            return switch (raw.strip().toLowerCase(Locale.ROOT)) {
                case "insert" -> INSERT;
                case "upsert" -> UPSERT;
                default -> throw new IllegalArgumentException("must be insert or upsert");
            };
        }
    }

    /** Turns one row into a lead, with the same checks and messages as the single-lead API. */
    public interface RowValidator {

        /** The column names a file may use; header cells match them ignoring case. */
        List<String> columns();

        /** @param row the row's non-blank cells by column name (as spelled in {@link #columns()}) */
        Validated validate(Map<String, String> row);

        /** The row applied over a stored lead, as {@code PATCH /api/v1/leads/{id}} applies a body. */
        Validated validateUpdate(Map<String, String> row, Lead stored);
    }

    /** A valid lead, or the problems that make the row invalid (lead null). */
    public record Validated(Lead lead, List<FieldProblem> problems) {

        public Validated {
            problems = problems == null ? List.of() : List.copyOf(problems);
        }

        public static Validated valid(Lead lead) {
            return new Validated(lead, List.of());
        }

        public static Validated invalid(List<FieldProblem> problems) {
            return new Validated(null, problems);
        }
    }

    public record FieldProblem(String field, String message) {
    }

    /** One problem of one row; {@code line} is the file line the row starts on. */
    public record RowError(long line, String field, String message) {
    }

    /**
     * @param imported        leads stored as new leads
     * @param updated         stored leads updated (UPSERT only)
     * @param rejected        rows not stored (each has at least one listed or counted error)
     * @param errors          the first {@link #MAX_LISTED_ERRORS} errors by line
     * @param errorsNotListed errors beyond those listed
     * @param complete        false when the file became unreadable (broken quoting) and the rest was not read
     */
    public record Result(long imported, long updated, long rejected, List<RowError> errors, long errorsNotListed,
                         boolean complete) {

        public Result {
            errors = List.copyOf(errors);
        }
    }

    private final Leads leads;
    private final AuditTrail audit;

    public LeadImport(Leads leads, AuditTrail audit) {
        this.leads = leads;
        this.audit = audit;
    }

    /**
     * Reads the whole file and stores its valid rows.
     *
     * @param progress told the number of data rows read so far, after every batch and at the end
     * @throws RejectedRequest (INVALID, field {@code header}) when the file has no header row, or the
     *                         header names an unknown column or a column twice; nothing is stored
     */
    public Result run(Reader csv, RowValidator validator, Actor actor, LongConsumer progress) {
        return run(csv, validator, actor, Mode.INSERT, progress);
    }

    /** As {@link #run(Reader, RowValidator, Actor, LongConsumer)}, updating stored leads in {@link Mode#UPSERT}. */
    public Result run(Reader csv, RowValidator validator, Actor actor, Mode mode, LongConsumer progress) {
        Run run = new Run(validator, actor, mode, progress);
        try (CsvParser parser = CSV.createParser(withoutByteOrderMark(csv))) {
            parser.setSchema(CsvSchema.emptySchema());
            run.read(parser);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw RejectedRequest.invalid("header", "the file is not valid UTF-8 (an invalid, overlong or "
                    + "surrogate byte sequence); nothing was imported");
        } catch (IOException e) {
            throw new UncheckedIOException("reading the import file failed", e);
        }
        Result result = run.result();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("mode", mode.name());
        detail.put("imported", result.imported());
        detail.put("updated", result.updated());
        detail.put("rejected", result.rejected());
        detail.put("complete", result.complete());
        audit.recordChange(AuditKind.LEADS_IMPORTED, actor.auditName(), null, null, null, detail);
        return result;
    }

    /** A header cell as it may appear in an error: at most 64 characters, so a hostile file is not echoed. */
    private static String shown(String cell) {
        return cell.length() <= 64 ? cell : cell.substring(0, 64) + "… (" + cell.length() + " characters)";
    }

    private static Reader withoutByteOrderMark(Reader in) throws IOException {
        PushbackReader reader = new PushbackReader(in, 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    /** The state of one import. */
    private final class Run {

        private final RowValidator validator;
        private final Actor actor;
        private final Mode mode;
        private final LongConsumer progress;
        /** Last error (by line, then as found) on top, so the queue keeps the first errors. */
        private final PriorityQueue<Numbered> listed = new PriorityQueue<>(BY_POSITION.reversed());
        private final List<Pending> batch = new ArrayList<>();
        private final Set<String> batchIds = new HashSet<>();
        private final Set<String> batchEmails = new HashSet<>();
        private String[] header;
        private long rowsRead;
        private long imported;
        private long updated;
        private long rejected;
        private long errors;
        private boolean complete = true;

        /** @param row the cells, kept to apply them over the stored lead if the id turns out to be taken (UPSERT) */
        private record Pending(long line, Lead lead, Map<String, String> row) {
        }

        /** An error and the order it was found in, so errors of one line keep their order. */
        private record Numbered(long seq, RowError error) {
        }

        private static final Comparator<Numbered> BY_POSITION = Comparator
                .comparingLong((Numbered n) -> n.error().line()).thenComparingLong(Numbered::seq);

        Run(RowValidator validator, Actor actor, Mode mode, LongConsumer progress) {
            this.validator = validator;
            this.actor = actor;
            this.mode = mode;
            this.progress = progress;
        }

        void read(CsvParser parser) throws IOException {
            List<String> cells = new ArrayList<>();
            long line = 0;
            while (true) {
                JsonToken token;
                try {
                    token = parser.nextToken();
                } catch (JsonProcessingException e) {
                    long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
                    if (header == null) {
                        throw RejectedRequest.invalid("header", "the file is not readable CSV (line " + at + ")");
                    }
                    flush();
                    complete = false;
                    rejected++;
                    error(line > 0 ? line : at, "row", "unreadable CSV (" + e.getOriginalMessage()
                            + "); this row and the rest of the file were not imported");
                    break;
                } catch (java.nio.charset.CharacterCodingException e) {
                    // Bytes that are not UTF-8 are refused, never replaced with U+FFFD and stored.
                    if (header == null) {
                        throw RejectedRequest.invalid("header", "the file is not valid UTF-8");
                    }
                    flush();
                    complete = false;
                    rejected++;
                    error(line > 0 ? line : parser.currentLocation().getLineNr(), "row", "not valid UTF-8 (an invalid, "
                            + "overlong or surrogate byte sequence); this row and the rest of the file were not imported");
                    break;
                }
                if (token == null) {
                    break;
                }
                if (token == JsonToken.START_ARRAY) {
                    cells.clear();
                    line = 0;
                } else if (token == JsonToken.VALUE_STRING) {
                    if (cells.isEmpty()) {
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    cells.add(parser.getText().strip());
                } else if (token == JsonToken.END_ARRAY) {
                    row(line, cells);
                }
            }
            if (header == null) {
                throw RejectedRequest.invalid("header", "the file is empty; the first line must name the columns ("
                        + String.join(",", validator.columns()) + ")");
            }
            flush();
        }

        private void row(long line, List<String> cells) {
            if (cells.stream().allMatch(String::isEmpty)) {
                return;
            }
            if (header == null) {
                header = header(cells);
                return;
            }
            rowsRead++;
            if (cells.size() > header.length) {
                reject(line, List.of(new FieldProblem("row", "has " + cells.size() + " values but the header names "
                        + header.length + " columns")));
                return;
            }
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                if (!cells.get(i).isEmpty()) {
                    row.put(header[i], cells.get(i));
                }
            }
            Validated v = validator.validate(row);
            if (v.lead() == null) {
                reject(line, v.problems());
                return;
            }
            Lead lead = v.lead();
            if (!batchIds.add(lead.id())) {
                reject(line, List.of(new FieldProblem("id", "a lead with this id already exists")));
                return;
            }
            if (lead.email() != null && !batchEmails.add(lead.email())) {
                batchIds.remove(lead.id());
                reject(line, List.of(new FieldProblem("email", "a lead with this email already exists")));
                return;
            }
            batch.add(new Pending(line, lead, row));
            if (batch.size() >= BATCH_SIZE) {
                flush();
            }
        }

        private String[] header(List<String> cells) {
            Map<String, String> known = new HashMap<>();
            for (String c : validator.columns()) {
                known.put(c.toLowerCase(Locale.ROOT), c);
            }
            String[] names = new String[cells.size()];
            Set<String> unknown = new TreeSet<>();
            Set<String> seen = new HashSet<>();
            Set<String> repeated = new TreeSet<>();
            for (int i = 0; i < cells.size(); i++) {
                String column = known.get(cells.get(i).toLowerCase(Locale.ROOT));
                if (column == null) {
                    unknown.add(cells.get(i).isEmpty() ? "(blank, column " + (i + 1) + ")" : shown(cells.get(i)));
                } else if (!seen.add(column)) {
                    repeated.add(column);
                }
                names[i] = column;
            }
            if (!unknown.isEmpty()) {
                throw RejectedRequest.invalid("header", "unknown column(s) " + unknown + "; the columns are "
                        + String.join(",", validator.columns()));
            }
            if (!repeated.isEmpty()) {
                throw RejectedRequest.invalid("header", "column(s) named twice: " + repeated);
            }
            return names;
        }

        /** Stores the batch: rows whose id or email a stored lead has are rejected, the rest written at once. */
        private void flush() {
            if (!batch.isEmpty()) {
                Set<String> takenIds = leads.existingIds(batch.stream().map(p -> p.lead().id()).toList());
                Set<String> takenEmails = leads.existingEmails(batch.stream().map(p -> p.lead().email())
                        .filter(Objects::nonNull).toList());
                List<Pending> writable = new ArrayList<>();
                for (Pending p : batch) {
                    if (mode == Mode.UPSERT && takenIds.contains(p.lead().id())) {
                        update(p);
                    } else if (takenIds.contains(p.lead().id())) {
                        reject(p.line(), List.of(new FieldProblem("id", "a lead with this id already exists")));
                    } else if (p.lead().email() != null && takenEmails.contains(p.lead().email())) {
                        reject(p.line(), List.of(new FieldProblem("email", "a lead with this email already exists")));
                    } else {
                        writable.add(p);
                    }
                }
                write(writable);
                batch.clear();
                batchIds.clear();
                batchEmails.clear();
            }
            progress.accept(rowsRead);
        }

        private void write(List<Pending> writable) {
            try {
                leads.createAll(writable.stream().map(Pending::lead).toList(),
                        writable.stream().map(p -> initial(p.lead())).toList());
                imported += writable.size();
            } catch (DuplicateKeyException raced) {
                // Another writer took an id since the check: store row by row to find which.
                for (Pending p : writable) {
                    try {
                        leads.create(p.lead(), initial(p.lead()));
                        imported++;
                    } catch (DuplicateKeyException e) {
                        reject(p.line(), List.of(new FieldProblem("id", "a lead with this id already exists")));
                    }
                }
            }
        }

        /** UPSERT of a row whose id is stored: the row over the stored lead, unless its email is another lead's. */
        private void update(Pending p) {
            Lead stored = leads.find(p.lead().id()).orElse(null);
            if (stored == null) {
                reject(p.line(), List.of(new FieldProblem("id", "the lead was deleted during the import")));
                return;
            }
            Validated v = validator.validateUpdate(p.row(), stored);
            if (v.lead() == null) {
                reject(p.line(), v.problems());
                return;
            }
            String email = v.lead().email();
            if (email != null && !email.equals(stored.email())
                    && leads.findByEmail(email).filter(other -> !other.id().equals(stored.id())).isPresent()) {
                reject(p.line(), List.of(new FieldProblem("email", "a lead with this email already exists")));
                return;
            }
            leads.update(v.lead());
            updated++;
        }

        private StageTransition initial(Lead lead) {
            return new StageTransition(lead.id(), null, lead.stage(), lead.outcome(), lead.stageEnteredAt(),
                    actor.auditName());
        }

        private void reject(long line, List<FieldProblem> problems) {
            rejected++;
            for (FieldProblem p : problems) {
                error(line, p.field(), p.message());
            }
        }

        private void error(long line, String field, String message) {
            errors++;
            listed.add(new Numbered(errors, new RowError(line, field, message)));
            if (listed.size() > MAX_LISTED_ERRORS) {
                listed.poll();
            }
        }

        Result result() {
            List<RowError> sorted = listed.stream().sorted(BY_POSITION).map(Numbered::error).toList();
            return new Result(imported, updated, rejected, sorted, errors - sorted.size(), complete);
        }
    }
}
