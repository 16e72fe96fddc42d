package dev.outreach.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateLintTest {

    @TempDir
    Path folder;

    private List<LintProblem> problemsOf(TemplateText template) {
        return TemplatesOnDisk.sharedFilesOnly(folder).write(template).catalog().problems();
    }

    private static List<String> messages(List<LintProblem> problems) {
        return problems.stream().map(LintProblem::toString).toList();
    }

    @Test
    void aCommercialTemplateWithTheSharedFooterLintsClean() {
        assertThat(problemsOf(TemplateText.commercial("news").withBody("Hi ${firstName!}, news for ${company}.")))
                .isEmpty();
    }

    @Test
    void lintRejectsCommercialTemplateWithoutUnsubscribeLink() {
        TemplateCatalog catalog = TemplatesOnDisk.copyOfShipped(folder)
                .replace("_shared/footer.ftl", "To unsubscribe from these emails, visit: ${unsubscribeUrl}", "")
                .catalog();

        TemplateInfo summary = catalog.info("presentation-summary");
        assertThat(messages(summary.errors())).containsExactly("presentation-summary.ftl: COMMERCIAL template has no"
                + " unsubscribe link (${unsubscribeUrl}) in the text part (15 USC 7704(a)(3), (a)(5)(A)(ii))");
        assertThat(summary.sendable()).isFalse();
        assertThat(summary.messageFacts("sales@acme.example").hasOptOutLink()).isFalse();
    }

    @Test
    void lintRejectsCommercialTemplateWithoutPostalAddress() {
        TemplateCatalog catalog = TemplatesOnDisk.copyOfShipped(folder)
                .replace("_shared/footer.ftl", "${senderPostalAddress}", "")
                .catalog();

        assertThat(messages(catalog.info("engagement-resources").errors())).containsExactly("engagement-resources.ftl:"
                + " COMMERCIAL template has no sender postal address (${senderPostalAddress}) in the html part and"
                + " the text part (15 USC 7704(a)(5)(A)(iii))");
    }

    @Test
    void lintDoesNotRequireAnUnsubscribeLinkInTransactionalTemplates() {
        TemplateCatalog catalog = TemplatesOnDisk.copyOfShipped(folder)
                .replace("_shared/footer.ftl", "To unsubscribe from these emails, visit: ${unsubscribeUrl}", "")
                .replace("_shared/footer.ftl", "<a href=\"${unsubscribeUrl}\"", "<a href=\"#\"")
                .catalog();

        assertThat(catalog.info("closing-confirmation").problems()).isEmpty();
        assertThat(catalog.info("post-sale-check-in").sendable()).isFalse();
    }

    @Test
    void lintWarnsWhenCommercialTemplateDoesNotIdentifyAnAdvertisement() {
        TemplateCatalog catalog = TemplatesOnDisk.copyOfShipped(folder)
                .replace("_shared/footer.ftl", "This is a promotional message from ${senderName}.<br>", "")
                .catalog();

        TemplateInfo info = catalog.info("negotiation-check-in");
        assertThat(info.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.severity()).isEqualTo(LintProblem.Severity.WARNING);
            assertThat(problem.message()).contains("does not identify itself as an advertisement in the html part");
        });
        assertThat(info.sendable()).isTrue();
        assertThat(info.messageFacts("sales@acme.example").hasAdDisclosure()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RE: your quote", "Re: your quote", "re:your quote", "FW: pricing", "Fwd: pricing",
            "FWD : pricing", "  Re: your quote", "Re[2]: your quote", "RE [3] : your quote"})
    void lintRejectsSubjectWithFakeReplyOrForwardPrefix(String subject) {
        List<LintProblem> problems = problemsOf(TemplateText.commercial("news").withSubject(subject));

        assertThat(messages(problems)).containsExactly("news.ftl:5: subject starts with a reply or forward prefix,"
                + " but this message is neither (15 USC 7704(a)(2); Google 81126)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Regarding your quote", "Renewal options for ${company}", "Your quote, as requested"})
    void lintAcceptsSubjectThatOnlyStartsWithTheSameLetters(String subject) {
        assertThat(problemsOf(TemplateText.commercial("news").withSubject(subject))).isEmpty();
    }

    @Test
    void lintReportsSyntaxErrorWithFileAndLine() {
        List<LintProblem> problems = problemsOf(TemplateText.commercial("news")
                .withHtml("<p>Hi ${firstName},</p>\n<p>${company</p>"));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("news.ftl");
            assertThat(problem.line()).isEqualTo(TemplateText.HTML_LINE + 1);
            assertThat(problem.toString()).startsWith("news.ftl:11: ");
        });
    }

    @Test
    void lintReportsSyntaxErrorInSubjectAtTheSubjectLine() {
        List<LintProblem> problems = problemsOf(TemplateText.commercial("news").withSubject("News for ${company"));

        assertThat(messages(problems)).singleElement().asString().startsWith("news.ftl:5: subject: ");
    }

    @Test
    void lintReportsSyntaxErrorInSharedFileWithItsOwnLine() {
        TemplateCatalog catalog = TemplatesOnDisk.sharedFilesOnly(folder)
                .write("_shared/signature.ftl", "<#macro html>\n<p>Regards,\n<#if></p>\n</#macro>\n")
                .catalog();

        assertThat(messages(catalog.problems())).singleElement().asString().startsWith("_shared/signature.ftl:3: ");
    }

    @Test
    void lintRejectsTemplateReadingAnUndeclaredField() {
        List<LintProblem> problems = problemsOf(TemplateText.commercial("news")
                .withHtml("<p>Hi ${firstName},</p>\n<p>We will call you on ${phone}.</p>"));

        assertThat(messages(problems)).singleElement().asString()
                .startsWith("news.ftl:11: reads 'phone', which is not declared in 'fields'");
    }

    @Test
    void lintRejectsTemplateThatOnlyTestsForAnUndeclaredField() {
        List<LintProblem> problems = problemsOf(TemplateText.commercial("news")
                .withText("Hi ${firstName},<#if email??> we have your address.</#if>"));

        assertThat(messages(problems)).singleElement().asString()
                .startsWith("news.ftl: reads 'email', which is not declared in 'fields'");
    }

    @Test
    void lintRejectsOptionalFieldUsedWithoutDefault() {
        List<LintProblem> problems = problemsOf(TemplateText.commercial("news").withText("Hi ${firstName}. ${note}"));

        assertThat(messages(problems)).singleElement().asString()
                .startsWith("news.ftl:" + TemplateText.TEXT_LINE + ": when the optional fields (note) are absent: 'note' is missing or null");
    }

    @Test
    void newBuiltInIsRefused() {
        List<LintProblem> problems = problemsOf(TemplateText.commercial("news").withHtml(
                "<#assign run = \"freemarker.template.utility.Execute\"?new()>${run(\"id\")}"));

        assertThat(messages(problems)).singleElement().asString()
                .isEqualTo("news.ftl:10: Instantiating freemarker.template.utility.Execute is not allowed in the"
                        + " template for security reasons.");
    }

    @Test
    void apiBuiltInIsRefused() {
        List<LintProblem> problems = problemsOf(TemplateText.commercial("news").withText("${company?api.length()}"));

        assertThat(messages(problems)).singleElement().asString()
                .isEqualTo("news.ftl:" + TemplateText.TEXT_LINE + ": ?api is not allowed: templates see plain values only");
    }

    @Test
    void templateWithoutTextMacroIsReported() {
        TemplateCatalog catalog = TemplatesOnDisk.sharedFilesOnly(folder)
                .write("news.ftl", "---\nname: news\nstage: ENGAGEMENT\npurpose: COMMERCIAL\nsubject: News\n---\n"
                        + "<#macro html><p>News</p></#macro>\n")
                .catalog();

        assertThat(messages(catalog.problems())).contains("news.ftl: text part: news.ftl defines no <#macro text>");
    }

    @Test
    void lintWarnsWhenTransactionalSubjectReadsLikeAnAd() {
        List<LintProblem> problems = problemsOf(TemplateText.commercial("receipt").withPurpose("TRANSACTIONAL")
                .withSubject("Your receipt, and 20% off your next order"));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.severity()).isEqualTo(LintProblem.Severity.WARNING);
            assertThat(problem.toString()).startsWith("receipt.ftl:5: warning: subject of a TRANSACTIONAL template");
        });
    }

    @Test
    void lintFolderReportsEveryProblemOfTheFolder() {
        TemplatesOnDisk.copyOfShipped(folder).replace("presentation-summary.ftl", "subject: \"Summary", "subject: \"RE: Summary");

        assertThat(TemplateLint.lintFolder(folder)).extracting(LintProblem::toString)
                .containsExactly("presentation-summary.ftl:6: subject starts with a reply or forward prefix, but this"
                        + " message is neither (15 USC 7704(a)(2); Google 81126)");
    }
}
