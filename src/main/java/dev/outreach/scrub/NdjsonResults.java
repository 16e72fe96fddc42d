package dev.outreach.scrub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.policy.Decision;

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

    /** The row's line, newline included; Jackson's writers are safe to share between threads. */
    @Override
    public byte[] render(RowResult result) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("line", result.line());
        if (result.error() != null) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("field", result.error().field());
            error.put("detail", result.error().detail());
            line.put("error", error);
        } else {
            Decision d = result.decision();
            line.put("recipient", d.recipient());
            line.put("decision", d.decision().name());
            line.put("blockingRules", d.blockingRules());
            line.put("nextAllowedAt", d.nextAllowedAt() == null ? null : d.nextAllowedAt().toString());
            if (full) {
                line.put("evaluation", d);
            }
        }
        return lineBytes(line);
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
