package dev.outreach.web;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The RFC 9457 body. {@code type} is "about:blank" since the status and title say it all. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public static Problem of(ProblemException e) {
        return new Problem("about:blank", e.title(), e.status(), e.getMessage(), e.errors());
    }
}
