package dev.outreach.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.gateway.email.EmailDecisions;
import dev.outreach.gateway.PhoneTouches;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Decision;
import dev.outreach.policy.Purpose;
import io.javalin.http.Context;

import java.time.Instant;

import static dev.outreach.gateway.Role.COMPLIANCE;
import static dev.outreach.gateway.Role.INTEGRATION;
import static dev.outreach.gateway.Role.REP;

/** {@code POST /api/v1/checks}: a dry-run decision, audited, nothing sent. */
final class CheckRoutes {

    private final EmailDecisions emailDecisions;
    private final PhoneTouches phoneTouches;
    private final ObjectMapper json;
    private final Idempotency idempotency;

    CheckRoutes(EmailDecisions emailDecisions, PhoneTouches phoneTouches, ObjectMapper json, Idempotency idempotency) {
        this.emailDecisions = emailDecisions;
        this.phoneTouches = phoneTouches;
        this.json = json;
        this.idempotency = idempotency;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/checks", this::check, REP, INTEGRATION, COMPLIANCE);
    }

    /** A dry run for a call or text: judged at {@code at} (default now), audited, no touch recorded. */
    private void checkPhone(Context ctx, JsonBody body, Channel channel) {
        PhoneTouches.Request request = PhoneRequests.read(body, channel, true, Idempotency.keyOf(ctx));
        idempotency.<PhoneTouches.Clearance>decide(ctx, memory -> phoneTouches.clear(request, RequestActor.of(ctx), memory),
                // The decision serialises to the API's decision object as it is; no intermediate map.
                c -> new Idempotency.Outcome(200, c.decision()));
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
        EmailDecisions.CheckRequest request = new EmailDecisions.CheckRequest(leadId, email, purpose, template, at,
                Idempotency.keyOf(ctx));
        idempotency.<Decision>decide(ctx, memory -> emailDecisions.check(request, RequestActor.of(ctx), memory),
                d -> new Idempotency.Outcome(200, d));
    }
}
