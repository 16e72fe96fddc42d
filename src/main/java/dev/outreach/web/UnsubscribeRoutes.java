package dev.outreach.web;

import dev.outreach.gateway.CategoryPreferences;
import dev.outreach.gateway.Unsubscribing;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /u/{token}}, reached from the message itself, without authentication.
 * GET shows a confirmation page and changes nothing, because mail scanners prefetch links; when
 * templates carry categories it also shows the preference centre.
 * POST unsubscribes: the RFC 8058 one-click body {@code List-Unsubscribe=One-Click} from a mailbox
 * provider, or the page's own form. The suppression is committed before the 200, and the answer is
 * never a redirect (RFC 8058 §3.2). {@code POST /u/{token}/preferences} keeps the ticked categories
 * ({@code receive}) and opts down from the others, durably before it answers.
 * Every page is in the person's language ({@link PageLanguage}).
 */
final class UnsubscribeRoutes {

    private final Unsubscribing unsubscribing;
    private final CategoryPreferences preferences;
    private final Pages pages;
    private final String senderName;

    UnsubscribeRoutes(Unsubscribing unsubscribing, CategoryPreferences preferences, Pages pages, String senderName) {
        this.unsubscribing = unsubscribing;
        this.preferences = preferences;
        this.pages = pages;
        this.senderName = senderName;
    }

    void register(RouteTable routes) {
        routes.get("/u/{token}", this::confirmPage);
        routes.post("/u/{token}", this::unsubscribe);
        routes.post("/u/{token}/preferences", this::choose);
    }

    private void confirmPage(Context ctx) {
        noStore(ctx);
        String token = ctx.pathParam("token");
        Map<String, String> t = texts(ctx, token);
        Optional<Set<String>> optedOut = preferences.current(token);
        if (!unsubscribing.isValid(token) || optedOut.isEmpty()) {
            unknown(ctx, t);
            return;
        }
        List<Map<String, Object>> categories = new ArrayList<>();
        for (String category : preferences.categories()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", category);
            c.put("label", label(t, category));
            c.put("receiving", !optedOut.get().contains(category));
            categories.add(c);
        }
        ctx.html(pages.render("unsubscribe-confirm", Map.of("t", t, "senderName", senderName,
                "action", "/u/" + token, "categories", categories)));
    }

    private void unsubscribe(Context ctx) {
        noStore(ctx);
        String token = ctx.pathParam("token");
        String via = "List-Unsubscribe=One-Click".equals(ctx.body().trim()) ? "one-click" : "unsubscribe-page";
        if (!unsubscribing.unsubscribe(token, via)) {
            unknown(ctx, texts(ctx, token));
            return;
        }
        ctx.status(200).html(pages.render("unsubscribe-done", Map.of("t", texts(ctx, token),
                "senderName", senderName)));
    }

    private void choose(Context ctx) {
        noStore(ctx);
        String token = ctx.pathParam("token");
        Map<String, String> t = texts(ctx, token);
        Set<String> receive = new LinkedHashSet<>(ctx.formParams("receive"));
        List<String> known = preferences.categories();
        List<String> unknownCategories = receive.stream().filter(c -> !known.contains(c)).toList();
        if (!unknownCategories.isEmpty()) {
            throw ProblemException.badRequest("receive", "unknown category " + unknownCategories
                    + "; known: " + known);
        }
        Set<String> optOut = new LinkedHashSet<>(known);
        optOut.removeAll(receive);
        if (!preferences.choose(token, optOut, "preference-centre")) {
            unknown(ctx, t);
            return;
        }
        List<String> labels = optOut.stream().map(c -> label(t, c)).toList();
        ctx.status(200).html(pages.render("unsubscribe-preferences-saved", Map.of("t", t,
                "senderName", senderName, "optedOut", labels)));
    }

    private void unknown(Context ctx, Map<String, String> t) {
        ctx.status(404).html(pages.render("unsubscribe-unknown", Map.of("t", t)));
    }

    /** The person's language: the lead's country first, then the browser's Accept-Language. */
    private Map<String, String> texts(Context ctx, String token) {
        String country = unsubscribing.recipientCountry(token).orElse(null);
        return PageLanguage.texts(PageLanguage.choose(country, ctx.header("Accept-Language")));
    }

    private static String label(Map<String, String> t, String category) {
        return t.getOrDefault("category." + category, category);
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Vary", "Accept-Language");
    }
}
