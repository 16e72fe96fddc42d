package dev.outreach.template;

import java.util.List;

/** Required fields were absent, null or blank in the caller's data. */
public class MissingTemplateFieldException extends TemplateRenderException {

    private final List<String> fields;

    public MissingTemplateFieldException(String templateName, List<String> fields) {
        super(templateName, "template '" + templateName + "' requires " + String.join(", ", fields));
        this.fields = List.copyOf(fields);
    }

    /** The missing field names, in the template's declared order. */
    public List<String> fields() {
        return fields;
    }
}
