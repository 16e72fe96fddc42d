package dev.outreach.web.console;

import dev.outreach.gateway.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Registers the console's pages with the roles that may open them, as the API's routes declare
 * theirs, and remembers them (a test walks every page). {@link ConsoleAccess#before} reads the
 * roles of the matched page and admits, redirects to sign-in, or refuses before the page runs.
 */
public final class ConsolePageTable {

    /** One registered page; {@code roles} empty means it is open without signing in. */
    public record Page(String method, String path, Set<Role> roles) {
    }

    /** The gateway's role as a Javalin route role on a console page: needs a signed-in session with it. */
    record PageRole(Role role) implements RouteRole {
    }

    private final RoutesConfig routes;
    private final List<Page> registered = new ArrayList<>();

    public ConsolePageTable(RoutesConfig routes) {
        this.routes = routes;
    }

    public void get(String path, Handler handler, Role... roles) {
        add(HandlerType.GET, path, handler, roles);
    }

    public void post(String path, Handler handler, Role... roles) {
        add(HandlerType.POST, path, handler, roles);
    }

    /** The console's own before-handler, for every page under {@code /ui}. */
    void before(Handler handler) {
        routes.beforeMatched("/ui", handler);
        routes.beforeMatched("/ui/*", handler);
    }

    public List<Page> registered() {
        return List.copyOf(registered);
    }

    /** The roles the matched page was registered with; empty for an open page. */
    static Set<Role> required(io.javalin.http.Context ctx) {
        Set<Role> out = EnumSet.noneOf(Role.class);
        ctx.routeRoles().forEach(r -> {
            if (r instanceof PageRole p) {
                out.add(p.role());
            }
        });
        return out;
    }

    private void add(HandlerType method, String path, Handler handler, Role... roles) {
        routes.addHttpHandler(method, path, handler,
                Arrays.stream(roles).map(PageRole::new).toArray(RouteRole[]::new));
        registered.add(new Page(method.name(), path, roles.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(roles))));
    }
}
