package dev.outreach.web.console;

import dev.outreach.lead.Lead;
import dev.outreach.lead.Stage;
import dev.outreach.report.BlockedAttempt;
import dev.outreach.report.FollowUp;
import dev.outreach.report.FollowUpStatus;
import dev.outreach.report.Reports;
import dev.outreach.store.Leads;
import dev.outreach.template.TemplateCatalog;
import dev.outreach.template.TemplateInfo;
import dev.outreach.gateway.Role;
import dev.outreach.web.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /ui/follow-ups}: the follow-ups owed now, the signed-in rep's own (INTEGRATION and ADMIN:
 * every lead's, or one rep's). Filters by stage, status, rep and template, searches name, email and
 * company, sorts by any column and pages with a keyset cursor ({@link FollowUpListing}); times are
 * shown in UTC and in the viewer's zone.
 */
public final class FollowUpQueuePage {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;
    private static final List<String> PARAMS = List.of("stage", "status", "owner", "template", "q", "sort", "dir",
            "size");

    private final Pages pages;
    private final Reports reports;
    private final Leads leads;
    private final TemplateCatalog templates;

    public FollowUpQueuePage(Pages pages, Reports reports, Leads leads,
                             TemplateCatalog templates) {
        this.pages = pages;
        this.reports = reports;
        this.leads = leads;
        this.templates = templates;
    }

    public void register(ConsolePageTable routes) {
        routes.get("/ui/follow-ups", this::list, Role.REP);
    }

    private void list(Context ctx) {
        ConsoleSession s = ConsoleAccess.session(ctx);
        boolean rep = s.actor().role() == Role.REP;
        Map<String, String> values = values(ctx);
        String owner = rep ? s.actor().name() : blankToNull(values.get("owner"));
        List<String> errors = new ArrayList<>();
        Stage stage = enumValue(Stage.class, values.get("stage"), "Stage", errors);
        FollowUpStatus status = enumValue(FollowUpStatus.class, values.get("status"), "Status", errors);
        FollowUpListing.Sort sort = FollowUpListing.Sort.of(values.get("sort")).orElseGet(() -> {
            errors.add("Sort must be one of " + Arrays.toString(FollowUpListing.Sort.values()) + ".");
            return FollowUpListing.Sort.DEADLINE;
        });
        boolean descending = "desc".equalsIgnoreCase(values.get("dir"));
        int size = size(values.get("size"), errors);

        List<FollowUp> owed = reports.followUps(null, owner);
        Map<String, Lead> byId = new HashMap<>();
        leads.scan(owner, lead -> byId.put(lead.id(), lead));
        List<FollowUpListing.Row> all = owed.stream().map(f -> new FollowUpListing.Row(f, byId.get(f.leadId())))
                .toList();
        FollowUpListing.Filter filter = new FollowUpListing.Filter(stage, status, rep ? null : owner,
                values.get("template"), values.get("q"));
        FollowUpListing.Page page;
        String cursor = ctx.queryParam("cursor");
        try {
            page = FollowUpListing.page(all, filter, sort, descending, cursor, size);
        } catch (IllegalArgumentException e) {
            errors.add("The page position (cursor) is not one this console made; this is the first page.");
            cursor = null;
            page = FollowUpListing.page(all, filter, sort, descending, null, size);
        }
        ZoneId zone = ViewerTime.zone(ctx);
        Map<String, Object> model = ConsoleAccess.baseModel(s, ctx);
        model.put("followUps", page.rows().stream().map(r -> row(r, zone)).toList());
        model.put("matching", page.matching());
        model.put("total", owed.size());
        model.put("overdueCount", owed.stream().filter(f -> f.status() == FollowUpStatus.OVERDUE).count());
        model.put("dueCount", owed.stream().filter(f -> f.status() == FollowUpStatus.DUE).count());
        model.put("asOf", ViewerTime.of(reports.now(), zone));
        model.put("rep", rep);
        model.put("owner", RepConsoleText.text(owner));
        model.put("f", values);
        model.put("errors", errors);
        model.put("stages", Arrays.stream(Stage.values()).map(Enum::name).toList());
        model.put("statuses", Arrays.stream(FollowUpStatus.values()).map(Enum::name).toList());
        model.put("templateNames", templates.templates().stream().map(TemplateInfo::name).toList());
        model.put("sortLinks", sortLinks(values, sort, descending));
        model.put("nextUrl", page.nextCursor().isEmpty() ? "" : url(values, page.nextCursor()));
        model.put("firstUrl", cursor == null || cursor.isBlank() ? "" : url(values, ""));
        model.put("size", size);
        ctx.status(errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                .html(pages.render("console/follow-ups", model));
    }

    private static Map<String, String> values(Context ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String p : PARAMS) {
            String v = ctx.queryParam(p);
            values.put(p, v == null ? "" : v.strip());
        }
        return values;
    }

