package dev.outreach.web.console;

import dev.outreach.gateway.Role;
import dev.outreach.web.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Map;

/**
 * The console's own routes: sign-in with an API key, sign-out, and the home page that sends each
 * role to its pages. Feature pages register themselves beside these.
 */
public final class ConsoleRoutes {

    private final ConsoleAccess access;
    private final Pages pages;

    public ConsoleRoutes(ConsoleAccess access, Pages pages) {
        this.access = access;
        this.pages = pages;
    }

    public void register(ConsolePageTable routes) {
        routes.before(access::before);
        routes.get("/ui", this::home, Role.REP, Role.COMPLIANCE);
        routes.get("/ui/sign-in", ctx -> ctx.html(pages.render("console/sign-in", Map.of("error", ""))));
        routes.post("/ui/sign-in", this::signIn);
        routes.post("/ui/sign-out", ctx -> {
            access.signOut(ctx);
            ctx.redirect("/ui/sign-in", HttpStatus.SEE_OTHER);
        });
    }

    private void home(Context ctx) {
        Role role = ConsoleAccess.session(ctx).actor().role();
        ctx.redirect(role == Role.COMPLIANCE ? "/ui/audit" : "/ui/follow-ups", HttpStatus.SEE_OTHER);
    }

    private void signIn(Context ctx) {
        String key = ctx.formParam("apiKey");
        ConsoleAccess.SignIn outcome = access.signIn(ctx, key);
        if (outcome instanceof ConsoleAccess.SignIn.Throttled throttled) {
            long seconds = Math.max(1, throttled.retryAfter().toSeconds() + 1);
            ctx.header("Retry-After", String.valueOf(seconds));
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).html(pages.render("console/sign-in", Map.of("error",
                    "Too many failed sign-ins from this address. Try again in " + seconds + " seconds.")));
        } else if (outcome instanceof ConsoleAccess.SignIn.Refused) {
            ctx.status(HttpStatus.UNAUTHORIZED).html(pages.render("console/sign-in",
                    Map.of("error", "That API key is not valid.")));
        } else {
            ctx.redirect("/ui", HttpStatus.SEE_OTHER);
        }
    }
}
