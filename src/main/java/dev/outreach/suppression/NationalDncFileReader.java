package dev.outreach.suppression;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * Streams one registry file into a {@link NationalDncIndexBuilder}: bytes are hashed and split into
 * lines in one pass, and each line is parsed straight from the byte buffer (no String, no boxing),
 * which is what lets 260 million lines load in well under a minute.
 *
 * <p>Line formats (ASCII; surrounding spaces and tabs, a trailing CR and a UTF-8 byte-order mark
 * are ignored; blank lines and lines starting with {@code #} are skipped):
 * <ul>
 *   <li>full file: {@code 2025550123} (10 digits) or {@code 202,5550123} (area code, comma,
 *       7-digit number; spaces around the comma allowed);</li>
 *   <li>change file: {@code A,} (addition) or {@code D,} (deletion), either case, followed by a
 *       number in either notation: {@code A,2025550123}, {@code D,202,5550123}.</li>
 * </ul>
 * A number needs an area code and an exchange (4th digit) starting with 2–9. A broken line is
 * reported with its number and never ends the file; only NUL bytes or a UTF-16 byte-order mark
 * (the file is not text) or an I/O error make the whole file unusable.
 */
final class NationalDncFileReader {

    /** Longer lines are rejected (and skipped without being buffered), as in the other list files. */
    static final int MAX_LINE_BYTES = 8192;

    private static final int CHUNK = 1 << 20;
    private static final long TEN_MILLION = 10_000_000L;

    private static final long LENGTH = -1;
    private static final long CHARACTER = -2;
    private static final long AREA_CODE = -3;
    private static final long EXCHANGE = -4;
    private static final long OPERATION = -5;
    private static final long CHANGE_IN_FULL_FILE = -6;
    private static final String[] REASONS = {
        null,
        "expected 10 digits, or a 3-digit area code, a comma and a 7-digit number",
        "unexpected character: expected 10 digits, or area code,number",
        "area code must start with 2-9",
        "exchange (4th digit) must start with 2-9",
        "a change line starts with A, (addition) or D, (deletion)",
        "an addition or deletion line in a full file; change files are named changes-YYYY-MM-DD*.txt",
    };

    private final String name;
    private final boolean changeFile;
    private final NationalDncIndexBuilder builder;
    private final NationalDncRejects rejects;
    private long lineNumber = 1;
    private long accepted;

    private NationalDncFileReader(String name, boolean changeFile, NationalDncIndexBuilder builder,
                                  NationalDncRejects rejects) {
        this.name = name;
        this.changeFile = changeFile;
        this.builder = builder;
        this.rejects = rejects;
    }

    /**
     * @param sha256   hex SHA-256 of every byte of the file
     * @param problem  why the whole file is unusable, or null
     * @param accepted lines that carried a number (duplicates included)
     */
    record Outcome(String sha256, String problem, long accepted) {
    }

    static Outcome read(Path file, String name, boolean changeFile, NationalDncIndexBuilder builder,
                        NationalDncRejects rejects) throws IOException {
        NationalDncFileReader reader = new NationalDncFileReader(name, changeFile, builder, rejects);
        MessageDigest sha256 = Fingerprints.digest("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            String problem = reader.split(in);
            if (problem != null) {
                in.transferTo(OutputStream.nullOutputStream()); // the digest covers the whole file
            }
            return new Outcome(Fingerprints.hex(sha256.digest()), problem, reader.accepted);
        }
    }

    private String split(InputStream in) throws IOException {
        byte[] buf = new byte[MAX_LINE_BYTES + CHUNK];
        int carry = 0;          // bytes of an unfinished line, moved to the front of buf
        boolean skipping = false; // inside a line longer than MAX_LINE_BYTES
        boolean first = true;
        for (int n = in.readNBytes(buf, carry, CHUNK); n > 0; n = in.readNBytes(buf, carry, CHUNK)) {
            int lineStart = 0;
            if (first) {
                first = false;
                if (n >= 2 && ((buf[0] == (byte) 0xFE && buf[1] == (byte) 0xFF)
                        || (buf[0] == (byte) 0xFF && buf[1] == (byte) 0xFE))) {
                    return "UTF-16 text (byte-order mark), expected UTF-8 or ASCII text";
                }
                if (n >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
                    lineStart = 3;
                }
            }
            int end = carry + n;
            for (int i = carry; i < end; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    if (skipping) {
                        tooLong();
                        skipping = false;
                    } else {
                        line(buf, lineStart, i);
                    }
                    lineNumber++;
                    lineStart = i + 1;
                } else if (b == 0) {
                    return "contains NUL bytes: binary or UTF-16 data, expected text";
                }
            }
            int tail = end - lineStart;
            if (skipping || tail > MAX_LINE_BYTES) {
                skipping = true;
                carry = 0;
            } else {
                System.arraycopy(buf, lineStart, buf, 0, tail);
                carry = tail;
            }
        }
        if (skipping) {
            tooLong();
        } else if (carry > 0) {
            line(buf, 0, carry); // a last line without a newline still counts
        }
        return null;
    }

    private void tooLong() {
        rejects.reject(name, lineNumber, "line is longer than " + MAX_LINE_BYTES + " bytes");
    }

    private void line(byte[] b, int start, int end) {
        int s = start;
        int e = end;
        if (e - s > MAX_LINE_BYTES) {
            tooLong();
            return;
        }
        while (e > s && isBlank(b[e - 1])) {
            e--;
        }
        while (s < e && isBlank(b[s])) {
            s++;
        }
        if (s == e || b[s] == '#') {
            return;
        }
        long number;
        boolean addition = true;
        if (changeFile) {
            int op = b[s] | 0x20; // lower case
            int comma = skipBlanks(b, s + 1, e);
            if ((op != 'a' && op != 'd') || comma == e || b[comma] != ',') {
                reject(OPERATION);
                return;
            }
            addition = op == 'a';
            number = parseNumber(b, skipBlanks(b, comma + 1, e), e);
        } else {
            number = parseNumber(b, s, e);
            if (number == CHARACTER && isOperation(b, s, e)) {
                number = CHANGE_IN_FULL_FILE;
            }
        }
        if (number < 0) {
            reject(number);
            return;
        }
        int areaCodeIndex = (int) (number / TEN_MILLION) - NationalDncIndex.FIRST_AREA_CODE;
        int subscriber = (int) (number % TEN_MILLION) - 2_000_000;
        accepted++;
        if (changeFile) {
            builder.change(areaCodeIndex, subscriber, addition);
        } else {
            builder.add(areaCodeIndex, subscriber);
        }
    }

    /**
     * @return the 10-digit number, or a negative reason code
     */
    static long parseNumber(byte[] b, int s, int e) {
        int i = s;
        long value = 0;
        while (i < e && isDigit(b[i])) {
            if (i - s < 10) {
                value = value * 10 + (b[i] - '0');
            }
            i++;
        }
        int digits = i - s;
        if (i == e) {
            return digits == 10 ? validated(value) : LENGTH;
        }
        if (digits == 0 || (b[i] != ',' && !isBlank(b[i]))) {
            return CHARACTER;
        }
        int j = skipBlanks(b, i, e);
        if (j == e || b[j] != ',') {
            return CHARACTER;
        }
        j = skipBlanks(b, j + 1, e);
        int k = j;
        long subscriber = 0;
        while (k < e && isDigit(b[k])) {
            if (k - j < 7) {
                subscriber = subscriber * 10 + (b[k] - '0');
            }
            k++;
        }
        if (k != e || k == j) {
            return CHARACTER;
        }
        if (digits != 3 || k - j != 7) {
            return LENGTH;
        }
        return validated(value * TEN_MILLION + subscriber);
    }

    private static long validated(long number) {
        if (number / TEN_MILLION < NationalDncIndex.FIRST_AREA_CODE) {
            return AREA_CODE;
        }
        if (number % TEN_MILLION < 2_000_000) {
            return EXCHANGE;
        }
        return number;
    }

    /** {@code A,...} or {@code D,...} in a full file. */
    private static boolean isOperation(byte[] b, int s, int e) {
        int op = b[s] | 0x20;
        int comma = skipBlanks(b, s + 1, e);
        return (op == 'a' || op == 'd') && comma < e && b[comma] == ',';
    }

    private void reject(long code) {
        rejects.reject(name, lineNumber, REASONS[(int) -code]);
    }

    private static int skipBlanks(byte[] b, int from, int end) {
        int i = from;
        while (i < end && isBlank(b[i])) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
