package dev.outreach.template;

/** A field value is not text, a number or true/false (nested objects and lists are refused). */
public class InvalidTemplateFieldException extends TemplateRenderException {

    private final String field;

    public InvalidTemplateFieldException(String templateName, String field, String message) {
        super(templateName, "field '" + field + "' " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
