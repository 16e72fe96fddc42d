package dev.outreach.template;

/**
 * The rendered subject cannot be sent: it contains a line break (which would inject headers,
 * RFC 5322 §2.2), is blank, or starts with a fake reply/forward prefix (15 USC 7704(a)(2)).
 * Usually caused by a field value used in the subject.
 */
public class RejectedSubjectException extends TemplateRenderException {

    private final java.util.List<String> fields;

    public RejectedSubjectException(String templateName, String reason) {
        this(templateName, reason, java.util.List.of());
    }

    /** @param fields the caller's data fields that caused it (a line break in their value), if known */
    public RejectedSubjectException(String templateName, String reason, java.util.List<String> fields) {
        super(templateName, "subject of template '" + templateName + "' " + reason);
        this.fields = java.util.List.copyOf(fields);
    }

    public java.util.List<String> fields() {
        return fields;
    }
}
