package dev.outreach.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Audit entries as a compliance officer reads them, written the same way for the search API and for
 * exports, so that a page of the API and an export of the same query carry the same entries with
 * the same values. Exports stream: entries go from the database cursor to the output a batch at a
 * time, so memory stays constant for any number of rows.
 *
 * <p>An entry is the object
 * {@code {seq, id, at, kind, actor, recipient, recipientKey, leadId, channel, decision, rules,
 * policyVersion, detail, prevHash, hash}}: the chained fields, the readable recipient (or
 * {@value #ERASED} once erased), the blocking rules as a list, the policy version taken from the
 * payload, and the payload itself as JSON ({@code detail}; a payload that is not a single JSON
 * value, which only tampering produces, is given as a string).
 */
public final class AuditExport {

    /** Export formats. */
    public enum Format {
        /** RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
        CSV("text/csv; charset=utf-8", "csv"),
        /** One JSON object per line, each exactly an entry of the search API. */
        JSONL("application/x-ndjson", "jsonl");

        private final String contentType;
        private final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        public String contentType() {
            return contentType;
        }

        public String extension() {
            return extension;
        }

        /** "csv" or "jsonl", any case. */
        public static Format parse(String raw) {
            for (Format f : values()) {
                if (f.name().equals(raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new IllegalArgumentException("must be csv or jsonl");
        }
    }

    /** The CSV columns, in order; the same names as the fields of a JSON entry. */
    public static final List<String> CSV_COLUMNS = List.of("seq", "id", "at", "kind", "actor", "recipient",
            "recipientKey", "leadId", "channel", "decision", "rules", "policyVersion", "detail", "prevHash", "hash");

    /** Shown for a recipient whose readable form was erased; the pseudonym stays. */
    public static final String ERASED = "[erased]";

    private static final int BATCH = 500;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final AuditEntries entries;

    public AuditExport(AuditEntries entries) {
        this.entries = entries;
    }

    /**
     * One page of the search API: {@code {"entries":[...],"nextCursor":...}}.
     *
     * @return the page's entries, for the caller's cursor
     */
    public List<AuditEntry> writePage(AuditQuery query, OutputStream out) {
        List<AuditEntry> page = entries.page(query);
        Map<String, String> readable = entries.readableSubjects(page.stream().map(AuditEntry::subjectKey).toList());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("entries");
            for (AuditEntry e : page) {
                writeEntry(g, e, recipient(e, readable));
            }
            g.writeEndArray();
            g.writeStringField("nextCursor", page.size() == query.limit()
                    ? String.valueOf(page.get(page.size() - 1).seq()) : null);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("audit page write failed", e);
        }
        return page;
    }

    /**
     * Writes every entry matching the query (its limit ignored) to {@code out} and returns how many.
     * Flushes after each batch, so a reader sees rows while the export runs. Does not close
     * {@code out}.
     *
     * @throws UncheckedIOException when writing fails (the reader went away)
     */
    public long write(AuditQuery query, Format format, OutputStream out) {
        RowWriter writer = format == Format.CSV ? new CsvRows(out) : new JsonLines(out);
        List<AuditEntry> batch = new ArrayList<>(BATCH);
        long[] count = {0};
        entries.stream(query.withLimit(0), e -> {
            batch.add(e);
            if (batch.size() == BATCH) {
                count[0] += flush(batch, writer);
            }
        });
        count[0] += flush(batch, writer);
        writer.finish();
        return count[0];
    }

    private int flush(List<AuditEntry> batch, RowWriter writer) {
        int n = batch.size();
        if (n == 0) {
            return 0;
        }
        Map<String, String> readable = entries.readableSubjects(batch.stream().map(AuditEntry::subjectKey).toList());
        for (AuditEntry e : batch) {
            writer.row(e, recipient(e, readable));
        }
        writer.flush();
        batch.clear();
        return n;
    }

    private static String recipient(AuditEntry e, Map<String, String> readable) {
        return e.subjectKey() == null ? null : readable.getOrDefault(e.subjectKey(), ERASED);
    }

    private static void writeEntry(JsonGenerator g, AuditEntry e, String recipient) throws IOException {
        AuditPayload.Outline payload = AuditPayload.outline(e.payload());
        g.writeStartObject();
        g.writeNumberField("seq", e.seq());
        g.writeStringField("id", e.id());
        g.writeStringField("at", e.at().toString());
        g.writeStringField("kind", e.kind());
        g.writeStringField("actor", e.actor());
        g.writeStringField("recipient", recipient);
        g.writeStringField("recipientKey", e.subjectKey());
        g.writeStringField("leadId", e.leadId());
        g.writeStringField("channel", e.channel());
        g.writeStringField("decision", e.decision());
        g.writeArrayFieldStart("rules");
        if (e.rules() != null && !e.rules().isEmpty()) {
            for (String rule : e.rules().split(",")) {
                g.writeString(rule);
            }
        }
        g.writeEndArray();
        g.writeStringField("policyVersion", payload.policyVersion());
        g.writeFieldName("detail");
        if (e.payload() == null) {
            g.writeNull();
        } else if (payload.oneJsonValue()) {
            g.writeRawValue(e.payload());
        } else {
            g.writeString(e.payload());
        }
        g.writeStringField("prevHash", e.prevHash());
        g.writeStringField("hash", e.hash());
        g.writeEndObject();
    }

    /** Rows through one Jackson generator; an I/O failure aborts the export. */
    private abstract static class RowWriter {
        final JsonGenerator g;

        RowWriter(JsonGenerator g) {
            this.g = g;
            // The generator must not close the caller's stream (an HTTP response, a file).
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        }

        abstract void write(AuditEntry e, String recipient) throws IOException;

        final void row(AuditEntry e, String recipient) {
            unchecked(() -> write(e, recipient));
        }

        final void flush() {
            unchecked(g::flush);
        }

        final void finish() {
            unchecked(g::close);
        }
    }

    private interface IoStep {
        void run() throws IOException;
    }

    private static void unchecked(IoStep step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new UncheckedIOException("audit export write failed", e);
        }
    }

    private static JsonGenerator generator(IoSupplier supplier) {
        try {
            return supplier.get();
        } catch (IOException e) {
            throw new UncheckedIOException("audit export write failed", e);
        }
    }

    private interface IoSupplier {
        JsonGenerator get() throws IOException;
    }

    /** One JSON object per line. */
    private static final class JsonLines extends RowWriter {

        JsonLines(OutputStream out) {
            super(generator(() -> JSON.createGenerator(out)));
            g.setRootValueSeparator(null);
        }

        @Override
        void write(AuditEntry e, String recipient) throws IOException {
            writeEntry(g, e, recipient);
            g.writeRaw('\n');
        }
    }

    /** RFC 4180 rows through Jackson's CSV generator; rules comma-joined, detail the payload's JSON text. */
    private static final class CsvRows extends RowWriter {

        CsvRows(OutputStream out) {
            super(generator(() -> new CsvMapper().getFactory().createGenerator(out)));
            ((CsvGenerator) g).setSchema(CsvSchema.emptySchema().withLineSeparator("\r\n"));
            unchecked(() -> {
                g.writeStartArray();
                for (String column : CSV_COLUMNS) {
                    g.writeString(column);
                }
                g.writeEndArray();
            });
        }

        @Override
        void write(AuditEntry e, String recipient) throws IOException {
            g.writeStartArray();
            g.writeString(Long.toString(e.seq()));
            for (String value : new String[] {e.id(), e.at().toString(), e.kind(), e.actor(), recipient, e.subjectKey(),
                    e.leadId(), e.channel(), e.decision(), e.rules(), AuditPayload.outline(e.payload()).policyVersion(), e.payload(),
                    e.prevHash(), e.hash()}) {
                g.writeString(value == null ? "" : value); // an absent value is an empty field
            }
            g.writeEndArray();
        }
    }
}
