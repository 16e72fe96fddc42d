package dev.outreach.web;

import dev.outreach.gateway.Actor;
import dev.outreach.gateway.Role;
import dev.outreach.lead.Lead;
import io.javalin.http.Context;

/** The authenticated caller of a request, set by {@link ApiKeyAuthentication}. */
public final class RequestActor {

    private static final String ATTRIBUTE = "outreach.actor";

    private RequestActor() {
    }

    static void set(Context ctx, Actor.KeyHolder actor) {
        ctx.attribute(ATTRIBUTE, actor);
    }

    public static Actor.KeyHolder of(Context ctx) {
        Actor.KeyHolder actor = ctx.attribute(ATTRIBUTE);
        if (actor == null) {
            throw ProblemException.unauthorized("an API key is required");
        }
        return actor;
    }

    public static Role role(Context ctx) {
        return of(ctx).role();
    }

    /** A REP acts only on the leads they own; every other role on any lead. */
    public static void requireLeadAccess(Context ctx, Lead lead) {
        if (!of(ctx).mayActOnLeadOwnedBy(lead.owner())) {
            throw ProblemException.forbidden("a REP key may only act on its own leads");
        }
    }
}
