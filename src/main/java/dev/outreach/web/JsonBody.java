package dev.outreach.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a JSON request body field by field, collecting every problem so that one 400 names all
 * invalid fields at once. Call {@link #validate()} after reading.
 */
public final class JsonBody {

    private final JsonNode root;
    private final List<FieldError> errors = new ArrayList<>();

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    public static JsonBody parse(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("body", "a JSON object is required");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (StreamConstraintsException e) {
            throw ProblemException.badRequest("body", JsonLimits.describe(e));
        } catch (MismatchedInputException e) {
            throw ProblemException.badRequest("body", e.getOriginalMessage().startsWith("Trailing token")
                    ? "has data after the JSON object (" + where(e) + ")"
                    : "is not valid JSON (" + where(e) + ")");
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("body", "is not valid JSON (" + where(e) + ")");
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest("body", "must be a JSON object");
        }
        StrictText.requireWellFormed(node, "");
        return new JsonBody(node);
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "position unknown"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** A body already parsed (one row of a bulk import, as a JSON object). */
    public static JsonBody of(JsonNode object) {
        if (object == null || !object.isObject()) {
            throw new IllegalArgumentException("a JSON object is required");
        }
        return new JsonBody(object);
    }

    public boolean has(String field) {
        return root.hasNonNull(field);
    }

    public String text(String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return n.asText();
    }

    public String requiredText(String field) {
        String v = text(field);
        if (v == null || v.isBlank()) {
            if (errors.stream().noneMatch(e -> e.field().equals(field))) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        return v;
    }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type, E defaultValue) {
        String v = text(field);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be one of " + Arrays.toString(type.getEnumConstants())));
            return defaultValue;
        }
    }

    public <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
        if (!has(field)) {
            errors.add(new FieldError(field, "is required; one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
        return enumValue(field, type, null);
    }

    public Instant instant(String field) {
        String v = text(field);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant with offset, e.g. 2026-11-27T14:05:00Z"));
            return null;
        }
    }

    public Boolean bool(String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isBoolean()) {
            errors.add(new FieldError(field, "must be true or false"));
            return null;
        }
        return n.asBoolean();
    }

    public Integer integer(String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            errors.add(new FieldError(field, "must be a whole number"));
            return null;
        }
        return n.asInt();
    }

    /** A flat object of scalar values (template data); nested values are refused. */
    public Map<String, Object> scalarMap(String field) {
        JsonNode n = root.get(field);
        Map<String, Object> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            errors.add(new FieldError(field, "must be a JSON object"));
            return out;
        }
        n.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                out.put(e.getKey(), v.asText());
            } else if (v.isNumber()) {
                out.put(e.getKey(), v.numberValue());
            } else if (v.isBoolean()) {
                out.put(e.getKey(), v.asBoolean());
            } else if (!v.isNull()) {
                errors.add(new FieldError(field + "." + e.getKey(), "must be a string, number or boolean"));
            }
        });
        return out;
    }

    public JsonNode node(String field) {
        return root.get(field);
    }

    /** Converts a value, recording the converter's message as the field's error. */
    public <T> T convert(String field, String raw, Function<String, T> converter) {
        if (raw == null) {
            return null;
        }
        try {
            return converter.apply(raw);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    public void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public void validate() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
