package dev.outreach.cli;

import dev.outreach.policy.Decision;
import dev.outreach.scrub.BatchOutput;
import dev.outreach.scrub.BatchReceipt;
import dev.outreach.scrub.RowResult;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two files {@code scrub} writes: the allowed rows copied verbatim under the input's own header
 * (so the list goes straight back into the marketing tool), and the rejects with the line, the
 * recipient, the decision, the blocking rules, the next allowed instant or the error. Both are
 * hashed as written; their SHA-256 go into the batch's audit entry.
 */
final class ScrubFiles implements BatchOutput, AutoCloseable {

    static final String REJECTS_HEADER = "line,recipient,decision,blocking_rules,next_allowed_at,error_field,error";

    private final MessageDigest allowedSha = sha256();
    private final MessageDigest rejectsSha = sha256();
    private final OutputStream allowed;
    private final OutputStream rejects;
    private long rowsWritten;

    /** @param inputHeader the input CSV's header line, or null for NDJSON input (no header) */
    ScrubFiles(Path allowedFile, Path rejectsFile, String inputHeader) throws IOException {
        this.allowed = open(allowedFile, allowedSha);
        this.rejects = open(rejectsFile, rejectsSha);
        if (inputHeader != null) {
            allowed.write(utf8(inputHeader + "\n"));
        }
        rejects.write(utf8(REJECTS_HEADER + "\n"));
    }

    /** An allowed row's input line verbatim, or a rejected row's line of the rejects file. */
    @Override
    public byte[] render(RowResult result) {
        return utf8(result.allowed() ? result.input().text() + "\n" : rejectLine(result));
    }

    @Override
    public void write(RowResult result) {
        byte[] bytes = result.rendered() != null ? result.rendered() : render(result);
        try {
            (result.allowed() ? allowed : rejects).write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rowsWritten++;
    }

    long rowsWritten() {
        return rowsWritten;
    }

    private static String rejectLine(RowResult result) {
        StringBuilder s = new StringBuilder().append(result.line()).append(',');
        if (result.error() != null) {
            s.append(",ERROR,,,").append(cell(result.error().field())).append(',').append(cell(result.error().detail()));
        } else {
            Decision d = result.decision();
            s.append(cell(d.recipient())).append(',').append(d.decision()).append(',')
                    .append(cell(String.join(" ", d.blockingRules()))).append(',')
                    .append(d.nextAllowedAt() == null ? "" : d.nextAllowedAt().toString()).append(",,");
        }
        return s.append('\n').toString();
    }

    /** RFC 4180 quoting, and a leading quote mark against spreadsheet formula injection. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** Flushes both files before their digests are taken. */
    @Override
    public Map<String, String> digests() {
        try {
            allowed.flush();
            rejects.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("allowedSha256", HexFormat.of().formatHex(allowedSha.digest()));
        out.put("rejectsSha256", HexFormat.of().formatHex(rejectsSha.digest()));
        return out;
    }

    @Override
    public void finish(BatchReceipt receipt) {
        // the files are complete; the receipt is printed by the command
    }

    @Override
    public void close() throws IOException {
        try (allowed) {
            rejects.close();
        }
    }

    private static OutputStream open(Path file, MessageDigest digest) throws IOException {
        return new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(file), digest), 1 << 16);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
