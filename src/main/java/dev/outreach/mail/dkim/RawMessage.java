package dev.outreach.mail.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A message split as RFC 5322 §2.1 describes it: header fields, an empty line, the body. Each field
 * keeps its exact bytes, folding included, because RFC 6376 §5.4 signs the fields as they are and
 * only then canonicalises them.
 *
 * <p>Line ends must be CRLF (RFC 5322 §2.1, RFC 6376 §5.3 "signers MUST convert the message to
 * canonical CRLF form"): {@link dev.outreach.mail.MimeComposer} writes CRLF, so a bare LF is refused
 * rather than silently converted, which would make the stored bytes differ from the signed ones.
 */
final class RawMessage {

    /** One header field: its name as written and the whole field, from the name to the last CRLF excluded. */
    record HeaderField(String name, String raw) {
        String lowerName() {
            return name.toLowerCase(Locale.ROOT);
        }

        /** The field body: everything after the colon, folding included. */
        String value() {
            return raw.substring(raw.indexOf(':') + 1);
        }
    }

    private final List<HeaderField> fields;
    private final byte[] body;

    private RawMessage(List<HeaderField> fields, byte[] body) {
        this.fields = fields;
        this.body = body;
    }

    /** @throws IllegalArgumentException when the bytes are not a CRLF-terminated RFC 5322 header section */
    static RawMessage parse(byte[] mime) {
        List<HeaderField> fields = new ArrayList<>();
        int position = 0;
        StringBuilder current = null;
        while (true) {
            int lineEnd = indexOfCrlf(mime, position);
            if (lineEnd < 0) {
                throw new IllegalArgumentException("message has no empty line after its header (RFC 5322 §2.1)");
            }
            String line = new String(mime, position, lineEnd - position, StandardCharsets.ISO_8859_1);
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("message header has a bare CR or LF (RFC 5322 §2.2)");
            }
            position = lineEnd + 2;
            if (line.isEmpty()) {
                break;
            }
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (continuation) {
                if (current == null) {
                    throw new IllegalArgumentException("message starts with a folded line (RFC 5322 §2.2.3)");
                }
                current.append("\r\n").append(line);
            } else {
                addField(fields, current);
                current = new StringBuilder(line);
            }
        }
        addField(fields, current);
        return new RawMessage(List.copyOf(fields), Arrays.copyOfRange(mime, position, mime.length));
    }

    private static void addField(List<HeaderField> fields, StringBuilder raw) {
        if (raw == null) {
            return;
        }
        int colon = raw.indexOf(":");
        if (colon <= 0) {
            throw new IllegalArgumentException("message header line without a field name (RFC 5322 §2.2)");
        }
        fields.add(new HeaderField(raw.substring(0, colon).strip(), raw.toString()));
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    List<HeaderField> fields() {
        return fields;
    }

    byte[] body() {
        return body.clone();
    }

    /** The value of the last field with this name, or null. */
    String lastValue(String name) {
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (fields.get(i).name().equalsIgnoreCase(name)) {
                return fields.get(i).value();
            }
        }
        return null;
    }
}
