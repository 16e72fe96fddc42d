package dev.outreach.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks a caller's data against a template's declared fields before anything is rendered. */
final class TemplateFields {

    private TemplateFields() {
    }

    /**
     * The values to render with: every key declared, every value text, a number or a boolean, every
     * required field present and non-blank. Null values count as absent.
     */
    static Map<String, Object> accept(FrontMatter template, Map<String, ?> data) {
        Map<String, ?> given = data == null ? Map.of() : data;
        List<String> undeclared = given.keySet().stream().filter(key -> !template.fields().contains(key)).toList();
        if (!undeclared.isEmpty()) {
            throw new UndeclaredTemplateFieldException(template.name(), undeclared, template.fields());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        given.forEach((field, value) -> {
            if (value != null) {
                values.put(field, plainValue(template.name(), field, value));
            }
        });
        List<String> missing = new ArrayList<>();
        for (String field : template.required()) {
            if (!values.containsKey(field) || values.get(field) instanceof String text && text.isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingTemplateFieldException(template.name(), missing);
        }
        return values;
    }

    private static Object plainValue(String template, String field, Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> || value instanceof Iterable<?> || value.getClass().isArray()) {
            throw new InvalidTemplateFieldException(template, field,
                    "is a nested object or list; template fields take text, numbers or true/false only");
        }
        throw new InvalidTemplateFieldException(template, field, "is a " + value.getClass().getSimpleName()
                + "; template fields take text, numbers or true/false only");
    }
}
