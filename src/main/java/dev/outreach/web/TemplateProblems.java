package dev.outreach.web;

import dev.outreach.template.MissingTemplateFieldException;
import dev.outreach.template.TemplateRenderException;

import java.util.List;

/** Template failures as 422 problems naming the field the caller can fix. */
final class TemplateProblems {

    private TemplateProblems() {
    }

    static ProblemException of(TemplateRenderException e) {
        if (e instanceof MissingTemplateFieldException missing) {
            return new ProblemException(422, "Unprocessable request", e.getMessage(), missing.fields().stream()
                    .map(f -> new FieldError("data." + f, "is required by the template")).toList());
        }
        return new ProblemException(422, "Unprocessable request", e.getMessage(), List.of(new FieldError("data",
                e.getMessage())));
    }
}
