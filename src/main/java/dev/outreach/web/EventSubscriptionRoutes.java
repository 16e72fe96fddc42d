package dev.outreach.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.events.EventSubscribing;
import dev.outreach.store.EventSubscription;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.outreach.gateway.Role.ADMIN;

/**
 * {@code /api/v1/event-subscriptions} (ADMIN): subscribe a URL to events, list, end. The signing
 * secret is shown once, in the answer to the POST; listings never carry it.
 */
final class EventSubscriptionRoutes {

    private final EventSubscribing subscribing;
    private final ObjectMapper json;

    EventSubscriptionRoutes(EventSubscribing subscribing, ObjectMapper json) {
        this.subscribing = subscribing;
        this.json = json;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/event-subscriptions", this::create, ADMIN);
        routes.get("/api/v1/event-subscriptions", this::list, ADMIN);
        routes.delete("/api/v1/event-subscriptions/{id}", this::delete, ADMIN);
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        String url = body.requiredText("url");
        String secret = body.text("secret");
        List<String> events = new ArrayList<>();
        JsonNode given = body.node("events");
        if (given == null || !given.isArray()) {
            body.error("events", "is required: a list of decision, delivery, bounce, complaint, unsubscribe, consent, "
                    + "erasure");
        } else {
            given.forEach(e -> {
                if (e.isTextual()) {
                    events.add(e.asText());
                } else {
                    body.error("events", "must be a list of strings");
                }
            });
        }
        body.validate();
        EventSubscription s = subscribing.subscribe(url, events, secret, RequestActor.of(ctx));
        Map<String, Object> out = view(s);
        out.put("secret", s.secret());
        ctx.status(201).json(out);
    }

    private void list(Context ctx) {
        ctx.json(Map.of("subscriptions", subscribing.list().stream().map(EventSubscriptionRoutes::view).toList()));
    }

    private void delete(Context ctx) {
        if (!subscribing.unsubscribe(ctx.pathParam("id"), RequestActor.of(ctx))) {
            throw ProblemException.notFound("event subscription");
        }
        ctx.status(204);
    }

    private static Map<String, Object> view(EventSubscription s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("url", s.url());
        m.put("events", s.events());
        m.put("createdAt", s.createdAt());
        m.put("createdBy", s.createdBy());
        return m;
    }
}
