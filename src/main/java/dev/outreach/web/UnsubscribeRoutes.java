package dev.outreach.web;

import dev.outreach.gateway.Unsubscribing;
import io.javalin.http.Context;

import java.util.Map;

/**
 * {@code /u/{token}}, reached from the message itself, without authentication.
 * GET shows a confirmation page and changes nothing, because mail scanners prefetch links.
 * POST unsubscribes: the RFC 8058 one-click body {@code List-Unsubscribe=One-Click} from a mailbox
 * provider, or the page's own form. The suppression is committed before the 200, and the answer is
 * never a redirect (RFC 8058 §3.2).
 */
final class UnsubscribeRoutes {

    private final Unsubscribing unsubscribing;
    private final Pages pages;
    private final String senderName;

    UnsubscribeRoutes(Unsubscribing unsubscribing, Pages pages, String senderName) {
        this.unsubscribing = unsubscribing;
        this.pages = pages;
        this.senderName = senderName;
    }

    void register(RouteTable routes) {
        routes.get("/u/{token}", this::confirmPage);
        routes.post("/u/{token}", this::unsubscribe);
    }

    private void confirmPage(Context ctx) {
        noStore(ctx);
        String token = ctx.pathParam("token");
        if (!unsubscribing.isValid(token)) {
            ctx.status(404).html(pages.render("unsubscribe-unknown", Map.of()));
            return;
        }
        ctx.html(pages.render("unsubscribe-confirm", Map.of("senderName", senderName, "action", "/u/" + token)));
    }

    private void unsubscribe(Context ctx) {
        noStore(ctx);
        String via = "List-Unsubscribe=One-Click".equals(ctx.body().trim()) ? "one-click" : "unsubscribe-page";
        if (!unsubscribing.unsubscribe(ctx.pathParam("token"), via)) {
            ctx.status(404).html(pages.render("unsubscribe-unknown", Map.of()));
            return;
        }
        ctx.status(200).html(pages.render("unsubscribe-done", Map.of("senderName", senderName)));
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
    }
}
