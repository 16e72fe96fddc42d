package dev.outreach.web;

import dev.outreach.gateway.InboundTexts;
import dev.outreach.store.RevocationReview;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.outreach.gateway.Role.COMPLIANCE;

/**
 * Texts that may be revocations, awaiting a person: {@code GET /api/v1/revocation-reviews} lists
 * them, {@code POST /api/v1/revocation-reviews/{id}/clear} closes one as "not a request to stop",
 * which lifts its provisional revocation and nothing else.
 */
final class RevocationReviewRoutes {

    private static final Set<String> STATUSES = Set.of(RevocationReview.OPEN, RevocationReview.CLEARED);

    private final InboundTexts texts;
    private final Idempotency idempotency;

    RevocationReviewRoutes(InboundTexts texts, Idempotency idempotency) {
        this.texts = texts;
        this.idempotency = idempotency;
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/revocation-reviews", this::list, COMPLIANCE);
        routes.post("/api/v1/revocation-reviews/{id}/clear", this::clear, COMPLIANCE);
    }

    private void list(Context ctx) {
        String status = ctx.queryParam("status");
        if (status != null) {
            status = status.trim().toUpperCase(Locale.ROOT);
            if (!STATUSES.contains(status)) {
                throw ProblemException.badRequest("status", "must be one of " + STATUSES.stream().sorted().toList());
            }
        }
        int offset = offset(ctx.queryParam("offset"));
        ctx.json(Map.of("reviews", texts.reviews(status, offset, Paging.limit(ctx, 100, 1000)).stream()
                .map(RevocationReviewRoutes::view).toList()));
    }

    private static int offset(String raw) {
        if (raw == null) {
            return 0;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v < 0) {
                throw ProblemException.badRequest("offset", "must not be negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("offset", "must be a whole number");
        }
    }

    private void clear(Context ctx) {
        idempotency.respond(ctx, () -> {
            InboundTexts.Cleared cleared = texts.clear(ctx.pathParam("id"), RequestActor.of(ctx));
            Map<String, Object> m = view(cleared.review());
            m.put("consentsReinstated", cleared.consentsReinstated());
            m.put("suppressionRemoved", cleared.suppressionRemoved());
            return new Idempotency.Outcome(200, m);
        });
    }

    private static Map<String, Object> view(RevocationReview r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("phone", r.value() == null ? "[erased]" : r.value());
        m.put("body", r.body() == null ? "[erased]" : r.body());
        m.put("matched", r.matched());
        m.put("receivedAt", r.receivedAt());
        m.put("status", r.status());
        m.put("clearedAt", r.clearedAt());
        m.put("clearedBy", r.clearedBy());
        return m;
    }
}
