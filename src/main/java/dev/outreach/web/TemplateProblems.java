package dev.outreach.web;

import dev.outreach.template.InvalidTemplateException;
import dev.outreach.template.InvalidTemplateFieldException;
import dev.outreach.template.MissingTemplateFieldException;
import dev.outreach.template.RejectedSubjectException;
import dev.outreach.template.TemplateRenderException;
import dev.outreach.template.UndeclaredTemplateFieldException;
import dev.outreach.template.UnknownTemplateException;

import java.util.List;

/**
 * Template failures as 422 problems naming the field the caller can fix: {@code data.<field>} for
 * the caller's data, {@code template} when the named template is unknown or itself broken.
 */
final class TemplateProblems {

    private TemplateProblems() {
    }

    static ProblemException of(TemplateRenderException e) {
        if (e instanceof MissingTemplateFieldException missing) {
            return new ProblemException(422, "Unprocessable request", e.getMessage(), missing.fields().stream()
                    .map(f -> new FieldError("data." + f, "is required by the template")).toList());
        }
        if (e instanceof UndeclaredTemplateFieldException undeclared) {
            return new ProblemException(422, "Unprocessable request", e.getMessage(), undeclared.fields().stream()
                    .map(f -> new FieldError("data." + f, "is not declared by the template")).toList());
        }
        if (e instanceof InvalidTemplateFieldException invalid) {
            return new ProblemException(422, "Unprocessable request", e.getMessage(),
                    List.of(new FieldError("data." + invalid.field(), e.getMessage())));
        }
        if (e instanceof RejectedSubjectException rejected && !rejected.fields().isEmpty()) {
            return new ProblemException(422, "Unprocessable request", e.getMessage(), rejected.fields().stream()
                    .map(f -> new FieldError("data." + f, "contains a line break, which the subject cannot carry"))
                    .toList());
        }
        if (e instanceof UnknownTemplateException || e instanceof InvalidTemplateException) {
            return new ProblemException(422, "Unprocessable request", e.getMessage(), List.of(new FieldError("template",
                    e.getMessage())));
        }
        return new ProblemException(422, "Unprocessable request", e.getMessage(), List.of(new FieldError("data",
                e.getMessage())));
    }
}
