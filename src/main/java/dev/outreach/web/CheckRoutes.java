package dev.outreach.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.gateway.EmailChecking;
import dev.outreach.gateway.Funnel;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Decision;
import dev.outreach.policy.Purpose;
import io.javalin.http.Context;

import java.time.Instant;

import static dev.outreach.web.ApiRole.COMPLIANCE;
import static dev.outreach.web.ApiRole.INTEGRATION;
import static dev.outreach.web.ApiRole.REP;

/** {@code POST /api/v1/checks}: a dry-run decision, audited, nothing sent. */
final class CheckRoutes {

    private final EmailChecking emailChecking;
    private final Funnel funnel;
    private final ObjectMapper json;
    private final Idempotency idempotency;

    CheckRoutes(EmailChecking emailChecking, Funnel funnel, ObjectMapper json, Idempotency idempotency) {
        this.emailChecking = emailChecking;
        this.funnel = funnel;
        this.json = json;
        this.idempotency = idempotency;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/checks", this::check, REP, INTEGRATION, COMPLIANCE);
    }

    private void check(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        Channel channel = body.requiredEnum("channel", Channel.class);
        String leadId = body.text("leadId");
        String email = body.text("email");
        Purpose purpose = body.enumValue("purpose", Purpose.class, null);
        String template = body.text("template");
        Instant at = body.instant("at");
        if (leadId == null && email == null && body.text("phone") == null) {
            body.error("leadId", "leadId, email or phone is required");
        }
        body.validate();
        if (channel != Channel.EMAIL) {
            throw ProblemException.unprocessable("channel", channel + " checks are not supported by this gateway "
                    + "version; no call or text may be cleared");
        }
        if (leadId != null && RequestActor.role(ctx) == ApiRole.REP) {
            RequestActor.requireLeadAccess(ctx, funnel.find(leadId).orElseThrow(() -> ProblemException.notFound("lead")));
        }
        idempotency.respond(ctx, () -> {
            Decision d = emailChecking.check(leadId, email, purpose, template, at, RequestActor.of(ctx),
                    Idempotency.keyOf(ctx));
            return new Idempotency.Outcome(200, DecisionView.of(d, json));
        });
    }
}
