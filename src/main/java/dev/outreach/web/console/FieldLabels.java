package dev.outreach.web.console;

import java.util.Locale;
import java.util.Map;

/**
 * Template fields as a person reads them: {@code repName} is "Your name", {@code schedulingLink}
 * "Scheduling link". The field name itself stays in the form's parameter and the element id.
 */
final class FieldLabels {

    /** Where the words of the name would mislead (the rep is the person filling in the form). */
    private static final Map<String, String> SPECIAL = Map.of(
            "repName", "Your name",
            "repTitle", "Your job title",
            "repPhone", "Your phone number",
            "repEmail", "Your email address");

    private FieldLabels() {
    }

    static String of(String field) {
        String special = SPECIAL.get(field);
        if (special != null) {
            return special;
        }
        String words = field.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT)
                .replaceAll("\\burl\\b", "URL").replaceAll("\\bid\\b", "ID");
        return words.isEmpty() ? field : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
