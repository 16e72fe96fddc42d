package dev.outreach.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateRenderingTest {

    private static final TemplateCatalog CATALOG = TemplateCatalog.load(TemplatesOnDisk.SHIPPED);
    private static final SenderIdentity ACME =
            new SenderIdentity("Acme Corp", "sales@acme.example", "100 Main St, Springfield, IL 62701");
    private static final String UNSUBSCRIBE_URL = "https://gateway.acme.example/u/t0k3n";

    private static Map<String, Object> presentation() {
        Map<String, Object> data = new HashMap<>();
        data.put("firstName", "Ann");
        data.put("company", "Initech");
        data.put("repName", "Sam Carter");
        return data;
    }

    private static RenderedMessage renderPresentation(Map<String, Object> data) {
        return CATALOG.render("presentation-summary", data, ACME, UNSUBSCRIBE_URL);
    }

    @Test
    void subjectIsRenderedWithTheFields() {
        assertThat(renderPresentation(presentation()).subject())
                .isEqualTo("Summary of our Initech presentation and next steps");
    }

    @Test
    void htmlPartEscapesMarkupInAField() {
        Map<String, Object> data = presentation();
        data.put("firstName", "<script>alert('x')</script>");

        RenderedMessage message = renderPresentation(data);

        assertThat(message.html()).doesNotContain("<script>")
                .contains("Hi &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;,");
        assertThat(message.text()).contains("Hi <script>alert('x')</script>,");
    }

    @Test
    void subjectIsPlainTextAndNotHtmlEscaped() {
        Map<String, Object> data = presentation();
        data.put("company", "Smith & Sons");

        assertThat(renderPresentation(data).subject()).isEqualTo("Summary of our Smith & Sons presentation and next steps");
    }

    @Test
    void aTemplateRenderedOnManyThreadsAtOnceGivesEachMessageItsOwnFields() throws Exception {
        int messages = 200;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<RenderedMessage>> rendered = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                Map<String, Object> data = presentation();
                data.put("company", "Company " + i);
                data.put("firstName", "Person " + i);
                rendered.add(threads.submit(() -> renderPresentation(data)));
            }
            for (int i = 0; i < messages; i++) {
                RenderedMessage message = rendered.get(i).get();
                assertThat(message.subject()).isEqualTo("Summary of our Company " + i + " presentation and next steps");
                assertThat(message.text()).contains("Hi Person " + i + ",").doesNotContain("Hi Person " + (i + 1) + ",");
                assertThat(message.html()).contains("Hi Person " + i + ",");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void missingRequiredFieldsAreAllNamed() {
        Map<String, Object> data = presentation();
        data.remove("company");
        data.put("repName", "  ");

        assertThatThrownBy(() -> renderPresentation(data))
                .isInstanceOfSatisfying(MissingTemplateFieldException.class,
                        e -> assertThat(e.fields()).containsExactly("company", "repName"))
                .hasMessageContaining("requires company, repName");
    }

    @Test
    void nullRequiredFieldCountsAsMissing() {
        Map<String, Object> data = presentation();
        data.put("firstName", null);

        assertThatThrownBy(() -> renderPresentation(data))
                .isInstanceOfSatisfying(MissingTemplateFieldException.class,
                        e -> assertThat(e.fields()).containsExactly("firstName"));
    }

    @Test
    void nullOptionalFieldCountsAsAbsent() {
        Map<String, Object> data = presentation();
        data.put("nextSteps", null);

        assertThat(renderPresentation(data).text()).contains("I'll follow up with a proposal");
    }

    @Test
    void undeclaredFieldIsRefusedRatherThanCarried() {
        Map<String, Object> data = presentation();
        data.put("email", "ann@initech.example");

        assertThatThrownBy(() -> renderPresentation(data))
                .isInstanceOfSatisfying(UndeclaredTemplateFieldException.class,
                        e -> assertThat(e.fields()).containsExactly("email"))
                .hasMessageContaining("does not declare email");
    }

    @Test
    void systemVariableCannotBeOverriddenThroughData() {
        Map<String, Object> data = presentation();
        data.put("unsubscribeUrl", "https://evil.example/");

        assertThatThrownBy(() -> renderPresentation(data)).isInstanceOf(UndeclaredTemplateFieldException.class);
    }

    @Test
    void nestedObjectIsRefusedNamingTheField() {
        Map<String, Object> data = presentation();
        data.put("nextSteps", Map.of("owner", "Sam"));

        assertThatThrownBy(() -> renderPresentation(data))
                .isInstanceOfSatisfying(InvalidTemplateFieldException.class,
                        e -> assertThat(e.field()).isEqualTo("nextSteps"))
                .hasMessageContaining("field 'nextSteps' is a nested object or list");
    }

    @Test
    void listValueIsRefusedNamingTheField() {
        Map<String, Object> data = presentation();
        data.put("keyPoints", List.of("pricing", "rollout"));

        assertThatThrownBy(() -> renderPresentation(data))
                .isInstanceOfSatisfying(InvalidTemplateFieldException.class,
                        e -> assertThat(e.field()).isEqualTo("keyPoints"));
    }

    @Test
    void numbersAndBooleansAreAcceptedAsFieldValues() {
        Map<String, Object> data = presentation();
        data.put("company", 42);

        assertThat(renderPresentation(data).subject()).isEqualTo("Summary of our 42 presentation and next steps");
    }

    @Test
    void lineBreakInRenderedSubjectIsRefused() {
        Map<String, Object> data = presentation();
        data.put("company", "Initech\r\nBcc: everyone@example.com");

        assertThatThrownBy(() -> renderPresentation(data))
                .isInstanceOf(RejectedSubjectException.class)
                .hasMessageContaining("line break");
    }

    @Test
    void replyPrefixArrivingThroughDataIsRefused(@TempDir Path folder) {
        TemplateCatalog catalog = TemplatesOnDisk.sharedFilesOnly(folder)
                .write(TemplateText.commercial("news").withSubject("${company}")).catalog();

        assertThatThrownBy(() -> catalog.render("news", Map.of("firstName", "Ann", "company", "RE: your quote"),
                ACME, UNSUBSCRIBE_URL))
                .isInstanceOf(RejectedSubjectException.class)
                .hasMessageContaining("reply or forward prefix");
    }

    @Test
    void unknownTemplateIsNamed() {
        assertThatThrownBy(() -> CATALOG.render("no-such-template", Map.of(), ACME, UNSUBSCRIBE_URL))
                .isInstanceOfSatisfying(UnknownTemplateException.class,
                        e -> assertThat(e.templateName()).isEqualTo("no-such-template"));
        assertThatThrownBy(() -> CATALOG.info("no-such-template")).isInstanceOf(UnknownTemplateException.class);
    }

    @Test
    void commercialTemplateNeedsAnUnsubscribeUrl() {
        assertThatThrownBy(() -> CATALOG.render("presentation-summary", presentation(), ACME, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsubscribe URL");
        assertThatThrownBy(() -> CATALOG.render("presentation-summary", presentation(), ACME, "javascript:alert(1)"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commercialTemplateNeedsTheSenderPostalAddress() {
        SenderIdentity noAddress = new SenderIdentity("Acme Corp", "sales@acme.example", "");

        assertThatThrownBy(() -> CATALOG.render("presentation-summary", presentation(), noAddress, UNSUBSCRIBE_URL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postal address");
    }

    @Test
    void transactionalTemplateRendersWithoutPostalAddress() {
        SenderIdentity noAddress = new SenderIdentity("Acme Corp", "sales@acme.example", "");

        RenderedMessage message = CATALOG.render("closing-confirmation", Map.of("firstName", "Ann",
                "orderReference", "SO-1042", "purchaseSummary", "50 seats, annual plan", "repName", "Sam"),
                noAddress, null);

        assertThat(message.text()).endsWith("--\nAcme Corp\n");
    }

    @Test
    void templateThatFailsLintIsNotRendered(@TempDir Path folder) {
        TemplateCatalog catalog = TemplatesOnDisk.sharedFilesOnly(folder)
                .write(TemplateText.commercial("news").withSubject("RE: news")).catalog();

        assertThatThrownBy(() -> catalog.render("news", Map.of("firstName", "Ann", "company", "Initech"),
                ACME, UNSUBSCRIBE_URL))
                .isInstanceOfSatisfying(InvalidTemplateException.class,
                        e -> assertThat(e.problems()).hasSize(1))
                .hasMessageContaining("news.ftl:5: subject starts with a reply or forward prefix");
    }

    @Test
    void declaredFieldsOfKeepsOnlyWhatTheTemplateMayCarry() {
        Map<String, Object> lead = Map.of("firstName", "Ann", "company", "Initech", "email", "ann@initech.example",
                "phone", "+13055550123");

        assertThat(CATALOG.info("presentation-summary").declaredFieldsOf(lead))
                .containsOnlyKeys("firstName", "company");
    }

    @Test
    void senderIdentityRefusesLineBreaksThatWouldReachTheFromHeader() {
        assertThatThrownBy(() -> new SenderIdentity("Acme\r\nBcc: x@example.com", "sales@acme.example", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
