package dev.outreach.scrub;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.policy.Decision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The NDJSON result of a batch: one line per input line, in order, then a trailer line. A row is
 * compact ({@code line, recipient, decision, blockingRules, nextAllowedAt}) unless the full
 * evaluation was asked for; an error row is {@code {"line":N,"error":{"field","detail"}}}. The
 * trailer names the batch's audit entry and the SHA-256 of every byte before it.
 */
public final class NdjsonResults implements BatchOutput {

    /** Results reach a client at least this often even while the output buffer is not full. */
    private static final long FLUSH_NANOS = 200_000_000L;
    /** A compact row's usual size, so its buffer is not grown. */
    private static final int ROW_BYTES = 192;

    private final OutputStream out;
    private final MessageDigest sha256 = BatchInput.sha256();
    private final OutputStream hashed;
    private final ObjectMapper json;
    private final boolean full;
    private long lastFlush = System.nanoTime();

    public NdjsonResults(OutputStream out, ObjectMapper json, boolean full) {
        this.out = out;
        this.hashed = new DigestOutputStream(out, sha256);
        this.json = json;
        this.full = full;
    }

    /**
     * The row's line, newline included, written field by field (a batch renders a million of them;
     * a map per row cost a tenth of a row's time). Safe to call from several threads at once.
     */
    @Override
    public byte[] render(RowResult result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ROW_BYTES);
        try (JsonGenerator row = json.createGenerator(bytes)) {
            row.writeStartObject();
            row.writeNumberField("line", result.line());
            if (result.error() != null) {
                row.writeObjectFieldStart("error");
                row.writeStringField("field", result.error().field());
                row.writeStringField("detail", result.error().detail());
                row.writeEndObject();
            } else {
                writeDecision(row, result.decision());
            }
            row.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private void writeDecision(JsonGenerator row, Decision d) throws IOException {
        row.writeStringField("recipient", d.recipient());
        row.writeStringField("decision", d.decision().name());
        row.writeArrayFieldStart("blockingRules");
        for (String rule : d.blockingRules()) {
            row.writeString(rule);
        }
        row.writeEndArray();
        row.writeStringField("nextAllowedAt", d.nextAllowedAt() == null ? null : d.nextAllowedAt().toString());
        if (full) {
            row.writeObjectField("evaluation", d);
        }
    }

    @Override
    public void write(RowResult result) {
        byte[] bytes = result.rendered() != null ? result.rendered() : render(result);
        try {
            hashed.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long now = System.nanoTime();
        if (now - lastFlush > FLUSH_NANOS) {
            flush();
            lastFlush = now;
        }
    }

    @Override
    public Map<String, String> digests() {
        return Map.of("resultSha256", BatchInput.hex(sha256.digest()));
    }

    @Override
    public void finish(BatchReceipt receipt) {
        Map<String, Object> trailer = new LinkedHashMap<>();
        trailer.put("rows", receipt.summary().rows());
        trailer.put("allowed", receipt.summary().allowed());
        trailer.put("blocked", receipt.summary().blocked());
        trailer.put("errors", receipt.summary().errors());
        trailer.put("judgedAt", receipt.judgedAt().toString());
        trailer.put("inputSha256", receipt.inputSha256());
        trailer.put("resultSha256", receipt.resultDigests().get("resultSha256"));
        trailer.put("auditId", receipt.auditId());
        try {
            out.write(lineBytes(Map.of("trailer", trailer)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        flush();
    }

    private byte[] lineBytes(Map<String, Object> line) {
        try {
            byte[] json = this.json.writeValueAsBytes(line);
            byte[] withNewline = Arrays.copyOf(json, json.length + 1);
            withNewline[json.length] = '\n';
            return withNewline;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
