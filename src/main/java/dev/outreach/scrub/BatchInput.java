package dev.outreach.scrub;

import dev.outreach.suppression.CsvLine;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Purpose;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A batch's lines read one at a time, in constant memory, while the input's bytes are hashed (the
 * batch's audit entry names the input by its SHA-256). Blank lines are skipped but keep their
 * number; every other line becomes a {@link CheckRow} or an error naming the line and the field.
 *
 * <p>NDJSON: one JSON object per line with the fields of a single check. CSV: a header row naming
 * the columns ({@code channel, email, phone, leadId, purpose, dialer, template, at}, any case, other
 * columns ignored), then one row per check; quoted fields may not span lines.
 */
public final class BatchInput {

    static final List<String> FIELDS = List.of("channel", "email", "phone", "leadId", "purpose", "dialer", "template", "at");
    private static final Set<Purpose> CALL_PURPOSES = Set.of(Purpose.TELEMARKETING, Purpose.INFORMATIONAL);
    private static final Set<Purpose> TEXT_PURPOSES = Set.of(Purpose.MARKETING, Purpose.INFORMATIONAL);
    private static final Set<Purpose> EMAIL_PURPOSES = Set.of(Purpose.COMMERCIAL, Purpose.TRANSACTIONAL);

    private final BatchFormat format;
    private final ObjectMapper json;
    private final BatchDefaults defaults;
    private final MessageDigest sha256;
    private final BoundedLineReader lines;
    private Map<String, Integer> csvColumns;
    private String csvHeader;
    private long lineNumber;

    private BatchInput(InputStream in, BatchFormat format, BatchDefaults defaults, ObjectMapper json) {
        this.format = format;
        this.json = json;
        this.defaults = defaults;
        this.sha256 = sha256();
        InputStream hashed = new DigestInputStream(in, sha256);
        this.lines = new BoundedLineReader(new InputStreamReader(hashed, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }

    /**
     * Opens the input; for CSV the header row is read at once, so a file without a usable header is
     * refused before anything is judged.
     *
     * @throws InvalidBatchException when the CSV header names no recipient column
     */
    public static BatchInput open(InputStream in, BatchFormat format, BatchDefaults defaults, ObjectMapper json) {
        BatchInput input = new BatchInput(in, format, defaults, json);
        if (format == BatchFormat.CSV) {
            input.readCsvHeader();
        }
        return input;
    }

    public BatchFormat format() {
        return format;
    }

    /** The CSV header line as read (null for NDJSON), so allowed rows can be written under it again. */
    public String csvHeader() {
        return csvHeader;
    }

    /** The next non-blank line, or null at the end. Reading on after the end keeps returning null. */
    public InputRow next() {
        String text;
        do {
            text = readLine();
            if (text == null) {
                return null;
            }
        } while (text.isBlank());
        if (text == BoundedLineReader.TOO_LONG) {
            return InputRow.broken(lineNumber, "", "line", "line is longer than "
                    + BoundedLineReader.MAX_LINE_CHARS + " characters");
        }
        if (text.indexOf('\uFFFD') >= 0) {
            // The decoder marks bytes that are not UTF-8; the line is refused, never judged repaired.
            return InputRow.broken(lineNumber, "", "line", "is not valid UTF-8");
        }
        return format == BatchFormat.NDJSON ? ndjsonRow(text) : csvRow(text);
    }

    /** Hex SHA-256 of every byte read so far; once {@link #next()} returned null, of the whole input. */
    public String sha256Hex() {
        return hex(sha256.digest());
    }

    private String readLine() {
        try {
            String text = lines.next();
            if (text != null) {
                lineNumber++;
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readCsvHeader() {
        String header;
        do {
            header = readLine();
            if (header == null) {
                throw new InvalidBatchException("the CSV has no header row");
            }
        } while (header.isBlank());
        List<String> names;
        try {
            names = CsvLine.split(header);
        } catch (IllegalArgumentException e) {
            throw new InvalidBatchException("the CSV header row is malformed");
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            for (String field : FIELDS) {
                if (field.toLowerCase(Locale.ROOT).equals(names.get(i).toLowerCase(Locale.ROOT))) {
                    columns.putIfAbsent(field, i);
                }
            }
        }
        if (!columns.containsKey("email") && !columns.containsKey("phone") && !columns.containsKey("leadId")) {
            throw new InvalidBatchException("the CSV header row has no email, phone or leadId column");
        }
        this.csvColumns = columns;
        this.csvHeader = header;
    }

    private InputRow ndjsonRow(String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            return InputRow.broken(lineNumber, text, "line", "is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            return InputRow.broken(lineNumber, text, "line", "is not a JSON object");
        }
        return row(text, name -> {
            JsonNode value = node.get(name);
            return value == null || value.isNull() ? null : value.asText();
        });
    }

    private InputRow csvRow(String text) {
        List<String> cells;
        try {
            cells = CsvLine.split(text);
        } catch (IllegalArgumentException e) {
            return InputRow.broken(lineNumber, text, "line", e.getMessage());
        }
        return row(text, name -> {
            Integer column = csvColumns.get(name);
            return column == null || column >= cells.size() ? null : cells.get(column);
        });
    }

    /** Applies the defaults and the checks a single check makes before it looks anything up. */
    private InputRow row(String text, Function<String, String> field) {
        String leadId = blankToNull(field.apply("leadId"));
        String email = blankToNull(field.apply("email"));
        String phone = blankToNull(field.apply("phone"));
        String rawChannel = blankToNull(field.apply("channel"));
        Channel channel = rawChannel == null ? defaults.channel() : parse(Channel.class, rawChannel);
        if (channel == null) {
            return InputRow.broken(lineNumber, text, "channel", rawChannel == null ? "is required; one of "
                    + Arrays.toString(Channel.values()) : "must be one of " + Arrays.toString(Channel.values()));
        }
        String rawPurpose = blankToNull(field.apply("purpose"));
        Purpose purpose = rawPurpose == null ? defaults.purpose() : parse(Purpose.class, rawPurpose);
        if (rawPurpose != null && purpose == null) {
            return InputRow.broken(lineNumber, text, "purpose", "must be one of " + Arrays.toString(Purpose.values()));
        }
        String rawDialer = blankToNull(field.apply("dialer"));
        Dialer dialer = rawDialer == null ? null : parse(Dialer.class, rawDialer);
        if (rawDialer != null && dialer == null) {
            return InputRow.broken(lineNumber, text, "dialer", "must be one of " + Arrays.toString(Dialer.values()));
        }
        if (dialer != null && channel != Channel.CALL) {
            // As a single check answers a text with a dialer: only a call is placed by one.
            return InputRow.broken(lineNumber, text, "dialer", "applies to calls only");
        }
        if (channel == Channel.CALL && dialer == null) {
            dialer = defaults.dialer();
        }
        String template = blankToNull(field.apply("template"));
        template = template == null ? defaults.template() : template;
        String rawAt = blankToNull(field.apply("at"));
        Instant at = defaults.at();
        if (rawAt != null) {
            try {
                at = OffsetDateTime.parse(rawAt).toInstant();
            } catch (DateTimeParseException e) {
                return InputRow.broken(lineNumber, text, "at",
                        "must be an ISO-8601 instant with offset, e.g. 2026-11-27T14:05:00Z");
            }
        }
        String problem = recipientProblem(channel, leadId, email, phone);
        if (problem != null) {
            String fieldName = problem.startsWith("give") ? "phone" : "leadId";
            return InputRow.broken(lineNumber, text, fieldName, problem);
        }
        RowError purposeError = purposeError(channel, purpose, template);
        if (purposeError != null) {
            return new InputRow(lineNumber, text, null, purposeError);
        }
        return InputRow.of(lineNumber, text, new CheckRow(lineNumber, channel, email, phone, leadId, purpose,
                channel == Channel.EMAIL ? template : null, at, dialer));
    }

    private static String recipientProblem(Channel channel, String leadId, String email, String phone) {
        if (channel == Channel.EMAIL) {
            return leadId == null && email == null ? "leadId or email is required" : null;
        }
        if (leadId == null && phone == null) {
            return "leadId or phone is required";
        }
        return leadId != null && phone != null ? "give leadId or phone, not both" : null;
    }

    private RowError purposeError(Channel channel, Purpose purpose, String template) {
        if (channel == Channel.EMAIL && template != null) {
            return null; // the template declares the purpose, as in a single check
        }
        if (purpose == null) {
            return channel == Channel.EMAIL ? new RowError(lineNumber, "purpose", "purpose is required when no template is named")
                    : new RowError(lineNumber, "purpose", "is required");
        }
        Set<Purpose> allowed = switch (channel) {
            case EMAIL -> EMAIL_PURPOSES;
            case CALL -> CALL_PURPOSES;
            case SMS -> TEXT_PURPOSES;
        };
        return allowed.contains(purpose) ? null
                : new RowError(lineNumber, "purpose", "for " + channel + " must be one of " + new HashSet<>(allowed));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String raw) {
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return s.toString();
    }
}
