package dev.outreach.mail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The embedded default transport: each message becomes {@code <outboxDir>/<name>.eml}, holding the
 * RFC 5322 bytes unchanged, which any mail client opens.
 *
 * <p>A file appears complete or not at all: the bytes go to a temporary file in the same
 * directory, are forced to disk, and are then moved into place with {@code ATOMIC_MOVE}. Delivering
 * the same message again (a retry after a crash before it was marked sent) is accepted silently;
 * a different message under the same name is refused, never overwritten.
 */
public final class EmlFileTransport implements MailTransport {

    /** Leaves room for ".eml" and temporary-file suffixes within the usual 255-byte name limit. */
    private static final int MAX_NAME_LENGTH = 200;

    private final Path outboxDir;

    public EmlFileTransport(Path outboxDir) {
        this.outboxDir = Objects.requireNonNull(outboxDir, "outboxDir");
    }

    /** The file a message with this id is written to. */
    public Path fileFor(String messageId) {
        if (messageId == null || messageId.isEmpty()) {
            throw new IllegalArgumentException("messageId is required");
        }
        return outboxDir.resolve(fileName(messageId) + ".eml");
    }

    /** Synchronized so that the existence check and the move cannot interleave with another delivery. */
    @Override
    public synchronized void deliver(String envelopeRecipient, String messageId, byte[] mime) throws DeliveryException {
        Path target = fileFor(messageId);
        try {
            if (Files.exists(target)) {
                requireSameMessage(target, mime, messageId);
                return;
            }
            Files.createDirectories(outboxDir);
            Path temp = Files.createTempFile(outboxDir, ".partial-", ".tmp");
            try {
                writeDurably(temp, mime);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw DeliveryException.transientFailure("could not write " + target.getFileName() + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private static void requireSameMessage(Path existing, byte[] mime, String messageId)
            throws IOException, DeliveryException {
        if (!Arrays.equals(Files.readAllBytes(existing), mime)) {
            throw DeliveryException.permanentFailure("a different message is already stored as " + existing.getFileName()
                    + " for message id " + messageId);
        }
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * Keeps letters, digits and {@code . _ - @} and percent-encodes every other UTF-8 byte, so two
     * different ids never share a name and no id can climb out of the directory. A leading dot is
     * encoded too, so no id produces a hidden file or "..". Very long ids use their SHA-256 instead.
     */
    static String fileName(String messageId) {
        StringBuilder name = new StringBuilder();
        byte[] utf8 = messageId.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            char c = (char) (utf8[i] & 0xff);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '@' || (c == '.' && i > 0);
            name.append(plain ? String.valueOf(c) : String.format("%%%02X", (int) c));
        }
        return name.length() <= MAX_NAME_LENGTH ? name.toString() : "sha256-" + sha256Hex(utf8);
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
