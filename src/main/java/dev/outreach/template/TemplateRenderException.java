package dev.outreach.template;

/**
 * A template could not be rendered; nothing may be sent. Subclasses say whether the caller's data
 * or the template is at fault.
 */
public class TemplateRenderException extends RuntimeException {

    private final String templateName;

    public TemplateRenderException(String templateName, String message) {
        super(message);
        this.templateName = templateName;
    }

    public TemplateRenderException(String templateName, String message, Throwable cause) {
        super(message, cause);
        this.templateName = templateName;
    }

    public String templateName() {
        return templateName;
    }
}
