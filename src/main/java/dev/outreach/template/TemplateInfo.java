package dev.outreach.template;

import dev.outreach.lead.Stage;
import dev.outreach.policy.MessageFacts;
import dev.outreach.policy.Purpose;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A template as the catalog knows it: its front matter and what lint found.
 *
 * @param name           the file name without {@code .ftl}; what callers pass to render
 * @param stage          the SOP stage it follows up
 * @param purpose        COMMERCIAL or TRANSACTIONAL (15 USC 7702)
 * @param subject        the subject as written, before rendering ({@code "Summary of our ${company} ..."})
 * @param fields         every field the template may read besides the system variables
 * @param required       the fields a caller must supply, non-blank
 * @param followUpWithin the SOP deadline for sending it, or {@code null} where the SOP gives none
 * @param description    when to use it, for people choosing a template; may be empty
 * @param problems       lint problems; any ERROR makes {@link TemplateCatalog#render} refuse it
 * @param content        what lint found in the rendered parts
 * @param category       the preference-centre category a recipient can opt down from (front matter
 *                       {@code category}), or {@code null} when the template has none
 */
public record TemplateInfo(String name, Stage stage, Purpose purpose, String subject, List<String> fields,
                           List<String> required, Duration followUpWithin, String description,
                           List<LintProblem> problems, ComplianceMarkers content, String category) {

    /** Without a preference-centre category. */
    public TemplateInfo(String name, Stage stage, Purpose purpose, String subject, List<String> fields,
                        List<String> required, Duration followUpWithin, String description,
                        List<LintProblem> problems, ComplianceMarkers content) {
        this(name, stage, purpose, subject, fields, required, followUpWithin, description, problems, content, null);
    }

    public TemplateInfo {
        Objects.requireNonNull(name, "name");
        fields = List.copyOf(fields);
        required = List.copyOf(required);
        problems = List.copyOf(problems);
        description = description == null ? "" : description;
    }

    /** True when lint found no ERROR, so the template renders. */
    public boolean sendable() {
        return errors().isEmpty();
    }

    /** The ERROR problems only. */
    public List<LintProblem> errors() {
        return problems.stream().filter(LintProblem::isError).toList();
    }

    /**
     * The facts the policy engine judges this template's content by (rule {@code canspam.message-content}).
     * They describe the template, not the configuration: a caller should also treat
     * {@code hasPostalAddress} as false when the configured sender postal address is blank.
     */
    public MessageFacts messageFacts(String fromAddress) {
        return new MessageFacts(fromAddress, subject, content.unsubscribeLink(), content.postalAddress(),
                content.adIdentification(), category);
    }

    /**
     * The entries of {@code available} whose keys this template declares, for callers that hold more
     * about a lead than the template may carry (render rejects undeclared fields).
     */
    public Map<String, Object> declaredFieldsOf(Map<String, ?> available) {
        Map<String, Object> declared = new LinkedHashMap<>();
        for (String field : fields) {
            if (available.containsKey(field)) {
                declared.put(field, available.get(field));
            }
        }
        return declared;
    }
}
