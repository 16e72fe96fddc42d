package dev.outreach.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One consistent reading of the templates folder: every template with its lint result, and every
 * problem found. Immutable, so a reload can swap it in whole while renderings use the old one.
 */
final class LoadedTemplates {

    /** A template that can be rendered (if its info has no errors). */
    record Entry(TemplateInfo info, MessageTemplate template) {
    }

    private final Map<String, Entry> byName;
    private final List<LintProblem> problems;

    private LoadedTemplates(Map<String, Entry> byName, List<LintProblem> problems) {
        this.byName = byName;
        this.problems = List.copyOf(problems);
    }

    static LoadedTemplates read(Path directory) {
        TemplateFolder.Contents contents = TemplateFolder.read(directory);
        List<LintProblem> problems = new ArrayList<>(contents.problems());
        List<TemplateSource> all = new ArrayList<>(contents.templates());
        all.addAll(contents.shared());
        FreemarkerSandbox sandbox = new FreemarkerSandbox(all);
        if (!contents.templates().isEmpty() && !sandbox.isFile(FreemarkerSandbox.LAYOUT)) {
            problems.add(LintProblem.error(FreemarkerSandbox.LAYOUT, null, "missing; every template is wrapped in it"));
        }
        contents.shared().forEach(shared -> problems.addAll(TemplateLint.checkShared(shared, sandbox)));
        List<Entry> entries = new ArrayList<>();
        for (TemplateSource source : contents.templates()) {
            FrontMatterReader.read(source, problems).ifPresent(front -> {
                MessageTemplate template = new MessageTemplate(source, front, sandbox);
                TemplateLint.Result lint = TemplateLint.check(template);
                problems.addAll(lint.problems());
                entries.add(new Entry(info(front, lint), template));
            });
        }
        entries.sort(Comparator.comparing((Entry e) -> e.info().stage()).thenComparing(e -> e.info().name()));
        Map<String, Entry> byName = new LinkedHashMap<>();
        entries.forEach(entry -> byName.put(entry.info().name(), entry));
        return new LoadedTemplates(byName, problems);
    }

    private static TemplateInfo info(FrontMatter front, TemplateLint.Result lint) {
        return new TemplateInfo(front.name(), front.stage(), front.purpose(), front.subject(), front.fields(),
                front.required(), front.followUpWithin(), front.description(), lint.problems(), lint.content(),
                front.category());
    }

    Optional<Entry> entry(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** In SOP stage order, then by name. */
    List<TemplateInfo> infos() {
        return byName.values().stream().map(Entry::info).toList();
    }

    List<LintProblem> problems() {
        return problems;
    }
}
