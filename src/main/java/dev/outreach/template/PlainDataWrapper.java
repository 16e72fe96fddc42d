package dev.outreach.template;

import freemarker.template.ObjectWrapper;
import freemarker.template.SimpleHash;
import freemarker.template.SimpleNumber;
import freemarker.template.SimpleScalar;
import freemarker.template.SimpleSequence;
import freemarker.template.TemplateBooleanModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;

import java.util.List;
import java.util.Map;

/**
 * The only way Java values reach templates: strings, numbers, booleans, and lists and maps of those.
 * Anything else is refused, so no template can see a Java object, call its methods or reach a class
 * loader (FreeMarker's default wrapper exposes all of those).
 */
final class PlainDataWrapper implements ObjectWrapper {

    static final PlainDataWrapper INSTANCE = new PlainDataWrapper();

    private PlainDataWrapper() {
    }

    @Override
    public TemplateModel wrap(Object value) throws TemplateModelException {
        if (value == null || value instanceof TemplateModel) {
            // Models FreeMarker itself made (literals, built-in results) are already template values.
            return (TemplateModel) value;
        }
        if (value instanceof String text) {
            return new SimpleScalar(text);
        }
        if (value instanceof Number number) {
            return new SimpleNumber(number);
        }
        if (value instanceof Boolean flag) {
            return flag ? TemplateBooleanModel.TRUE : TemplateBooleanModel.FALSE;
        }
        if (value instanceof List<?> list) {
            return new SimpleSequence(list, this);
        }
        if (value instanceof Map<?, ?> map) {
            return new SimpleHash(map, this);
        }
        throw new TemplateModelException("a " + value.getClass().getSimpleName()
                + " is not available to templates; only text, numbers, true/false, lists and maps are");
    }
}
