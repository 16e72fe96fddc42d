package dev.outreach.template;

import freemarker.template.Template;
import freemarker.template.TemplateException;

import java.io.IOException;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;

/**
 * One template file bound to its sandbox: renders the subject, or a body part wrapped in the shared
 * layout. Holds no per-message state, so one instance serves every rendering.
 */
final class MessageTemplate {

    private final TemplateSource source;
    private final FrontMatter frontMatter;
    private final FreemarkerSandbox sandbox;

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
                subject();
            } else {
                sandbox.file(source.file(), part);
            }
        } catch (IOException e) {
            throw RenderFailure.of(e, source, part, sandbox);
        }
    }

    String render(MessagePart part, MessageDataModel data) throws RenderFailure {
        try {
            Template template = part == MessagePart.SUBJECT
                    ? subject()
                    : sandbox.inline(source.file() + " " + part.label(), entryPoint(part), part);
            StringWriter out = new StringWriter();
            template.process(data, out);
            return out.toString();
        } catch (TemplateException | IOException e) {
            throw RenderFailure.of(e, source, part, sandbox);
        }
    }

    private Template subject() throws IOException {
        return sandbox.inline(source.file() + " subject", frontMatter.subject(), MessagePart.SUBJECT);
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
