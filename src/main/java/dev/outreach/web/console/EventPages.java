package dev.outreach.web.console;

import dev.outreach.store.EventDelivery;
import dev.outreach.store.EventSubscription;
import dev.outreach.store.EventSubscriptions;
import dev.outreach.gateway.Role;
import dev.outreach.web.Pages;
import io.javalin.http.Context;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /ui/events} (ADMIN): the event subscriptions and their newest deliveries with attempts,
 * last answer and next attempt, so an administrator sees a receiver that keeps failing.
 */
public final class EventPages {

    static final int SHOWN = 100;

    private final Pages pages;
    private final EventSubscriptions subscriptions;

    public EventPages(Pages pages, EventSubscriptions subscriptions) {
        this.pages = pages;
        this.subscriptions = subscriptions;
    }

    public void register(ConsolePageTable routes) {
        routes.get("/ui/events", this::page, Role.ADMIN);
    }

    private void page(Context ctx) {
        ConsoleSession s = ConsoleAccess.session(ctx);
        ZoneId zone = ViewerTime.zone(ctx);
        Map<String, Object> model = ConsoleAccess.baseModel(s, ctx);
        List<EventSubscription> active = subscriptions.active();
        String chosen = ctx.queryParam("subscription");
        String filter = active.stream().anyMatch(a -> a.id().equals(chosen)) ? chosen : null;
        model.put("subscriptions", active.stream().map(a -> subscription(a, zone)).toList());
        model.put("chosen", filter == null ? "" : filter);
        model.put("deliveries", subscriptions.recent(filter, SHOWN).stream().map(d -> delivery(d, zone)).toList());
        model.put("shown", SHOWN);
        ctx.html(pages.render("console/events", model));
    }

    private static Map<String, Object> subscription(EventSubscription s, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("url", s.url());
        m.put("events", String.join(", ", s.events()));
        m.put("createdAt", ViewerTime.of(s.createdAt(), zone));
        m.put("createdBy", s.createdBy());
        return m;
    }

    private static Map<String, Object> delivery(EventDelivery d, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("subscriptionId", d.subscriptionId());
        m.put("type", d.eventType());
        m.put("status", d.status());
        m.put("attempts", d.attempts());
        m.put("createdAt", ViewerTime.of(d.createdAt(), zone));
        m.put("lastAttemptAt", ViewerTime.of(d.lastAttemptAt(), zone));
        m.put("nextAttemptAt", EventDelivery.PENDING.equals(d.status()) ? ViewerTime.of(d.nextAttemptAt(), zone)
                : ViewerTime.of(null, zone));
        m.put("lastStatus", d.lastStatus() == null ? "" : d.lastStatus().toString());
        m.put("lastError", d.lastError() == null ? "" : d.lastError());
        return m;
    }
}
