package dev.outreach.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.gateway.PhoneTouches;
import dev.outreach.store.Touch;
import dev.outreach.policy.Channel;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.outreach.gateway.Role.INTEGRATION;
import static dev.outreach.gateway.Role.REP;

/**
 * {@code /api/v1/calls} and {@code /api/v1/sms}: clearance before a call or text is made, and
 * call outcomes. A blocked touch is a 200 with decision BLOCK; an allowed one carries its id.
 */
final class CallRoutes {

    private static final int MAX_TEXT_LENGTH = 1600;

    private final PhoneTouches touches;
    private final ObjectMapper json;
    private final Idempotency idempotency;

    CallRoutes(PhoneTouches touches, ObjectMapper json, Idempotency idempotency) {
        this.touches = touches;
        this.json = json;
        this.idempotency = idempotency;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/calls", this::clearCall, REP, INTEGRATION);
        routes.post("/api/v1/calls/{callId}/outcome", this::outcome, REP, INTEGRATION);
        routes.post("/api/v1/sms", this::clearText, REP, INTEGRATION);
    }

    private void clearCall(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        PhoneTouches.Request request = PhoneRequests.read(body, Channel.CALL, false, Idempotency.keyOf(ctx));
        idempotency.<PhoneTouches.Clearance>decide(ctx, memory -> touches.clear(request, RequestActor.of(ctx), memory),
                c -> clearance(c, "callId"));
    }

    private void clearText(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        String text = body.requiredText("body");
        if (text != null && (text.length() > MAX_TEXT_LENGTH
                || text.chars().anyMatch(c -> c < 0x20 && c != '\n'))) {
            body.error("body", "must be at most " + MAX_TEXT_LENGTH + " characters, without control characters");
        }
        PhoneTouches.Request request = PhoneRequests.read(body, Channel.SMS, false, Idempotency.keyOf(ctx));
        idempotency.<PhoneTouches.Clearance>decide(ctx, memory -> touches.clear(request, RequestActor.of(ctx), memory),
                c -> clearance(c, "textId"));
    }

    /** The decision, and the id of the allowed call or text under {@code idField}. */
    private Idempotency.Outcome clearance(PhoneTouches.Clearance c, String idField) {
        Map<String, Object> out = DecisionView.of(c.decision(), json);
        if (c.touchId() != null) {
            out.put(idField, c.touchId());
        }
        return new Idempotency.Outcome(200, out);
    }

    private void outcome(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        String outcome = body.requiredText("outcome");
        if (outcome != null && !PhoneTouches.CALL_OUTCOMES.contains(outcome)) {
            body.error("outcome", "must be one of " + PhoneTouches.CALL_OUTCOMES);
        }
        Integer duration = body.integer("durationSeconds");
        if (duration != null && duration < 0) {
            body.error("durationSeconds", "must not be negative");
        }
        String notes = body.text("notes");
        if (notes != null && notes.length() > 4000) {
            body.error("notes", "must be at most 4000 characters");
        }
        body.validate();
        idempotency.respond(ctx, () -> {
            Touch call = touches.recordOutcome(ctx.pathParam("callId"), outcome, duration, notes, RequestActor.of(ctx));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("callId", call.id());
            out.put("outcome", outcome);
            out.put("companyDnc", outcome.equals("DNC_REQUESTED"));
            return new Idempotency.Outcome(200, out);
        });
    }
}
