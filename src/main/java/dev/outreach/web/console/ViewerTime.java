package dev.outreach.web.console;

import io.javalin.http.Context;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The time zone a console viewer chose (remembered in a cookie; UTC until one is chosen), and
 * instants shown in it beside UTC, which stays the reference every export and API uses.
 */
final class ViewerTime {

    static final String COOKIE = "og_tz";
    /** Offered in the picker; any other IANA zone the viewer chose is offered too. */
    static final List<String> COMMON = List.of("UTC", "America/Los_Angeles", "America/Denver", "America/Chicago",
            "America/New_York", "America/Sao_Paulo", "Europe/London", "Europe/Dublin", "Europe/Lisbon",
            "Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam", "Europe/Brussels",
            "Europe/Zurich", "Europe/Helsinki", "Africa/Johannesburg", "Asia/Dubai", "Asia/Kolkata",
            "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm z",
            Locale.ENGLISH);

    private ViewerTime() {
    }

    /** The viewer's zone from the cookie; UTC when none or an unknown one is set. */
    static ZoneId zone(Context ctx) {
        return parse(ctx.cookie(COOKIE));
    }

    static ZoneId parse(String id) {
        if (id == null || id.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    static boolean isZone(String id) {
        try {
            ZoneId.of(id);
            return true;
        } catch (DateTimeException | NullPointerException e) {
            return false;
        }
    }

    /** {@code utc}, {@code local} (empty when the viewer's zone is UTC) and {@code iso} of an instant; all empty for null. */
    static Map<String, String> of(Instant at, ZoneId zone) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("utc", at == null ? "" : UTC.format(at));
        m.put("local", at == null || zone.normalized().equals(ZoneOffset.UTC) ? "" : LOCAL.format(at.atZone(zone)));
        m.put("iso", at == null ? "" : at.toString());
        return m;
    }

    /** What the layout's zone picker needs. */
    static void addTo(Map<String, Object> model, Context ctx) {
        ZoneId zone = zone(ctx);
        List<String> choices = new ArrayList<>(COMMON);
        String id = zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
        if (!choices.contains(id)) {
            choices.add(id);
        }
        model.put("tz", id);
        model.put("tzChoices", choices);
        String query = ctx.queryString();
        model.put("here", ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query));
    }
}
