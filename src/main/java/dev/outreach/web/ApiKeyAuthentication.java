package dev.outreach.web;

import dev.outreach.gateway.Role;
import dev.outreach.gateway.AccessKeys;
import dev.outreach.gateway.Actor;
import dev.outreach.store.ApiKey;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.util.Optional;
import java.util.Set;

/**
 * Runs before every matched route: routes declared with roles need {@code Authorization: Bearer
 * <key>}; a missing or unknown key is 401, a key whose role is not enough is 403.
 */
final class ApiKeyAuthentication implements Handler {

    private final AccessKeys keys;

    ApiKeyAuthentication(AccessKeys keys) {
        this.keys = keys;
    }

    @Override
    public void handle(Context ctx) {
        Set<Role> required = KeyRole.required(ctx);
        if (required.isEmpty()) {
            return;
        }
        ApiKey key = bearer(ctx).flatMap(keys::authenticate)
                .orElseThrow(() -> ProblemException.unauthorized("missing or unknown API key (Authorization: Bearer <key>)"));
        Role role = Role.parse(key.role()).orElseThrow(() -> ProblemException.forbidden("key has no valid role"));
        boolean allowed = required.stream().anyMatch(role::satisfies);
        if (!allowed) {
            throw ProblemException.forbidden("this route needs one of the roles " + required + "; the key is " + role);
        }
        RequestActor.set(ctx, new Actor.KeyHolder(key.id(), key.name(), role));
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim());
    }
}
