package dev.outreach.template;

import dev.outreach.lead.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateCatalogTest {

    private static final SenderIdentity ACME =
            new SenderIdentity("Acme Corp", "sales@acme.example", "100 Main St, Springfield, IL 62701");

    @TempDir
    Path folder;

    @Test
    void reloadPicksUpAddedChangedAndRemovedTemplates() {
        TemplatesOnDisk disk = TemplatesOnDisk.sharedFilesOnly(folder).write(TemplateText.commercial("news"));
        TemplateCatalog catalog = disk.catalog();

        disk.write(TemplateText.commercial("news").withSubject("Fresh news for ${company}"))
                .write(TemplateText.commercial("more-news"));
        assertThat(catalog.find("more-news")).isEmpty();
        catalog.reload();

        assertThat(catalog.templates()).extracting(TemplateInfo::name).containsExactly("more-news", "news");
        assertThat(catalog.render("news", Map.of("firstName", "Ann", "company", "Initech"), ACME,
                "https://gw.example/u/t").subject()).isEqualTo("Fresh news for Initech");

        disk.delete("more-news.ftl");
        catalog.reload();
        assertThat(catalog.find("more-news")).isEmpty();
    }

    @Test
    void forStageListsTheTemplatesOfOneStage() {
        TemplateCatalog catalog = TemplatesOnDisk.copyOfShipped(folder).catalog();

        assertThat(catalog.forStage(Stage.PRESENTATION)).extracting(TemplateInfo::name)
                .containsExactly("presentation-summary");
    }

    @Test
    void brokenTemplateDoesNotStopTheOthersFromLoading() {
        TemplateCatalog catalog = TemplatesOnDisk.copyOfShipped(folder)
                .write("negotiation-check-in.ftl", "not a template")
                .catalog();

        assertThat(catalog.hasErrors()).isTrue();
        assertThat(catalog.templates()).hasSize(Stage.values().length - 1);
        assertThat(catalog.info("presentation-summary").sendable()).isTrue();
    }

    @Test
    void missingLayoutIsReported() {
        TemplateCatalog catalog = TemplatesOnDisk.copyOfShipped(folder).delete(FreemarkerSandbox.LAYOUT).catalog();

        assertThat(catalog.problems()).extracting(LintProblem::toString)
                .contains("_shared/layout.ftl: missing; every template is wrapped in it");
        assertThat(catalog.templates()).noneMatch(TemplateInfo::sendable);
    }
}
