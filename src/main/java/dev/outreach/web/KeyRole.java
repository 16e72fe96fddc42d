package dev.outreach.web;

import dev.outreach.gateway.Role;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The gateway's {@link Role} as Javalin sees it on an API route: the route needs an API key
 * ({@code Authorization: Bearer}) with one of these roles. The only place {@code web} turns roles into
 * Javalin's type and back ({@link RouteTable} declares, {@link ApiKeyAuthentication} enforces).
 */
record KeyRole(Role role) implements RouteRole {

    static RouteRole[] of(Role... roles) {
        return Arrays.stream(roles).map(KeyRole::new).toArray(RouteRole[]::new);
    }

    /** The roles the matched route was declared with; empty when it needs no key. */
    static Set<Role> required(Context ctx) {
        Set<Role> out = EnumSet.noneOf(Role.class);
        ctx.routeRoles().forEach(r -> {
            if (r instanceof KeyRole k) {
                out.add(k.role());
            }
        });
        return out;
    }
}
