package dev.outreach.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.gateway.Actor;
import dev.outreach.gateway.Funnel;
import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.Stage;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import static dev.outreach.gateway.Role.INTEGRATION;
import static dev.outreach.gateway.Role.REP;

/** {@code /api/v1/leads}: the funnel's leads, their stages and their touches. */
final class LeadRoutes {

    private final Funnel funnel;
    private final ObjectMapper json;
    private final Idempotency idempotency;
    /** The field validation POST, PATCH and the bulk import share. */
    private final LeadFields leadFields;

    LeadRoutes(Funnel funnel, ObjectMapper json, Clock clock, String defaultPhoneRegion, Idempotency idempotency) {
        this.funnel = funnel;
        this.json = json;
        this.idempotency = idempotency;
        this.leadFields = new LeadFields(clock, defaultPhoneRegion);
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/leads", this::create, REP, INTEGRATION);
        routes.get("/api/v1/leads", this::list, REP, INTEGRATION);
        routes.get("/api/v1/leads/{id}", this::get, REP, INTEGRATION);
        routes.patch("/api/v1/leads/{id}", this::patch, REP, INTEGRATION);
        routes.post("/api/v1/leads/{id}/stage", this::stage, REP, INTEGRATION);
        routes.get("/api/v1/leads/{id}/stages", this::history, REP, INTEGRATION);
        routes.get("/api/v1/leads/{id}/touches", this::touches, REP, INTEGRATION);
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        Actor.KeyHolder actor = RequestActor.of(ctx);
        Lead draft = leadFields.newLead(body, actor.role() == REP ? actor.name() : null);
        body.validate();
        idempotency.respond(ctx, () -> new Idempotency.Outcome(201, funnel.create(draft, actor)));
    }

    private void get(Context ctx) {
        ctx.json(accessible(ctx));
    }

    private Lead accessible(Context ctx) {
        Lead lead = funnel.find(ctx.pathParam("id")).orElseThrow(() -> ProblemException.notFound("lead"));
        RequestActor.requireLeadAccess(ctx, lead);
        return lead;
    }

    private void list(Context ctx) {
        Stage stage = ctx.queryParam("stage") == null ? null : queryEnum("stage", ctx.queryParam("stage"), Stage.class);
        String owner = RequestActor.role(ctx) == REP ? RequestActor.of(ctx).name() : ctx.queryParam("owner");
        int limit = Paging.limit(ctx, 100, 1000);
        ctx.json(Map.of("leads", funnel.list(stage, owner, ctx.queryParam("after"), limit)));
    }

    private void patch(Context ctx) {
        Lead existing = accessible(ctx);
        JsonBody body = JsonBody.parse(json, ctx.body());
        if (body.has("id") || body.has("stage") || body.has("createdAt")) {
            body.error(body.has("id") ? "id" : body.has("stage") ? "stage" : "createdAt",
                    "cannot be changed here (stage changes go through POST /api/v1/leads/{id}/stage)");
        }
        if (RequestActor.role(ctx) == REP && body.has("owner")) {
            body.error("owner", "a REP key cannot reassign leads");
        }
        Lead updated = leadFields.apply(body, existing);
        body.validate();
        ctx.json(funnel.update(updated));
    }

    private void stage(Context ctx) {
        Lead lead = accessible(ctx);
        JsonBody body = JsonBody.parse(json, ctx.body());
        Stage stage = body.requiredEnum("stage", Stage.class);
        LeadOutcome outcome = body.enumValue("outcome", LeadOutcome.class, null);
        Instant at = body.instant("at");
        body.validate();
        idempotency.respond(ctx, () -> new Idempotency.Outcome(200,
                funnel.moveTo(lead.id(), stage, outcome, at, RequestActor.of(ctx))));
    }

    private void history(Context ctx) {
        ctx.json(Map.of("transitions", funnel.history(accessible(ctx).id())));
    }

    private void touches(Context ctx) {
        ctx.json(Map.of("touches", funnel.touches(accessible(ctx).id())));
    }

    static <E extends Enum<E>> E queryEnum(String field, String raw, Class<E> type) {
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
