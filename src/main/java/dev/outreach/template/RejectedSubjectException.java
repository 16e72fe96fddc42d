package dev.outreach.template;

/**
 * The rendered subject cannot be sent: it contains a line break (which would inject headers,
 * RFC 5322 §2.2), is blank, or starts with a fake reply/forward prefix (15 USC 7704(a)(2)).
 * Usually caused by a field value used in the subject.
 */
public class RejectedSubjectException extends TemplateRenderException {

    public RejectedSubjectException(String templateName, String reason) {
        super(templateName, "subject of template '" + templateName + "' " + reason);
    }
}
