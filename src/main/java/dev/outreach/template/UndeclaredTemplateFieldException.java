package dev.outreach.template;

import java.util.List;

/**
 * The caller passed fields the template does not declare. Refused rather than ignored: a message
 * carries only the data it was designed to carry (GDPR Art 5(1)(c)), and a misspelt field name must
 * not silently drop personalisation.
 */
public class UndeclaredTemplateFieldException extends TemplateRenderException {

    private final List<String> fields;

    public UndeclaredTemplateFieldException(String templateName, List<String> fields, List<String> declared) {
        super(templateName, "template '" + templateName + "' does not declare " + String.join(", ", fields)
                + " (declared: " + (declared.isEmpty() ? "none" : String.join(", ", declared)) + ")");
        this.fields = List.copyOf(fields);
    }

    /** The undeclared field names the caller passed. */
    public List<String> fields() {
        return fields;
    }
}
