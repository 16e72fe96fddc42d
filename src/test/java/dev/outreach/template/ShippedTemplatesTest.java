package dev.outreach.template;

import dev.outreach.lead.Stage;
import dev.outreach.policy.MessageFacts;
import dev.outreach.policy.Purpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The templates in the repository's templates folder, as a sales team would send them. */
class ShippedTemplatesTest {

    private static final TemplateCatalog CATALOG = TemplateCatalog.load(TemplatesOnDisk.SHIPPED);
    private static final SenderIdentity ACME =
            new SenderIdentity("Acme Corp", "sales@acme.example", "100 Main St, Springfield, IL 62701");
    private static final String UNSUBSCRIBE_URL = "https://gateway.acme.example/u/t0k3n";

    static List<String> templateNames() {
        return CATALOG.templates().stream().map(TemplateInfo::name).toList();
    }

    static List<String> commercialTemplateNames() {
        return CATALOG.templates().stream().filter(t -> t.purpose() == Purpose.COMMERCIAL)
                .map(TemplateInfo::name).toList();
    }

    @Test
    void everyShippedTemplateLintsClean() {
        assertThat(CATALOG.problems()).isEmpty();
        assertThat(CATALOG.templates()).allSatisfy(t -> assertThat(t.sendable()).isTrue());
    }

    @Test
    void eachSopStageHasItsTemplate() {
        Map<Stage, String> byStage = CATALOG.templates().stream()
                .collect(Collectors.toMap(TemplateInfo::stage, TemplateInfo::name));
        assertThat(byStage).containsExactlyInAnyOrderEntriesOf(Map.of(
                Stage.LEAD_GENERATION, "lead-generation-thank-you",
                Stage.LEAD_QUALIFICATION, "lead-qualification-schedule-call",
                Stage.ENGAGEMENT, "engagement-resources",
                Stage.PRESENTATION, "presentation-summary",
                Stage.NEGOTIATION, "negotiation-check-in",
                Stage.CLOSING, "closing-confirmation",
                Stage.POST_SALE, "post-sale-check-in"));
    }

    @Test
    void templatesAreListedInSopStageOrder() {
        assertThat(CATALOG.templates()).extracting(TemplateInfo::stage).containsExactly(Stage.values());
    }

    @Test
    void followUpDeadlinesAreThoseTheSopGives() {
        Map<String, Duration> deadlines = new HashMap<>();
        CATALOG.templates().stream().filter(t -> t.followUpWithin() != null)
                .forEach(t -> deadlines.put(t.name(), t.followUpWithin()));
        assertThat(deadlines).containsExactlyInAnyOrderEntriesOf(Map.of(
                "lead-generation-thank-you", Duration.ofHours(24),
                "presentation-summary", Duration.ofHours(48)));
    }

    @ParameterizedTest
    @MethodSource("templateNames")
    void everyDeclaredFieldPersonalisesBothParts(String name) {
        TemplateInfo info = CATALOG.info(name);
        Map<String, Object> data = info.fields().stream()
                .collect(Collectors.toMap(Function.identity(), field -> "Value-of-" + field));

        RenderedMessage message = CATALOG.render(name, data, ACME, UNSUBSCRIBE_URL);

        assertThat(message.subject()).isNotBlank().doesNotContain("${");
        for (String field : info.fields()) {
            assertThat(message.html()).as("html part of %s shows %s", name, field).contains("Value-of-" + field);
            assertThat(message.text()).as("text part of %s shows %s", name, field).contains("Value-of-" + field);
        }
        assertThat(message.html()).startsWith("<!DOCTYPE html>").contains("Acme Corp");
        assertThat(message.text()).doesNotContain("<p>").contains("Acme Corp");
        assertThat(message.stage()).isEqualTo(info.stage());
        assertThat(message.purpose()).isEqualTo(info.purpose());
    }

    @ParameterizedTest
    @MethodSource("templateNames")
    void everyTemplateRendersWithOnlyItsRequiredFields(String name) {
        TemplateInfo info = CATALOG.info(name);
        Map<String, Object> data = info.required().stream()
                .collect(Collectors.toMap(Function.identity(), field -> "Value-of-" + field));

        RenderedMessage message = CATALOG.render(name, data, ACME, UNSUBSCRIBE_URL);

        assertThat(message.text()).startsWith("Hi Value-of-firstName,").doesNotContain("\n\n\n");
        assertThat(message.html()).contains("<p>Hi Value-of-firstName,</p>");
    }

    @ParameterizedTest
    @MethodSource("commercialTemplateNames")
    void commercialTemplatesCarryOptOutPostalAddressAndAdLineInBothParts(String name) {
        RenderedMessage message = CATALOG.render(name, requiredFields(name), ACME, UNSUBSCRIBE_URL);

        for (String part : List.of(message.html(), message.text())) {
            assertThat(part).contains(UNSUBSCRIBE_URL)
                    .contains("100 Main St, Springfield, IL 62701")
                    .contains("This is a promotional message from Acme Corp.");
        }
        assertThat(CATALOG.info(name).messageFacts("sales@acme.example"))
                .isEqualTo(new MessageFacts("sales@acme.example", CATALOG.info(name).subject(), true, true, true,
                        CATALOG.info(name).category()));
        assertThat(CATALOG.info(name).category()).as("every shipped commercial template has a category").isNotBlank();
    }

    @Test
    void closingConfirmationIsTransactionalWithoutUnsubscribeRequirement() {
        TemplateInfo info = CATALOG.info("closing-confirmation");
        assertThat(info.purpose()).isEqualTo(Purpose.TRANSACTIONAL);
        assertThat(info.problems()).isEmpty();

        RenderedMessage message = CATALOG.render("closing-confirmation", requiredFields("closing-confirmation"),
                ACME, null);

        assertThat(message.commercial()).isFalse();
        assertThat(message.subject()).startsWith("Order confirmation");
        assertThat(message.text()).startsWith("Hi Value-of-firstName,\n\nThis email confirms the details of your"
                + " purchase");
        for (String part : List.of(message.html(), message.text())) {
            assertThat(part).doesNotContainIgnoringCase("unsubscribe").doesNotContainIgnoringCase("promotional")
                    .contains("100 Main St, Springfield, IL 62701");
        }
        MessageFacts facts = info.messageFacts("sales@acme.example");
        assertThat(facts.hasOptOutLink()).isFalse();
        assertThat(facts.hasAdDisclosure()).isFalse();
        assertThat(facts.hasPostalAddress()).isTrue();
    }

    @Test
    void transactionalTemplateIgnoresAnUnsubscribeUrlItIsGiven() {
        RenderedMessage message = CATALOG.render("closing-confirmation", requiredFields("closing-confirmation"),
                ACME, UNSUBSCRIBE_URL);

        assertThat(message.html()).doesNotContain(UNSUBSCRIBE_URL);
        assertThat(message.text()).doesNotContain(UNSUBSCRIBE_URL);
    }

    private static Map<String, Object> requiredFields(String name) {
        return CATALOG.info(name).required().stream()
                .collect(Collectors.toMap(Function.identity(), field -> "Value-of-" + field));
    }
}
