package dev.outreach.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreach.store.PruneBoundary;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The append-only file of signed audit checkpoints and prune records, one JSON object per line,
 * kept outside the database so that someone able to rewrite the database cannot also rewrite what
 * the chain was known to contain:
 *
 * <pre>
 * {"type":"checkpoint","seq":1250,"hash":"9f2c…","at":"2026-11-27T14:05:00Z","mac":"…"}
 * {"type":"prune","seq":1000,"hash":"41be…","at":"2026-12-01T03:00:00Z","mac":"…"}
 * </pre>
 *
 * {@code mac} is HMAC-SHA256, keyed with a secret of the store, over
 * {@code type|seq|hash|at}. A {@code prune} line records the boundary of a retention prune: every
 * entry up to {@code seq} was deleted on purpose, and {@code hash} is the hash the earliest
 * remaining entry must chain to. Each line is forced to disk before {@link #append} returns.
 */
public final class CheckpointFile {

    public static final String CHECKPOINT = "checkpoint";
    public static final String PRUNE = "prune";

    /**
     * One line as read back. {@code problem} is null for a well-formed line with a valid
     * signature; otherwise it says what is wrong and the other fields may be null or zero.
     */
    public record Line(int number, String type, long seq, String hash, Instant at, String problem) {

        public boolean valid() {
            return problem == null;
        }

        public Checkpoint checkpoint() {
            return new Checkpoint(seq, hash, at);
        }

        public PruneBoundary boundary() {
            return new PruneBoundary(seq, hash, at);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final SecretKeySpec key;

    /** @param key at least 32 bytes */
    public CheckpointFile(Path path, byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("checkpoint key must be at least 32 bytes, was " + key.length);
        }
        this.path = path;
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public Path path() {
        return path;
    }

    /** Appends a checkpoint line and forces it to disk. */
    public void append(Checkpoint checkpoint) {
        append(CHECKPOINT, checkpoint.seq(), checkpoint.hash(), checkpoint.at());
    }

    /** Appends a prune line and forces it to disk. */
    public void append(PruneBoundary boundary) {
        append(PRUNE, boundary.seq(), boundary.hash(), boundary.prunedAt());
    }

    private synchronized void append(String type, long seq, String hash, Instant at) {
        ObjectNode line = JSON.createObjectNode();
        line.put("type", type);
        line.put("seq", seq);
        line.put("hash", hash);
        line.put("at", at.toString());
        line.put("mac", mac(type, seq, hash, at));
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit checkpoint file " + path, e);
        }
    }

    /**
     * Every line in file order, each checked for form and signature. A file that does not exist
     * yet holds no lines.
     *
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    public List<Line> read() {
        List<String> raw;
        try {
            raw = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoint file " + path, e);
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            if (!raw.get(i).isBlank()) {
                lines.add(parse(i + 1, raw.get(i)));
            }
        }
        return lines;
    }

    private Line parse(int number, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            return new Line(number, null, 0, null, null, "is not JSON");
        }
        String type = node.path("type").asText(null);
        String hash = node.path("hash").asText(null);
        String mac = node.path("mac").asText(null);
        if (!(CHECKPOINT.equals(type) || PRUNE.equals(type)) || !node.path("seq").canConvertToLong()
                || hash == null || mac == null || !node.path("at").isTextual()) {
            return new Line(number, type, 0, hash, null, "is not a checkpoint or prune record");
        }
        long seq = node.path("seq").asLong();
        Instant at;
        try {
            at = Instant.parse(node.path("at").asText());
        } catch (DateTimeParseException e) {
            return new Line(number, type, seq, hash, null, "has an unreadable time");
        }
        boolean genuine = MessageDigest.isEqual(mac(type, seq, hash, at).getBytes(StandardCharsets.US_ASCII),
                mac.getBytes(StandardCharsets.US_ASCII));
        return new Line(number, type, seq, hash, at, genuine ? null
                : "has a signature that does not match its contents (the file was edited, or written with another key)");
    }

    private String mac(String type, long seq, String hash, Instant at) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            String material = type + "|" + seq + "|" + hash + "|" + at;
            return HexFormat.of().formatHex(mac.doFinal(material.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
