package dev.outreach.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Text is refused, never repaired: bytes that are not UTF-8 (invalid, overlong, encoded surrogates)
 * and JSON strings holding a lone UTF-16 surrogate ({@code "\ud800"}) are a 400 naming the field,
 * instead of being replaced with U+FFFD or {@code ?} and stored.
 */
public final class StrictText {

    private static final JsonFactory PLAIN = JsonLimits.factory();

    private StrictText() {
    }

    /** A decoder that reports malformed input (Java's UTF-8 decoder also refuses overlong and surrogate forms). */
    public static CharsetDecoder utf8Decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * Checks a request body is UTF-8; the field named in the error is the JSON field whose value holds
     * the first bad byte ({@code data.company}), or {@code body} when the body is not JSON.
     */
    public static void requireUtf8(byte[] body) {
        int bad = firstMalformedByte(body);
        if (bad < 0) {
            return;
        }
        throw ProblemException.badRequest(fieldAt(body, bad), "is not valid UTF-8 (byte " + bad
                + " of the body: an invalid, overlong or surrogate byte sequence); send text as UTF-8");
    }

    /** Offset of the first byte that is not part of well-formed UTF-8, or -1. */
    static int firstMalformedByte(byte[] bytes) {
        CharsetDecoder decoder = utf8Decoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(Math.max(16, Math.min(bytes.length, 8192)));
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isUnderflow()) {
                return decoder.flush(out).isError() ? in.position() : -1;
            }
            out.clear();
        }
    }

    /** The JSON path being read when the document is cut at {@code offset}, or "body". */
    private static String fieldAt(byte[] body, int offset) {
        String path = "";
        try (JsonParser p = PLAIN.createParser(body, 0, offset)) {
            while (p.nextToken() != null) {
                path = path(p.getParsingContext());
            }
        } catch (IOException | RuntimeException e) {
            // The document stops inside the value holding the bad byte: the context names it.
        }
        return path.isEmpty() ? "body" : path;
    }

    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.addFirst(c.getCurrentName());
            } else if (c.inArray()) {
                parts.addFirst(String.valueOf(Math.max(0, c.getCurrentIndex())));
            }
        }
        return String.join(".", parts);
    }

    /** Every string and field name in the tree is well-formed UTF-16 (no lone surrogate). */
    public static void requireWellFormed(JsonNode node, String path) {
        if (node.isTextual()) {
            requireWellFormed(node.textValue(), path.isEmpty() ? "body" : path);
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String child = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                requireWellFormed(f.getKey(), path.isEmpty() ? "body" : path);
                requireWellFormed(f.getValue(), child);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireWellFormed(node.get(i), (path.isEmpty() ? "body" : path) + "." + i);
            }
        }
    }

    /** A string with a lone surrogate is refused, naming the field. */
    public static void requireWellFormed(String value, String field) {
        if (value == null) {
            return;
        }
        try {
            utf8Encoder(value);
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest(field, "contains a lone UTF-16 surrogate (U+D800..U+DFFF without its "
                    + "pair); it cannot be stored or sent as UTF-8");
        }
    }

    private static void utf8Encoder(String value) throws CharacterCodingException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(value));
                return;
            }
        }
    }

    /**
     * A form body ({@code application/x-www-form-urlencoded}) whose %-escapes decode to bytes that are
     * not UTF-8 is refused, naming the form field; a bad escape ({@code %zz}) is refused too.
     */
    public static void requireUtf8Form(String body) {
        if (body == null || body.isEmpty()) {
            return;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = printable(percentDecoded(rawName, "form field name"), "form");
            if (eq >= 0) {
                percentDecoded(pair.substring(eq + 1), name);
            }
        }
    }

    private static String percentDecoded(String raw, String field) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (lo < 0) {
                    throw ProblemException.badRequest(field, "has a malformed %-escape");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.write(c == '+' ? ' ' : c);
            }
        }
        byte[] decoded = bytes.toByteArray();
        if (firstMalformedByte(decoded) >= 0) {
            throw ProblemException.badRequest(field, "is not valid UTF-8 (an invalid, overlong or surrogate byte "
                    + "sequence); send text as UTF-8");
        }
        return new String(decoded, StandardCharsets.UTF_8);
    }

    /** A form field name fit to appear in an error message (it is chosen by the caller, not personal data). */
    private static String printable(String name, String fallback) {
        return name.isEmpty() || name.length() > 64 || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? fallback
                : name;
    }
}
