package dev.outreach.suppression;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Streams a list file line by line while hashing its bytes, so a multi-gigabyte partner file is
 * never held in memory and its SHA-256 costs no second pass.
 *
 * <p>Encoding policy: list files are UTF-8 (an initial UTF-8 byte-order mark is skipped). The file
 * as a whole is unreadable when it is evidently not UTF-8 text at all: a UTF-16 byte-order mark or
 * any NUL byte (UTF-16 text, spreadsheets, archives). A single line that is not valid UTF-8, or is
 * absurdly long, is only that line's problem: it is rejected with its number and the rest of the
 * list stays in force. Lines end with LF or CRLF.
 */
final class ListFileLines {

    /** Far longer than any address, digest or phone number; bounds memory on a file with no newlines. */
    static final int MAX_LINE_BYTES = 8192;

    private ListFileLines() {
    }

    interface Visitor {
        /** A decoded line, terminator removed. Throws to declare the whole file unusable. */
        void line(long number, String text) throws UnreadableListException;

        void rejected(long number, String reason);
    }

    /**
     * @param sha256  hex SHA-256 of every byte of the file
     * @param problem why the whole file is unusable, or null
     */
    record Outcome(String sha256, String problem) {
    }

    static Outcome read(Path file, Visitor visitor) throws IOException {
        MessageDigest sha256 = Fingerprints.digest("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            String problem = splitLines(in, visitor);
            if (problem != null) {
                in.transferTo(OutputStream.nullOutputStream()); // the digest must cover the whole file
            }
            return new Outcome(Fingerprints.hex(sha256.digest()), problem);
        }
    }

    private static String splitLines(InputStream in, Visitor visitor) throws IOException {
        LineDecoder lines = new LineDecoder(visitor);
        byte[] chunk = new byte[1 << 16];
        boolean first = true;
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                int start = 0;
                if (first && n > 0) {
                    String problem = byteOrderMarkProblem(chunk, n);
                    if (problem != null) {
                        return problem;
                    }
                    start = startsWithUtf8Bom(chunk, n) ? 3 : 0;
                    first = false;
                }
                for (int i = start; i < n; i++) {
                    byte b = chunk[i];
                    if (b == 0) {
                        return "contains NUL bytes: binary or UTF-16 data, expected UTF-8 text";
                    }
                    if (b == '\n') {
                        lines.endLine();
                    } else {
                        lines.append(b);
                    }
                }
            }
            lines.endFile();
            return null;
        } catch (UnreadableListException e) {
            return e.getMessage();
        }
    }

    private static String byteOrderMarkProblem(byte[] chunk, int n) {
        boolean utf16 = n >= 2 && ((chunk[0] == (byte) 0xFE && chunk[1] == (byte) 0xFF)
                || (chunk[0] == (byte) 0xFF && chunk[1] == (byte) 0xFE));
        return utf16 ? "UTF-16 text (byte-order mark), expected UTF-8" : null;
    }

    private static boolean startsWithUtf8Bom(byte[] chunk, int n) {
        return n >= 3 && chunk[0] == (byte) 0xEF && chunk[1] == (byte) 0xBB && chunk[2] == (byte) 0xBF;
    }

    /** Collects one line's bytes and hands it, decoded, to the visitor. */
    private static final class LineDecoder {
        private final Visitor visitor;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private byte[] bytes = new byte[256];
        private int length;
        private boolean tooLong;
        private long number = 1;

        LineDecoder(Visitor visitor) {
            this.visitor = visitor;
        }

        void append(byte b) {
            if (length == MAX_LINE_BYTES) {
                tooLong = true;
                return;
            }
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(MAX_LINE_BYTES, bytes.length * 2));
            }
            bytes[length++] = b;
        }

        void endLine() throws UnreadableListException {
            if (length > 0 && bytes[length - 1] == '\r') {
                length--;
            }
            if (tooLong) {
                visitor.rejected(number, "line is longer than " + MAX_LINE_BYTES + " bytes");
            } else {
                deliver();
            }
            number++;
            length = 0;
            tooLong = false;
        }

        /** A last line without a terminating newline still counts. */
        void endFile() throws UnreadableListException {
            if (length > 0 || tooLong) {
                endLine();
            }
        }

        private void deliver() throws UnreadableListException {
            String text;
            try {
                text = utf8.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
            } catch (CharacterCodingException e) {
                visitor.rejected(number, "line is not valid UTF-8");
                return;
            }
            visitor.line(number, text);
        }
    }
}
