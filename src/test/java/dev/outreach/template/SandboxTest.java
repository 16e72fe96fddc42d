package dev.outreach.template;

import dev.outreach.policy.Purpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The FreeMarker sandbox holds even for a template that never went through lint. */
class SandboxTest {

    @TempDir
    Path folder;

    /** Renders a body directly, bypassing the catalog's refusal of templates that fail lint. */
    private static String renderUnchecked(String html) throws RenderFailure {
        TemplateSource source = TemplateSource.split("raw.ftl", "<#macro html>" + html + "</#macro>");
        TemplateSource layout = TemplateSource.split(FreemarkerSandbox.LAYOUT,
                "<#macro html><#nested></#macro>");
        FreemarkerSandbox sandbox = new FreemarkerSandbox(List.of(source, layout));
        FrontMatter front = new FrontMatter("raw", null, Purpose.TRANSACTIONAL, "s", List.of("name"), List.of(),
                null, "");
        MessageTemplate template = new MessageTemplate(source, front, sandbox);
        return template.render(MessagePart.HTML, new MessageDataModel(Map.of("name", "Ann"), Set.of("name")));
    }

    @Test
    void newBuiltInCannotInstantiateAClass() {
        assertThatThrownBy(() -> renderUnchecked(
                "<#assign run = \"freemarker.template.utility.Execute\"?new()>${run(\"id\")}"))
                .isInstanceOf(RenderFailure.class)
                .hasMessageContaining("not allowed in the template for security reasons");
    }

    @Test
    void apiBuiltInIsDisabled() {
        assertThatThrownBy(() -> renderUnchecked("${name?api.getClass()}"))
                .isInstanceOf(RenderFailure.class)
                .hasMessageContaining("?api is not allowed");
    }

    @Test
    void renderedHtmlIsAutoEscaped() throws RenderFailure {
        assertThat(renderUnchecked("<b>${name + '<i>'}</b>")).isEqualTo("<b>Ann&lt;i&gt;</b>");
    }

    @Test
    void templatesCannotIncludeFilesOutsideTheFolder() throws IOException {
        Files.writeString(folder.resolve("secret.ftl"), "TOP SECRET");
        Path templates = Files.createDirectory(folder.resolve("templates"));
        TemplateCatalog catalog = TemplatesOnDisk.sharedFilesOnly(templates)
                .write(TemplateText.commercial("news").withHtml("<#include \"../secret.ftl\">"))
                .catalog();

        assertThat(catalog.info("news").sendable()).isFalse();
        assertThat(catalog.info("news").errors()).extracting(LintProblem::message)
                .noneMatch(message -> message.contains("TOP SECRET"));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void symbolicLinkOutOfTheFolderIsNotRead() throws IOException {
        Path outside = Files.writeString(folder.resolve("outside.ftl"), "---\nname: linked\n---\n");
        Path templates = Files.createDirectory(folder.resolve("templates"));
        TemplatesOnDisk.sharedFilesOnly(templates);
        Files.createSymbolicLink(templates.resolve("linked.ftl"), outside);

        TemplateCatalog catalog = TemplateCatalog.load(templates);

        assertThat(catalog.find("linked")).isEmpty();
        assertThat(catalog.problems()).extracting(LintProblem::toString)
                .containsExactly("linked.ftl: links outside the templates folder; not read");
    }
}
