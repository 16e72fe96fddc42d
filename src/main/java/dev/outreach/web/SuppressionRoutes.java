package dev.outreach.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.gateway.SuppressionRegister;
import dev.outreach.policy.SuppressionReason;
import dev.outreach.store.SuppressionEntry;
import dev.outreach.suppression.LoadedList;
import dev.outreach.suppression.SuppressionLists;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static dev.outreach.gateway.Role.COMPLIANCE;
import static dev.outreach.gateway.Role.INTEGRATION;

/** {@code /api/v1/suppressions} (runtime entries) and {@code /api/v1/suppression-lists} (list files). */
final class SuppressionRoutes {

    /** A list file older than this is flagged stale (TCPA registry data must be ≤ 31 days old). */
    private static final Duration STALE_AFTER = Duration.ofDays(31);

    private final SuppressionRegister register;
    private final SuppressionLists lists;
    private final ObjectMapper json;
    private final Idempotency idempotency;
    private final Clock clock;
    private final String defaultPhoneRegion;

    SuppressionRoutes(SuppressionRegister register, SuppressionLists lists, ObjectMapper json, Idempotency idempotency,
                      Clock clock, String defaultPhoneRegion) {
        this.register = register;
        this.lists = lists;
        this.json = json;
        this.idempotency = idempotency;
        this.clock = clock;
        this.defaultPhoneRegion = defaultPhoneRegion;
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/suppressions", this::list, COMPLIANCE);
        routes.post("/api/v1/suppressions", this::add, COMPLIANCE);
        routes.delete("/api/v1/suppressions/{id}", this::remove, COMPLIANCE);
        routes.get("/api/v1/suppression-lists", this::lists, COMPLIANCE, INTEGRATION);
    }

    private void list(Context ctx) {
        String type = ctx.queryParam("type");
        if (type != null) {
            type = type.toUpperCase(Locale.ROOT);
            if (!SuppressionRegister.TYPES.contains(type)) {
                throw ProblemException.badRequest("type", "must be one of " + SuppressionRegister.TYPES);
            }
        }
        int offset = ctx.queryParam("offset") == null ? 0 : parseOffset(ctx.queryParam("offset"));
        ctx.json(Map.of("suppressions", register.list(type, offset, Paging.limit(ctx, 100, 1000)).stream()
                .map(SuppressionRoutes::view).toList()));
    }

    private static int parseOffset(String raw) {
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

    private void add(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        String type = upper(body.requiredText("type"));
        String value = body.requiredText("value");
        String reasonText = body.text("reason");
        SuppressionReason reason = reasonText == null ? SuppressionReason.MANUAL
                : SuppressionReason.parseRuntime(reasonText).orElse(null);
        String source = body.text("source");
        if (type != null && !SuppressionRegister.TYPES.contains(type)) {
            body.error("type", "must be one of " + SuppressionRegister.TYPES);
        }
        if (reason == null) {
            body.error("reason", "must be one of " + SuppressionReason.runtime());
        }
        if (type != null && value != null && SuppressionRegister.TYPES.contains(type)) {
            body.convert("value", value, v -> SuppressionRegister.normalise(type, v, defaultPhoneRegion));
        }
        body.validate();
        idempotency.respond(ctx, () -> new Idempotency.Outcome(201, view(register.add(type, value, reason,
                source == null ? "api" : source, RequestActor.of(ctx).auditName(), defaultPhoneRegion))));
    }

    private void remove(Context ctx) {
        try {
            if (!register.remove(ctx.pathParam("id"), RequestActor.of(ctx).auditName())) {
                throw ProblemException.notFound("suppression");
            }
        } catch (IllegalStateException e) {
            throw ProblemException.conflict("id", e.getMessage());
        }
        ctx.status(204);
    }

    private void lists(Context ctx) {
        ctx.json(Map.of("lists", lists.lists().stream().map(this::view).toList()));
    }

    private static String upper(String s) {
        return s == null ? null : s.trim().toUpperCase(Locale.ROOT);
    }

    private static Map<String, Object> view(SuppressionEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("type", e.type());
        m.put("value", e.value() == null ? "[erased]" : e.value());
        m.put("reason", e.reason());
        m.put("source", e.source());
        m.put("createdAt", e.createdAt());
        return m;
    }

    private Map<String, Object> view(LoadedList l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.name());
        m.put("kind", l.kind().name());
        m.put("status", l.status().name());
        m.put("entries", l.entries());
        m.put("rejectedLines", l.rejectedLines());
        m.put("firstRejectedLines", l.firstRejectedLines());
        m.put("sha256", l.sha256());
        m.put("loadedAt", l.loadedAt());
        m.put("asOf", l.asOf());
        m.put("stale", l.asOf() == null || l.asOf().isBefore(clock.instant().minus(STALE_AFTER)));
        m.put("detail", l.detail());
        return m;
    }
}
