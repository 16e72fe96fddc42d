package dev.outreach.web.console;

import dev.outreach.suppression.LoadedList;
import dev.outreach.suppression.NationalDncLoad;
import dev.outreach.suppression.NationalDncRegistry;
import dev.outreach.suppression.RejectedLine;
import dev.outreach.suppression.SuppressionLists;
import dev.outreach.gateway.Role;
import dev.outreach.web.Pages;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /ui/lists}: the suppression list files in force (entries, rejected lines, fingerprint,
 * age) and the national Do Not Call registry download, whose absence or age blocks every
 * telephone solicitation, so it is flagged prominently.
 */
public final class ListPages {

    /** Older data is flagged stale; the TCPA allows registry data at most 31 days old. */
    static final long STALE_AFTER_DAYS = 31;
    /** Rejected lines shown per list; the load report keeps the first 100. */
    static final int REJECTED_SHOWN = 5;

    private final Pages pages;
    private final SuppressionLists lists;
    private final NationalDncRegistry registry;
    private final Clock clock;

    public ListPages(Pages pages, SuppressionLists lists, NationalDncRegistry registry,
                     Clock clock) {
        this.pages = pages;
        this.lists = lists;
        this.registry = registry;
        this.clock = clock;
    }

    public void register(ConsolePageTable routes) {
        routes.get("/ui/lists", this::lists, Role.COMPLIANCE);
    }

    private void lists(Context ctx) {
        ConsoleSession s = ConsoleAccess.session(ctx);
        Map<String, Object> model = ConsoleAccess.baseModel(s);
        Instant now = clock.instant();
        model.put("now", now.toString());
        model.put("staleDays", STALE_AFTER_DAYS);
        model.put("lists", lists.lists().stream().map(l -> view(l, now)).toList());
        model.put("registry", registry(now));
        ctx.html(pages.render("console/lists", model));
    }

    private static Map<String, Object> view(LoadedList l, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.name());
        m.put("kind", l.kind().name());
        m.put("status", l.status().name());
        m.put("entries", l.entries());
        m.put("rejectedLines", l.rejectedLines());
        m.put("firstRejected", rejected(l.firstRejectedLines()));
        m.put("sha256", l.sha256() == null ? "" : l.sha256());
        m.put("loadedAt", l.loadedAt().toString());
        m.put("asOf", l.asOf() == null ? "" : l.asOf().toString());
        m.put("ageDays", l.asOf() == null ? "" : Long.toString(Duration.between(l.asOf(), now).toDays()));
        m.put("stale", l.asOf() == null || l.asOf().isBefore(now.minus(Duration.ofDays(STALE_AFTER_DAYS))));
        m.put("detail", l.detail() == null ? "" : l.detail());
        return m;
    }

    private static List<Map<String, String>> rejected(List<RejectedLine> lines) {
        List<Map<String, String>> out = new ArrayList<>();
        for (RejectedLine r : lines.subList(0, Math.min(REJECTED_SHOWN, lines.size()))) {
            out.add(Map.of("line", Long.toString(r.lineNumber()), "reason", r.reason()));
        }
        return out;
    }

    /**
     * The registry download in force. Its age counts days to today's date in UTC, as the freshness
     * rule ({@code tcpa.dnc-data-fresh}) counts them, so the warning appears exactly when calls start
     * to be blocked.
     */
    private Map<String, Object> registry(Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        NationalDncLoad load = registry.status();
        LocalDate asOf = registry.asOf();
        long age = asOf == null ? -1 : ChronoUnit.DAYS.between(asOf, LocalDate.ofInstant(now, ZoneOffset.UTC));
        m.put("asOf", asOf == null ? "" : asOf.toString());
        m.put("ageDays", age);
        m.put("missing", asOf == null);
        m.put("stale", asOf != null && age > STALE_AFTER_DAYS);
        m.put("status", load == null ? "" : load.status());
        m.put("numbers", load == null ? 0L : load.numbers());
        m.put("rejectedLines", load == null ? 0L : load.rejectedLines());
        m.put("firstRejected", load == null ? List.of() : rejected(load.firstRejectedLines()));
        m.put("files", load == null ? List.of() : load.files());
        m.put("sha256", load == null || load.sha256() == null ? "" : load.sha256());
        m.put("loadedAt", load == null || load.loadedAt() == null ? "" : load.loadedAt().toString());
        m.put("detail", load == null || load.detail() == null ? "" : load.detail());
        return m;
    }
}
