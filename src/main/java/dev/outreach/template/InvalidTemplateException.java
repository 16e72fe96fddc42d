package dev.outreach.template;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The template itself is broken: lint found errors at load time, or it failed while rendering.
 * A fault of the templates folder, not of the caller's data.
 */
public class InvalidTemplateException extends TemplateRenderException {

    private final List<LintProblem> problems;

    public InvalidTemplateException(String templateName, List<LintProblem> problems) {
        super(templateName, "template '" + templateName + "' fails lint: "
                + problems.stream().map(LintProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    InvalidTemplateException(String templateName, String message, Throwable cause) {
        super(templateName, "template '" + templateName + "' failed: " + message, cause);
        this.problems = List.of();
    }

    /** The lint errors that make it unsendable; empty when it failed while rendering. */
    public List<LintProblem> problems() {
        return problems;
    }
}
