package dev.outreach.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Front matter that is wrong keeps the file out of the catalog and says which line to fix. */
class FrontMatterTest {

    private static final String VALID = """
            ---
            name: news
            stage: ENGAGEMENT
            purpose: COMMERCIAL
            subject: "News for ${firstName}"
            fields: [firstName, company]
            required: [firstName]
            followUpWithin: P2D
            description: "Shares news."
            ---
            <#macro html><p>Hi ${firstName}, news for ${company!"you"}.</p></#macro>
            <#macro text>Hi ${firstName}, news for ${company!"you"}.</#macro>
            """;

    @TempDir
    Path folder;

    private TemplateCatalog catalogWith(String fileName, String content) {
        return TemplatesOnDisk.sharedFilesOnly(folder).write(fileName, content).catalog();
    }

    @Test
    void validFrontMatterBecomesTheTemplateInfo() {
        TemplateInfo info = catalogWith("news.ftl", VALID).info("news");

        assertThat(info.problems()).isEmpty();
        assertThat(info.subject()).isEqualTo("News for ${firstName}");
        assertThat(info.fields()).containsExactly("firstName", "company");
        assertThat(info.required()).containsExactly("firstName");
        assertThat(info.followUpWithin()).isEqualTo(Duration.ofDays(2));
        assertThat(info.description()).isEqualTo("Shares news.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            name: other                  | news.ftl:2: 'name' is 'other' but the file is 'news.ftl'; the name must be the file name without .ftl
            stage: DEMO                  | news.ftl:3: 'stage' is 'DEMO'; expected one of LEAD_GENERATION, LEAD_QUALIFICATION, ENGAGEMENT, PRESENTATION, NEGOTIATION, CLOSING, POST_SALE
            purpose: TELEMARKETING       | news.ftl:4: 'purpose' is 'TELEMARKETING'; expected one of COMMERCIAL, TRANSACTIONAL
            required: [firstName, phone] | news.ftl:7: required field 'phone' is not in 'fields'
            followUpWithin: 2 days       | news.ftl:8: 'followUpWithin' is '2 days'; expected an ISO-8601 duration such as PT24H or P2D
            followUpWithin: PT0S         | news.ftl:8: 'followUpWithin' must be a positive duration
            fields: firstName            | news.ftl:6: 'fields' has the wrong shape: lists are written [a, b], other keys take one value
            fields: [firstName, company, senderName] | news.ftl:6: 'senderName' is a system variable, always provided; do not declare it
            """)
    void invalidFrontMatterIsReportedAtItsLine(String replacement, String expected) {
        String key = replacement.substring(0, replacement.indexOf(':'));
        String line = VALID.lines().filter(l -> l.startsWith(key + ":")).findFirst().orElseThrow();

        TemplateCatalog catalog = catalogWith("news.ftl", VALID.replace(line, replacement));

        assertThat(catalog.problems()).extracting(LintProblem::toString).containsExactly(expected);
        assertThat(catalog.find("news")).isEmpty();
    }

    @Test
    void unknownKeyIsReportedAlongsideOtherProblems() {
        TemplateCatalog catalog = catalogWith("news.ftl", VALID.replace("required:", "requried:")
                .replace("stage: ENGAGEMENT", "stage: ENGAGE"));

        assertThat(catalog.problems()).extracting(LintProblem::toString).containsExactlyInAnyOrder(
                "news.ftl:7: unknown key 'requried'; known keys: name, stage, purpose, subject, fields, required,"
                        + " followUpWithin, description, category",
                "news.ftl:3: 'stage' is 'ENGAGE'; expected one of LEAD_GENERATION, LEAD_QUALIFICATION, ENGAGEMENT,"
                        + " PRESENTATION, NEGOTIATION, CLOSING, POST_SALE");
    }

    @Test
    void yamlSyntaxErrorIsReportedWithLine() {
        TemplateCatalog catalog = catalogWith("news.ftl", VALID.replace("fields: [firstName, company]",
                "fields: [firstName, company"));

        assertThat(catalog.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.toString()).startsWith("news.ftl:7: front matter is not valid YAML: ");
            assertThat(problem.message()).doesNotContain("\n");
        });
    }

    @Test
    void fileWithoutFrontMatterIsReported() {
        TemplateCatalog catalog = catalogWith("news.ftl", "<#macro html>Hi</#macro>\n");

        assertThat(catalog.problems()).extracting(LintProblem::toString).singleElement().asString()
                .startsWith("news.ftl:1: no front matter: the file must start with a '---' line");
    }

    @Test
    void frontMatterWithoutClosingLineIsReported() {
        TemplateCatalog catalog = catalogWith("news.ftl", VALID.replaceFirst("---\n<#macro", "<#macro"));

        assertThat(catalog.problems()).extracting(LintProblem::message).singleElement().asString()
                .startsWith("no front matter");
    }

    @Test
    void windowsLineEndingsKeepLineNumbers() {
        TemplateCatalog catalog = catalogWith("news.ftl", VALID.replace("stage: ENGAGEMENT", "stage: DEMO")
                .replace("\n", "\r\n"));

        assertThat(catalog.problems()).extracting(LintProblem::line).containsExactly(3);
    }

    @Test
    void filesOutsideTheTopLevelOrSharedFoldersAreReportedNotLoaded() {
        TemplateCatalog catalog = catalogWith("drafts/news.ftl", VALID);

        assertThat(catalog.templates()).isEmpty();
        assertThat(catalog.problems()).extracting(LintProblem::file).containsExactly("drafts/news.ftl");
    }

    @Test
    void missingFolderIsAProblemNotACrash() {
        TemplateCatalog catalog = TemplateCatalog.load(folder.resolve("nowhere"));

        assertThat(catalog.templates()).isEmpty();
        assertThat(catalog.problems()).extracting(LintProblem::message)
                .isEqualTo(List.of("templates folder does not exist or is not a folder"));
    }
}
