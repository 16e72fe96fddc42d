package dev.outreach.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.gateway.EmailChecking;
import dev.outreach.gateway.Funnel;
import dev.outreach.gateway.PhoneTouches;
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
    private final PhoneTouches phoneTouches;
    private final Funnel funnel;
    private final ObjectMapper json;
    private final Idempotency idempotency;

    CheckRoutes(EmailChecking emailChecking, PhoneTouches phoneTouches, Funnel funnel, ObjectMapper json, Idempotency idempotency) {
        this.emailChecking = emailChecking;
        this.phoneTouches = phoneTouches;
        this.funnel = funnel;
        this.json = json;
        this.idempotency = idempotency;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/checks", this::check, REP, INTEGRATION, COMPLIANCE);
    }

    /** A dry run for a call or text: judged at {@code at} (default now), audited, no touch recorded. */
    private void checkPhone(Context ctx, JsonBody body, Channel channel) {
        PhoneTouches.Request request = PhoneRequests.read(body, channel, true, Idempotency.keyOf(ctx));
        PhoneRequests.requireAccess(ctx, phoneTouches, request);
        idempotency.respond(ctx, () -> new Idempotency.Outcome(200,
                DecisionView.of(phoneTouches.clear(request, RequestActor.of(ctx)).decision(), json)));
    }

    private void check(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        Channel channel = body.requiredEnum("channel", Channel.class);
        if (channel == Channel.CALL || channel == Channel.SMS) {
            checkPhone(ctx, body, channel);
            return;
        }
        String leadId = body.text("leadId");
        String email = body.text("email");
        Purpose purpose = body.enumValue("purpose", Purpose.class, null);
        String template = body.text("template");
        Instant at = body.instant("at");
        if (leadId == null && email == null && body.text("phone") == null) {
            body.error("leadId", "leadId, email or phone is required");
        }
        body.validate();
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
