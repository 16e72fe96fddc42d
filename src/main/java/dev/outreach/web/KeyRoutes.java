package dev.outreach.web;

import dev.outreach.gateway.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.gateway.AccessKeys;
import dev.outreach.store.ApiKey;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.outreach.gateway.Role.ADMIN;

/** {@code /api/v1/keys} (ADMIN): the key is shown once at creation; only its hash is stored. */
final class KeyRoutes {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    private final AccessKeys keys;
    private final ObjectMapper json;

    KeyRoutes(AccessKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/keys", this::create, ADMIN);
        routes.get("/api/v1/keys", this::list, ADMIN);
        routes.delete("/api/v1/keys/{id}", this::revoke, ADMIN);
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        String name = body.requiredText("name");
        Role role = body.requiredEnum("role", Role.class);
        if (name != null && !NAME.matcher(name).matches()) {
            body.error("name", "must be 1-100 characters of letters, digits, '.', '_', '@' or '-' (a REP key's name is the rep id)");
        }
        body.validate();
        AccessKeys.Issued issued = keys.issue(name, role.name(), RequestActor.of(ctx));
        Map<String, Object> out = view(issued.record());
        out.put("key", issued.plaintext());
        ctx.status(201).json(out);
    }

    private void list(Context ctx) {
        ctx.json(Map.of("keys", keys.list().stream().map(KeyRoutes::view).toList()));
    }

    private void revoke(Context ctx) {
        if (!keys.revoke(ctx.pathParam("id"), RequestActor.of(ctx))) {
            throw ProblemException.notFound("key");
        }
        ctx.status(204);
    }

    private static Map<String, Object> view(ApiKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("name", k.name());
        m.put("role", k.role());
        m.put("createdAt", k.createdAt());
        m.put("revokedAt", k.revokedAt());
        return m;
    }
}
