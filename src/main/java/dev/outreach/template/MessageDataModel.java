package dev.outreach.template;

import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables one rendering can see: the caller's fields and the system variables. It also notes
 * every name a template looked up that it may not read, which is how lint finds reads of undeclared
 * fields (GDPR Art 5(1)(c): a template reads only what it declared). Not enumerable, so a template
 * cannot list what else is there. One instance per rendering.
 */
final class MessageDataModel implements TemplateHashModel {

    private final Map<String, Object> values;
    private final Set<String> readable;
    private final Set<String> undeclaredReads = new LinkedHashSet<>();

    /**
     * @param values   the present values, already validated
     * @param readable the declared fields and system variable names; a lookup of any other name is noted
     */
    MessageDataModel(Map<String, Object> values, Set<String> readable) {
        this.values = Map.copyOf(values);
        this.readable = Set.copyOf(readable);
    }

    @Override
    public TemplateModel get(String key) throws TemplateModelException {
        Object value = values.get(key);
        if (value == null && !readable.contains(key)) {
            undeclaredReads.add(key);
        }
        return PlainDataWrapper.INSTANCE.wrap(value);
    }

    @Override
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The names looked up that are neither declared fields nor system variables, in lookup order. */
    List<String> undeclaredReads() {
        return List.copyOf(undeclaredReads);
    }
}
