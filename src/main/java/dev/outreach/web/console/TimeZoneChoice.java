package dev.outreach.web.console;

import dev.outreach.gateway.Role;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * {@code POST /ui/time-zone}: remembers the viewer's time zone in a cookie (a year) and returns to
 * the page the form was on. Only console paths are returned to, never another site.
 */
public final class TimeZoneChoice {

    private static final int ONE_YEAR = 365 * 24 * 3600;

    private final boolean secureCookie;

    public TimeZoneChoice(boolean secureCookie) {
        this.secureCookie = secureCookie;
    }

    public void register(ConsolePageTable routes) {
        routes.post("/ui/time-zone", this::choose, Role.REP, Role.COMPLIANCE);
    }

    private void choose(Context ctx) {
        ConsoleSession s = ConsoleAccess.session(ctx);
        String zone = ctx.formParam("tz");
        if (!ViewerTime.isZone(zone)) {
            ctx.status(HttpStatus.BAD_REQUEST).html("tz: not a time zone; choose one from the list.");
            return;
        }
        ctx.header("Set-Cookie", ViewerTime.COOKIE + "=" + zone.strip() + "; Path=/ui; Max-Age=" + ONE_YEAR
                + "; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : ""));
        String back = ctx.formParam("back");
        ctx.redirect(back != null && back.startsWith("/ui") && !back.startsWith("//") && !back.contains("\\")
                ? back : "/ui", HttpStatus.SEE_OTHER);
    }
}
