package dev.outreach.template;

/** No template of that name is in the catalog (or its front matter is broken, see the lint problems). */
public class UnknownTemplateException extends TemplateRenderException {

    public UnknownTemplateException(String templateName) {
        super(templateName, "unknown template '" + templateName + "'");
    }
}
