package dev.outreach.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * How large and deep a JSON document the gateway reads. No request or stored record comes near
 * these; they exist so that {@code [}×100 000 or a megabyte-long number is a 400 naming the limit.
 */
public final class JsonLimits {

    public static final int MAX_NESTING_DEPTH = 64;
    public static final int MAX_STRING_LENGTH = 1_000_000;
    public static final int MAX_NUMBER_LENGTH = 100;
    public static final int MAX_NAME_LENGTH = 1_000;
    public static final long MAX_DOCUMENT_LENGTH = 20_000_000L;

    private JsonLimits() {
    }

    public static JsonFactory factory() {
        return JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                .build()).build();
    }

    /** Which limit a document broke, in words a caller can act on. */
    static String describe(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.contains("nesting depth")) {
            return "JSON nesting exceeds the limit of " + MAX_NESTING_DEPTH + " levels (max nesting depth)";
        }
        if (m.contains("Number value length")) {
            return "a JSON number exceeds the limit of " + MAX_NUMBER_LENGTH + " characters (max number length)";
        }
        if (m.contains("String value length")) {
            return "a JSON string exceeds the limit of " + MAX_STRING_LENGTH + " characters (max string length)";
        }
        if (m.contains("Name length")) {
            return "a JSON field name exceeds the limit of " + MAX_NAME_LENGTH + " characters (max name length)";
        }
        if (m.contains("Document length")) {
            return "the JSON document exceeds the limit of " + MAX_DOCUMENT_LENGTH + " bytes (max document length)";
        }
        return "the JSON document exceeds a size limit";
    }
}
