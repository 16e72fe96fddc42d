package dev.outreach.web;

/** One invalid field of a request, as listed in a problem+json {@code errors} array. */
public record FieldError(String field, String message) {
}
