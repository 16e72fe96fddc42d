package dev.outreach.web;

import dev.outreach.gateway.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Registers routes and remembers them, so the served OpenAPI document can be checked against
 * what the server really answers (a test compares the two).
 */
public final class RouteTable {

    /** One registered route; {@code roles} empty means no API key is needed. */
    public record Route(String method, String path, Set<Role> roles) {
    }

    private final RoutesConfig routes;
    private final List<Route> registered = new ArrayList<>();

    public RouteTable(RoutesConfig routes) {
        this.routes = routes;
    }

    public void get(String path, Handler handler, Role... roles) {
        add(HandlerType.GET, path, handler, roles);
    }

    public void post(String path, Handler handler, Role... roles) {
        add(HandlerType.POST, path, handler, roles);
    }

    public void patch(String path, Handler handler, Role... roles) {
        add(HandlerType.PATCH, path, handler, roles);
    }

    public void delete(String path, Handler handler, Role... roles) {
        add(HandlerType.DELETE, path, handler, roles);
    }

    private void add(HandlerType method, String path, Handler handler, Role... roles) {
        routes.addHttpHandler(method, path, handler, KeyRole.of(roles));
        registered.add(new Route(method.name(), path, Set.of(roles)));
    }

    /** The underlying routes, for pages outside the API contract (the console under /ui). */
    public RoutesConfig routes() {
        return routes;
    }

    public List<Route> registered() {
        return List.copyOf(registered);
    }
}
