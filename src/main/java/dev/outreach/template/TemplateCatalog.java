package dev.outreach.template;

import dev.outreach.lead.Stage;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SOP follow-up templates of a templates folder, ready to render.
 *
 * <p>{@link #load} reads every template, validates its front matter and lints it (see
 * {@link TemplateLint}); a broken template does not stop the others from loading, but it is refused
 * at render time and its problems are listed by {@link #problems()}. {@link #reload()} reads the
 * folder again and swaps the result in at once; renderings in progress finish with what they began.
 * Thread-safe.
 *
 * <p>Usage:
 * <pre>{@code
 * TemplateCatalog catalog = TemplateCatalog.load(Path.of("templates"));
 * RenderedMessage message = catalog.render("presentation-summary",
 *         Map.of("firstName", "Ann", "company", "Initech", "repName", "Sam Carter"),
 *         new SenderIdentity("Acme Corp", "sales@acme.example", "100 Main St, Springfield, IL 62701"),
 *         "https://gateway.acme.example/u/TOKEN");
 * }</pre>
 */
public final class TemplateCatalog {

    private final Path directory;
    private volatile LoadedTemplates loaded;

    private TemplateCatalog(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** Reads and lints every template in {@code directory}; never fails for a bad template, see {@link #problems()}. */
    public static TemplateCatalog load(Path directory) {
        TemplateCatalog catalog = new TemplateCatalog(directory);
        catalog.reload();
        return catalog;
    }

    /** Reads the folder again; templates added, changed or removed take effect for the next render. */
    public void reload() {
        loaded = LoadedTemplates.read(directory);
    }

    public Path directory() {
        return directory;
    }

    /** Every template whose front matter is valid, in SOP stage order, including those with lint errors. */
    public List<TemplateInfo> templates() {
        return loaded.infos();
    }

    /** The templates that follow up a stage. */
    public List<TemplateInfo> forStage(Stage stage) {
        return templates().stream().filter(info -> info.stage() == stage).toList();
    }

    public Optional<TemplateInfo> find(String name) {
        return loaded.entry(name).map(LoadedTemplates.Entry::info);
    }

    /** @throws UnknownTemplateException when there is no such template */
    public TemplateInfo info(String name) {
        return find(name).orElseThrow(() -> new UnknownTemplateException(name));
    }

    /**
     * Every problem in the folder: files that could not be read, broken front matter (those files are
     * not templates), syntax errors in shared files, and each template's lint problems.
     */
    public List<LintProblem> problems() {
        return loaded.problems();
    }

    /** True when some problem is an ERROR; start-up and {@code templates lint} report those. */
    public boolean hasErrors() {
        return problems().stream().anyMatch(LintProblem::isError);
    }

    /**
     * Renders a template for one recipient.
     *
     * @param templateName   the template's name (its file name without {@code .ftl})
     * @param data           the template's fields: keys must be declared in its front matter, values text,
     *                       numbers or booleans; null values count as absent
     * @param sender         who the message is from; shown in the footer
     * @param unsubscribeUrl the recipient's opt-out link; required for a COMMERCIAL template, ignored for
     *                       a TRANSACTIONAL one
     * @throws UnknownTemplateException          no such template
     * @throws InvalidTemplateException          the template fails lint, or failed while rendering
     * @throws UndeclaredTemplateFieldException  {@code data} holds a field the template does not declare
     * @throws InvalidTemplateFieldException     a value is a nested object, a list or another type
     * @throws MissingTemplateFieldException     required fields are absent, null or blank; names them all
     * @throws RejectedSubjectException          the rendered subject has a line break, is blank, or starts
     *                                           with a fake reply/forward prefix
     * @throws IllegalArgumentException          a COMMERCIAL template without unsubscribe URL or sender postal
     *                                           address
     */
    public RenderedMessage render(String templateName, Map<String, ?> data, SenderIdentity sender,
                                  String unsubscribeUrl) {
        LoadedTemplates.Entry entry = loaded.entry(templateName)
                .orElseThrow(() -> new UnknownTemplateException(templateName));
        TemplateInfo info = entry.info();
        if (!info.sendable()) {
            throw new InvalidTemplateException(templateName, info.errors());
        }
        MessageTemplate template = entry.template();
        Map<String, Object> values = new HashMap<>(TemplateFields.accept(template.frontMatter(), data));
        values.putAll(SystemVariables.of(Objects.requireNonNull(sender, "sender"), info.purpose(), unsubscribeUrl));
        MessageDataModel model = new MessageDataModel(values, template.readable());
        try {
            String subject = checkedSubject(templateName, template.render(MessagePart.SUBJECT, model), data);
            String html = template.render(MessagePart.HTML, model).strip() + "\n";
            String text = tidyText(template.render(MessagePart.TEXT, model));
            return new RenderedMessage(templateName, subject, html, text, info.purpose(), info.stage());
        } catch (RenderFailure failure) {
            throw new InvalidTemplateException(templateName, failure.getMessage(), failure);
        }
    }

    private static String checkedSubject(String templateName, String subject, Map<String, ?> data) {
        if (SubjectLine.hasLineBreak(subject)) {
            // Name the caller's fields that carry a line break, so the error points at what to fix.
            List<String> culprits = data == null ? List.of() : data.entrySet().stream()
                    .filter(e -> e.getValue() instanceof CharSequence v && SubjectLine.hasLineBreak(v.toString()))
                    .map(Map.Entry::getKey).sorted().toList();
            throw new RejectedSubjectException(templateName, "contains a line break, which would inject mail headers;"
                    + (culprits.isEmpty() ? " check the fields used in the subject"
                    : " the line break comes from " + String.join(", ", culprits)), culprits);
        }
        if (subject.isBlank()) {
            throw new RejectedSubjectException(templateName, "is blank");
        }
        if (SubjectLine.fakesReplyOrForward(subject)) {
            throw new RejectedSubjectException(templateName, "starts with a reply or forward prefix"
                    + " (15 USC 7704(a)(2))");
        }
        return subject.strip();
    }

    /** Conditional blocks leave stray blank lines and trailing spaces; plain text shows every one. */
    private static String tidyText(String text) {
        return text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip() + "\n";
    }
}
