package dev.outreach.web;

import io.javalin.http.Context;

/** Reads the {@code limit} query parameter within bounds. */
final class Paging {

    private Paging() {
    }

    static int limit(Context ctx, int defaultLimit, int max) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return defaultLimit;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v < 1 || v > max) {
                throw ProblemException.badRequest("limit", "must be between 1 and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("limit", "must be a whole number");
        }
    }
}
