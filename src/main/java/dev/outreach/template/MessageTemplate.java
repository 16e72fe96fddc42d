package dev.outreach.template;

import freemarker.template.Template;
import freemarker.template.TemplateException;

import java.io.IOException;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One template file bound to its sandbox: renders the subject, or a body part wrapped in the shared
 * layout. Holds no per-message state, so one instance serves every rendering.
 *
 * <p>The subject and each part's entry point are parsed once, on first use, and kept: parsing them
 * for every message took a quarter of the CPU of a send. A parsed FreeMarker template is immutable
 * and safe to process on many threads at once. A template that fails to parse is not kept, so it
 * fails the same way every time it is used.
 */
final class MessageTemplate {

    private final TemplateSource source;
    private final FrontMatter frontMatter;
    private final FreemarkerSandbox sandbox;
    private final Map<MessagePart, Template> parsed = new ConcurrentHashMap<>();

    MessageTemplate(TemplateSource source, FrontMatter frontMatter, FreemarkerSandbox sandbox) {
        this.source = source;
        this.frontMatter = frontMatter;
        this.sandbox = sandbox;
    }

    TemplateSource source() {
        return source;
    }

    FrontMatter frontMatter() {
        return frontMatter;
    }

    /** The names this template may read: its declared fields and the system variables. */
    Set<String> readable() {
        Set<String> names = new HashSet<>(frontMatter.fields());
        names.addAll(SystemVariables.NAMES);
        return names;
    }

    /** Parses the subject or the template file for a part, to find syntax errors before any rendering. */
    void parse(MessagePart part) throws RenderFailure {
        try {
            if (part == MessagePart.SUBJECT) {
                parsed(part);
            } else {
                sandbox.file(source.file(), part);
            }
        } catch (IOException e) {
            throw RenderFailure.of(e, source, part, sandbox);
        }
    }

    String render(MessagePart part, MessageDataModel data) throws RenderFailure {
        try {
            StringWriter out = new StringWriter();
            parsed(part).process(data, out);
            return out.toString();
        } catch (TemplateException | IOException e) {
            throw RenderFailure.of(e, source, part, sandbox);
        }
    }

    /** The subject, or the part's entry point, parsed on first use. */
    private Template parsed(MessagePart part) throws IOException {
        Template template = parsed.get(part);
        if (template == null) {
            template = part == MessagePart.SUBJECT
                    ? sandbox.inline(source.file() + " subject", frontMatter.subject(), MessagePart.SUBJECT)
                    : sandbox.inline(source.file() + " " + part.label(), entryPoint(part), part);
            parsed.putIfAbsent(part, template);
        }
        return template;
    }

    /**
     * A generated root template: the layout's macro for the part, with the template's macro of the same
     * name as its nested content. The name is safe to splice in: front matter validation allows only
     * lower-case words and hyphens.
     */
    private String entryPoint(MessagePart part) {
        String macro = part.macro();
        return "<#import \"/" + FreemarkerSandbox.LAYOUT + "\" as layout>"
                + "<#import \"/" + source.file() + "\" as message>"
                + "<#if !message." + macro + "??><#stop \"" + source.file() + " defines no <#macro " + macro
                + ">\"></#if>"
                + "<@layout." + macro + "><@message." + macro + "/></@layout." + macro + ">";
    }
}
