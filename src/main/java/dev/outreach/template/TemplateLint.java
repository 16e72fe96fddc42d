package dev.outreach.template;

import dev.outreach.policy.Purpose;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks templates before any is sent. A template is rendered with a recognisable stand-in value for
 * every field and system variable, once with every field and once with only the required ones, and
 * the results are searched for the stand-ins; that finds a missing unsubscribe link or postal address
 * however the footer is written, and catches optional fields used without a default.
 *
 * <p>ERROR problems (the template is refused at render time):
 * <ul>
 *   <li>broken front matter, a syntax error, or a failure while rendering, with file and line;</li>
 *   <li>a subject that starts with a fake reply/forward prefix such as {@code RE:} or {@code Fwd:}
 *       (15 USC 7704(a)(2); Google 81126), or spans lines;</li>
 *   <li>reading a variable that is neither a declared field nor a system variable (GDPR Art 5(1)(c));</li>
 *   <li>a COMMERCIAL template whose HTML or text part lacks the unsubscribe link
 *       (15 USC 7704(a)(3), (a)(5)(A)(ii)) or the sender's postal address (7704(a)(5)(A)(iii)).</li>
 * </ul>
 * WARNING problems: a COMMERCIAL template without an advertisement identification line (allowed only
 * to recipients who opted in, 7704(a)(5)(A)(i), which the policy engine decides per recipient), and a
 * TRANSACTIONAL template whose subject reads like an ad (16 CFR 316.3 would make it commercial).
 */
public final class TemplateLint {

    static final SenderIdentity STAND_IN_SENDER =
            new SenderIdentity("[[senderName]]", "sender@lint.invalid", "[[senderPostalAddress]]");
    static final String STAND_IN_UNSUBSCRIBE_URL = "https://unsubscribe.lint.invalid/u/stand-in-token";

    /** What lint found in one template. */
    record Result(List<LintProblem> problems, ComplianceMarkers content) {
    }

    /** One way of filling in the fields. */
    private record Pass(String circumstance, Map<String, Object> fields) {
    }

    private final MessageTemplate template;
    private final List<LintProblem> problems = new ArrayList<>();
    /** Failures already reported, so a second pass adds only what is new in it. */
    private final Set<String> reportedFailures = new HashSet<>();

    private TemplateLint(MessageTemplate template) {
        this.template = template;
    }

    /**
     * Lints every file in a templates folder, exactly as {@link TemplateCatalog#load} does: the entry
     * point of the {@code templates lint} command. Exit non-zero when any problem is an ERROR.
     */
    public static List<LintProblem> lintFolder(Path templatesDirectory) {
        return TemplateCatalog.load(templatesDirectory).problems();
    }

    static Result check(MessageTemplate template) {
        return new TemplateLint(template).check();
    }

    /** Syntax errors in a shared file, whether or not a template uses it. */
    static List<LintProblem> checkShared(TemplateSource shared, FreemarkerSandbox sandbox) {
        LinkedHashSet<LintProblem> problems = new LinkedHashSet<>();
        for (MessagePart part : List.of(MessagePart.HTML, MessagePart.TEXT)) {
            try {
                sandbox.file(shared.file(), part);
            } catch (IOException e) {
                RenderFailure failure = RenderFailure.of(e, shared, part, sandbox);
                problems.add(LintProblem.error(failure.file(), failure.line(), failure.detail()));
            }
        }
        return List.copyOf(problems);
    }

    private Result check() {
        checkSubjectSource();
        ComplianceMarkers content = parses() ? renderPasses() : ComplianceMarkers.NONE;
        return new Result(List.copyOf(new LinkedHashSet<>(problems)), content);
    }

    private void checkSubjectSource() {
        String subject = template.frontMatter().subject();
        if (SubjectLine.fakesReplyOrForward(subject)) {
            error(subjectLine(), "subject starts with a reply or forward prefix, but this message is neither"
                    + " (15 USC 7704(a)(2); Google 81126)");
        }
        if (SubjectLine.hasLineBreak(subject)) {
            error(subjectLine(), "subject must be a single line");
        }
        if (template.frontMatter().purpose() == Purpose.TRANSACTIONAL && SubjectLine.soundsPromotional(subject)) {
            problems.add(LintProblem.warning(file(), subjectLine(), "subject of a TRANSACTIONAL template reads like"
                    + " an ad, which makes the message commercial (16 CFR 316.3)"));
        }
    }

    private boolean parses() {
        int before = problems.size();
        for (MessagePart part : MessagePart.values()) {
            try {
                template.parse(part);
            } catch (RenderFailure failure) {
                problems.add(LintProblem.error(failure.file(), failure.line(), failure.detail()));
            }
        }
        return problems.size() == before;
    }

    /** Renders every pass; the markers are those present in every pass, or none if any pass failed. */
    private ComplianceMarkers renderPasses() {
        Map<MessagePart, ComplianceMarkers> found = new EnumMap<>(MessagePart.class);
        found.put(MessagePart.HTML, ComplianceMarkers.ALL);
        found.put(MessagePart.TEXT, ComplianceMarkers.ALL);
        boolean rendered = true;
        for (Pass pass : passes()) {
            Optional<Map<MessagePart, String>> parts = render(pass);
            if (parts.isEmpty()) {
                rendered = false;
                continue;
            }
            found.replaceAll((part, markers) -> markers.and(markersIn(parts.get().get(part))));
        }
        if (!rendered) {
            return ComplianceMarkers.NONE;
        }
        checkFooter(found);
        return found.get(MessagePart.HTML).and(found.get(MessagePart.TEXT));
    }

