package dev.outreach.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Data minimisation (GDPR Art 5(1)(c)): a template may only use the fields its front matter
 * declares. Reading an undeclared field anywhere (subject, html or text part) fails lint and makes
 * the template unsendable; data carrying an undeclared field is refused at render; and a caller that
 * holds more about a lead hands the template only what it declares.
 */
class DataMinimisationTest {

    private static final SenderIdentity ACME =
            new SenderIdentity("Acme Corp", "sales@acme.example", "100 Main St, Springfield, IL 62701");
    private static final String UNSUBSCRIBE_URL = "https://gateway.acme.example/u/t0k3n";

    @TempDir
    Path folder;

    private TemplateCatalog catalogWith(TemplateText template) {
        return TemplatesOnDisk.sharedFilesOnly(folder).write(template).catalog();
    }

    @Test
    void aTemplateReadingAnUndeclaredLeadFieldFailsLintAndCannotBeSent() {
        TemplateCatalog catalog = catalogWith(TemplateText.commercial("nosy")
                .withText("Hi ${firstName}, we noted your number ${phone!} and address ${email!}."));

        TemplateInfo info = catalog.info("nosy");

        assertThat(info.sendable()).isFalse();
        assertThat(info.errors()).extracting(LintProblem::toString)
                .anySatisfy(p -> assertThat(p).contains("reads 'phone', which is not declared in 'fields'"))
                .anySatisfy(p -> assertThat(p).contains("reads 'email', which is not declared in 'fields'"));
        assertThatThrownBy(() -> catalog.render("nosy", Map.of("firstName", "Ann", "company", "Initech"), ACME,
                UNSUBSCRIBE_URL)).isInstanceOf(InvalidTemplateException.class);
    }

    @Test
    void anUndeclaredFieldInTheSubjectFailsLintToo() {
        TemplateCatalog catalog = catalogWith(TemplateText.commercial("nosy-subject")
                .withSubject("News for ${lastName!'you'}"));

        assertThat(catalog.info("nosy-subject").errors()).extracting(LintProblem::toString)
                .anySatisfy(p -> assertThat(p).contains("reads 'lastName', which is not declared in 'fields'"));
    }

    @Test
    void dataCarryingAnUndeclaredFieldIsRefusedNotPassedThrough() {
        TemplateCatalog catalog = catalogWith(TemplateText.commercial("news"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("firstName", "Ann");
        data.put("company", "Initech");
        data.put("email", "ann@initech.example");

        assertThatThrownBy(() -> catalog.render("news", data, ACME, UNSUBSCRIBE_URL))
                .isInstanceOfSatisfying(UndeclaredTemplateFieldException.class,
                        e -> assertThat(e.fields()).containsExactly("email"));
    }

    @Test
    void aCallerHoldingTheWholeLeadPassesOnlyTheDeclaredFields() {
        TemplateCatalog catalog = catalogWith(TemplateText.commercial("news"));
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("firstName", "Ann");
        lead.put("lastName", "Lee");
        lead.put("company", "Initech");
        lead.put("email", "ann@initech.example");
        lead.put("phone", "+13055550123");

        Map<String, Object> passed = catalog.info("news").declaredFieldsOf(lead);

        assertThat(passed).containsOnlyKeys("firstName", "company");
        RenderedMessage message = catalog.render("news", passed, ACME, UNSUBSCRIBE_URL);
        assertThat(message.text() + message.html() + message.subject())
                .doesNotContain("Lee").doesNotContain("ann@initech.example").doesNotContain("3055550123");
    }

    @Test
    void everyShippedTemplateReadsOnlyWhatItDeclares() {
        TemplateCatalog shipped = TemplateCatalog.load(TemplatesOnDisk.SHIPPED);

        List<String> undeclaredReads = shipped.problems().stream().map(LintProblem::toString)
                .filter(p -> p.contains("which is not declared")).toList();

        assertThat(shipped.templates()).isNotEmpty();
        assertThat(undeclaredReads).isEmpty();
    }
}
