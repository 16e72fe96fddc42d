package dev.outreach.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.contact.PhoneNumbers;
import dev.outreach.gateway.InboundTexts;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.outreach.gateway.Role.INTEGRATION;

/**
 * {@code POST /api/v1/sms/inbound}: the carrier's webhook for texts people send us. A revocation
 * (or a text flagged for review) is durable before the 200.
 */
final class InboundSmsRoutes {

    private static final int MAX_BODY = 5_000;

    private final InboundTexts texts;
    private final ObjectMapper json;
    private final Idempotency idempotency;
    private final String defaultPhoneRegion;

    InboundSmsRoutes(InboundTexts texts, ObjectMapper json, Idempotency idempotency, String defaultPhoneRegion) {
        this.texts = texts;
        this.json = json;
        this.idempotency = idempotency;
        this.defaultPhoneRegion = defaultPhoneRegion;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/sms/inbound", this::receive, INTEGRATION);
    }

    private void receive(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        String from = body.convert("from", body.requiredText("from"), raw -> PhoneNumbers.toE164(raw, defaultPhoneRegion));
        String to = body.text("to");
        if (to != null && (to.length() > 32 || to.chars().anyMatch(c -> c < 0x20))) {
            body.error("to", "must be our number or short code: at most 32 characters without control characters");
        }
        String message = body.text("body");
        if (message != null && message.length() > MAX_BODY) {
            body.error("body", "must be at most " + MAX_BODY + " characters");
        }
        body.validate();
        idempotency.respond(ctx, () -> new Idempotency.Outcome(200,
                view(texts.receive(from, message, RequestActor.of(ctx)))));
    }

    private static Map<String, Object> view(InboundTexts.Received r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("revoked", r.revoked());
        m.put("reading", r.reading().name());
        m.put("matched", r.matched());
        m.put("revokedAt", r.revokedAt());
        m.put("confirmationAllowedUntil", r.confirmationAllowedUntil());
        m.put("confirmationsAllowed", r.revoked() ? 1 : 0);
        m.put("reviewId", r.review() == null ? null : r.review().id());
        m.put("reviewStatus", r.review() == null ? null : r.review().status());
        return m;
    }
}