    /** Per column: the link that sorts by it (ascending, or flipped when it is the current sort) and its arrow. */
    private static Map<String, Map<String, String>> sortLinks(Map<String, String> values, FollowUpListing.Sort current,
                                                             boolean descending) {
        Map<String, Map<String, String>> links = new LinkedHashMap<>();
        for (FollowUpListing.Sort sort : FollowUpListing.Sort.values()) {
            Map<String, String> v = new LinkedHashMap<>(values);
            v.put("sort", sort.name().toLowerCase(Locale.ROOT));
            boolean flip = sort == current && !descending;
            v.put("dir", flip ? "desc" : "asc");
            String arrow = sort != current ? "" : descending ? " ▼" : " ▲";
            links.put(sort.name().toLowerCase(Locale.ROOT), Map.of("url", url(v, ""), "arrow", arrow,
                    "aria", sort != current ? "none" : descending ? "descending" : "ascending"));
        }
        return links;
    }

    private static String url(Map<String, String> values, String cursor) {
        StringBuilder q = new StringBuilder();
        values.forEach((k, v) -> {
            if (!v.isEmpty()) {
                q.append(q.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        if (!cursor.isEmpty()) {
            q.append(q.isEmpty() ? "" : "&").append("cursor=").append(cursor);
        }
        return "/ui/follow-ups" + (q.isEmpty() ? "" : "?" + q);
    }

    private static Map<String, Object> row(FollowUpListing.Row r, ZoneId zone) {
        FollowUp f = r.followUp();
        Lead lead = r.lead();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("leadId", f.leadId());
        m.put("elementId", RepConsoleText.elementId(f.leadId()));
        m.put("href", "/ui/follow-ups/" + RepConsoleText.segment(f.leadId()));
        m.put("name", r.name().isEmpty() ? f.leadId() : r.name());
        m.put("company", lead == null ? "" : RepConsoleText.text(lead.company()));
        m.put("email", lead == null ? "" : RepConsoleText.text(lead.email()));
        m.put("owner", RepConsoleText.text(f.owner()));
        m.put("stage", f.stage().name());
        m.put("template", RepConsoleText.text(f.template()));
        m.put("channel", f.channel() == null ? "" : f.channel().name());
        m.put("deadline", ViewerTime.of(f.deadline(), zone));
        m.put("status", f.status().name());
        m.put("overdue", f.status() == FollowUpStatus.OVERDUE);
        m.put("overdueBy", RepConsoleText.duration(f.overdueBy()));
        m.put("blocked", blocked(f.blocked(), zone));
        return m;
    }

    private static Map<String, Object> blocked(BlockedAttempt b, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (b == null) {
            return m;
        }
        m.put("at", ViewerTime.of(b.at(), zone));
        m.put("rules", String.join(", ", b.rules()));
        m.put("canGo", b.nextAllowedAt() != null ? "can go from " + RepConsoleText.when(b.nextAllowedAt())
                : "can go once the cause is lifted (not time-based)");
        return m;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String raw, String label, List<String> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(label + " must be one of " + Arrays.toString(type.getEnumConstants()) + ".");
            return null;
        }
    }

    private static int size(String raw, List<String> errors) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_SIZE;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= MAX_SIZE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add("Rows per page must be a number from 1 to " + MAX_SIZE + ".");
        return DEFAULT_SIZE;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