    private List<Pass> passes() {
        FrontMatter front = template.frontMatter();
        List<Pass> passes = new ArrayList<>();
        passes.add(new Pass("", standIns(front.fields())));
        if (!front.optional().isEmpty()) {
            passes.add(new Pass("when the optional fields (" + String.join(", ", front.optional()) + ") are absent: ",
                    standIns(front.required())));
        }
        return passes;
    }

    private static Map<String, Object> standIns(List<String> fields) {
        Map<String, Object> values = new LinkedHashMap<>();
        fields.forEach(field -> values.put(field, "[[" + field + "]]"));
        return values;
    }

    /** The rendered parts, or empty when any part failed; every failure is reported. */
    private Optional<Map<MessagePart, String>> render(Pass pass) {
        Map<String, Object> values = new LinkedHashMap<>(pass.fields());
        values.putAll(SystemVariables.of(STAND_IN_SENDER, template.frontMatter().purpose(), STAND_IN_UNSUBSCRIBE_URL));
        MessageDataModel data = new MessageDataModel(values, template.readable());
        Map<MessagePart, String> parts = new EnumMap<>(MessagePart.class);
        List<RenderFailure> failures = new ArrayList<>();
        for (MessagePart part : MessagePart.values()) {
            try {
                parts.put(part, template.render(part, data));
            } catch (RenderFailure failure) {
                failures.add(failure);
            }
        }
        reportUndeclaredReads(data.undeclaredReads(), failures);
        reportFailures(pass, failures, !data.undeclaredReads().isEmpty());
        if (parts.containsKey(MessagePart.SUBJECT) && SubjectLine.hasLineBreak(parts.get(MessagePart.SUBJECT))) {
            error(subjectLine(), "subject renders with a line break, which would inject mail headers");
        }
        return failures.isEmpty() ? Optional.of(parts) : Optional.empty();
    }

    private void reportFailures(Pass pass, List<RenderFailure> failures, boolean readUndeclared) {
        for (RenderFailure failure : failures) {
            // A missing value caused by reading an undeclared name is reported as what it is.
            boolean causedByUndeclaredRead = readUndeclared && failure.missingValue();
            if (!causedByUndeclaredRead && reportedFailures.add(failure.getMessage())) {
                problems.add(LintProblem.error(failure.file(), failure.line(), pass.circumstance() + failure.detail()));
            }
        }
    }

    private void reportUndeclaredReads(List<String> names, List<RenderFailure> failures) {
        RenderFailure located = failures.stream().filter(RenderFailure::missingValue).findFirst().orElse(null);
        for (String name : names) {
            problems.add(LintProblem.error(located == null ? file() : located.file(),
                    located == null ? null : located.line(),
                    "reads '" + name + "', which is not declared in 'fields'; a template may read only its declared"
                            + " fields and the system variables " + String.join(", ", SystemVariables.NAMES.stream()
                            .sorted().toList()) + " (GDPR Art 5(1)(c))"));
        }
    }

    private static ComplianceMarkers markersIn(String part) {
        return new ComplianceMarkers(part.contains(STAND_IN_UNSUBSCRIBE_URL),
                part.contains(STAND_IN_SENDER.postalAddress()),
                AdIdentification.presentIn(part, STAND_IN_SENDER.name()));
    }

    private void checkFooter(Map<MessagePart, ComplianceMarkers> found) {
        if (template.frontMatter().purpose() != Purpose.COMMERCIAL) {
            return;
        }
        String noLink = partsLacking(found, ComplianceMarkers::unsubscribeLink);
        if (!noLink.isEmpty()) {
            error(null, "COMMERCIAL template has no unsubscribe link (${unsubscribeUrl}) in the " + noLink
                    + " (15 USC 7704(a)(3), (a)(5)(A)(ii))");
        }
        String noAddress = partsLacking(found, ComplianceMarkers::postalAddress);
        if (!noAddress.isEmpty()) {
            error(null, "COMMERCIAL template has no sender postal address (${senderPostalAddress}) in the "
                    + noAddress + " (15 USC 7704(a)(5)(A)(iii))");
        }
        String noAdLine = partsLacking(found, ComplianceMarkers::adIdentification);
        if (!noAdLine.isEmpty()) {
            problems.add(LintProblem.warning(file(), null, "COMMERCIAL template does not identify itself as an"
                    + " advertisement in the " + noAdLine + " (a sentence naming ${senderName} and saying"
                    + " 'promotional' or 'advertisement'); it may go only to recipients who opted in"
                    + " (15 USC 7704(a)(5)(A)(i))"));
        }
    }

    private static String partsLacking(Map<MessagePart, ComplianceMarkers> found,
                                       Predicate<ComplianceMarkers> present) {
        List<String> lacking = found.entrySet().stream()
                .filter(entry -> !present.test(entry.getValue()))
                .map(entry -> entry.getKey().label())
                .toList();
        return String.join(" and the ", lacking);
    }

    private void error(Integer line, String message) {
        problems.add(LintProblem.error(file(), line, message));
    }

    private String file() {
        return template.source().file();
    }

    private Integer subjectLine() {
        return template.source().lineOf("subject");
    }
}
