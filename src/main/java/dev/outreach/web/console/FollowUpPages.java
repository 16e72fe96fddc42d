package dev.outreach.web.console;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.outreach.gateway.ResponseMemory;
import dev.outreach.gateway.email.EmailAttempts;
import dev.outreach.gateway.email.EmailDecisions;
import dev.outreach.gateway.Funnel;
import dev.outreach.gateway.RejectedRequest;
import dev.outreach.lead.Lead;
import dev.outreach.policy.Decision;
import dev.outreach.report.BlockedAttempt;
import dev.outreach.report.FollowUp;
import dev.outreach.report.FollowUpStatus;
import dev.outreach.report.Reports;
import dev.outreach.template.MissingTemplateFieldException;
import dev.outreach.template.RenderedMessage;
import dev.outreach.template.SenderIdentity;
import dev.outreach.template.TemplateCatalog;
import dev.outreach.template.TemplateInfo;
import dev.outreach.template.TemplateRenderException;
import dev.outreach.gateway.Role;
import dev.outreach.web.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rep console's follow-ups (the list of what the signed-in rep owes, {@code GET /ui/follow-ups},
 * is {@link FollowUpQueuePage}): one follow-up with its rendered preview and the live compliance decision
 * ({@code GET /ui/follow-ups/{leadId}}; a POST re-renders it with the fields typed so far), and the
 * send ({@code POST /ui/follow-ups/{leadId}/send}), which goes through {@link EmailDecisions#send}
 * exactly as {@code POST /api/v1/emails} does. A REP sees and acts on its own leads only;
 * INTEGRATION and ADMIN see every lead.
 *
 * <p>Every send form carries a one-time token: sending the same form twice (a double click, a
 * reload of the result) shows the first result again and sends nothing more.
 */
public final class FollowUpPages {

    /** The unsubscribe link shown in previews; the real, per-recipient link is made when the message is sent. */
    static final String PREVIEW_UNSUBSCRIBE_URL = "https://unsubscribe.example/preview";
    /** Form fields carrying template data are named {@code data.<field>}, apart from csrf and the rest. */
    static final String FIELD_PREFIX = "data.";
    private static final int MAX_FIELD_LENGTH = 5_000;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9-]{16,64}");

    private final Pages pages;
    private final Reports reports;
    private final Funnel funnel;
    private final TemplateCatalog templates;
    private final SenderIdentity sender;
    private final EmailDecisions decisions;
    /** Results of sends already made, by session, lead and form token. */
    private final Cache<String, EmailDecisions.Sent> sent = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(8)).maximumSize(20_000).build();
    private final Cache<String, Object> locks = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    public FollowUpPages(Pages pages, Reports reports, Funnel funnel, TemplateCatalog templates,
                         SenderIdentity sender, EmailDecisions decisions) {
        this.pages = pages;
        this.reports = reports;
        this.funnel = funnel;
        this.templates = templates;
        this.sender = sender;
        this.decisions = decisions;
    }

    public void register(ConsolePageTable routes) {
        routes.get("/ui/follow-ups/{leadId}", this::open, Role.REP);
        routes.post("/ui/follow-ups/{leadId}", this::open, Role.REP);
        routes.post("/ui/follow-ups/{leadId}/send", this::send, Role.REP);
    }

    // ---- a follow-up as one row (the list itself is FollowUpQueuePage) ----

    private static Map<String, Object> row(FollowUp f, Lead lead) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("leadId", f.leadId());
        m.put("elementId", RepConsoleText.elementId(f.leadId()));
        m.put("href", "/ui/follow-ups/" + RepConsoleText.segment(f.leadId()));
        m.put("name", lead == null ? "" : name(lead));
        m.put("company", lead == null ? "" : RepConsoleText.text(lead.company()));
        m.put("owner", RepConsoleText.text(f.owner()));
        m.put("stage", f.stage().name());
        m.put("template", RepConsoleText.text(f.template()));
        m.put("channel", f.channel() == null ? "" : f.channel().name());
        m.put("deadline", RepConsoleText.when(f.deadline()));
        m.put("deadlineIso", RepConsoleText.iso(f.deadline()));
        m.put("status", f.status().name());
        m.put("overdue", f.status() == FollowUpStatus.OVERDUE);
        m.put("overdueBy", RepConsoleText.duration(f.overdueBy()));
        m.put("blocked", blocked(f.blocked()));
        return m;
    }

    /** Why the last attempt was blocked and when it can go; empty map when it was not blocked. */
    private static Map<String, Object> blocked(BlockedAttempt b) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (b == null) {
            return m;
        }
        m.put("at", RepConsoleText.when(b.at()));
        m.put("rules", String.join(", ", b.rules()));
        m.put("nextAllowedAt", RepConsoleText.when(b.nextAllowedAt()));
        m.put("canGo", b.nextAllowedAt() != null ? "can go from " + RepConsoleText.when(b.nextAllowedAt())
                : "can go once the cause is lifted (not time-based)");
        return m;
    }

    // ---- one follow-up ----

    private void open(Context ctx) {
        ConsoleSession s = ConsoleAccess.session(ctx);
        Optional<Lead> found = funnel.find(ctx.pathParam("leadId"));
        if (found.isEmpty()) {
            problemPage(ctx, s, HttpStatus.NOT_FOUND, "No such lead",
                    "There is no lead with the id " + ctx.pathParam("leadId") + ".");
            return;
        }
        Lead lead = found.get();
        if (!mayActOn(s, lead)) {
            problemPage(ctx, s, HttpStatus.FORBIDDEN, "Not your lead",
                    "This follow-up belongs to another rep: a REP may open and send only the follow-ups of its "
                            + "own leads.");
            return;
        }
        boolean posted = ctx.method().name().equals("POST");
        Optional<FollowUp> owed = owed(lead);
        String asked = blankToNull(posted ? ctx.formParam("template") : ctx.queryParam("template"));
        String templateName = asked != null ? asked : owed.map(FollowUp::template)
                .orElseGet(() -> templates.forStage(lead.stage()).stream().map(TemplateInfo::name).findFirst()
                        .orElse(null));
        Map<String, Object> model = ConsoleAccess.baseModel(s);
        model.put("problem", "");
        model.put("lead", leadView(lead));
        model.put("followUp", owed.map(f -> row(f, lead)).orElse(Map.of()));
        model.put("templates", templateOptions(lead, templateName));
        model.put("sendToken", token(posted ? ctx.formParam("sendToken") : null));
        Optional<TemplateInfo> info = Optional.ofNullable(templateName).flatMap(templates::find);
        if (info.isEmpty()) {
            model.put("template", Map.of());
            model.put("templateProblem", templateName == null
                    ? "No template is written for the " + lead.stage() + " stage."
                    : "There is no template named " + templateName + ".");
            model.put("fields", List.of());
            model.put("preview", Map.of());
            model.put("decision", Map.of());
            model.put("decisionProblem", "");
            model.put("canSend", false);
            html(ctx, asked != null ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.OK, "console/follow-up", model);
            return;
        }
        TemplateInfo t = info.get();
        Map<String, String> entered = posted ? entered(ctx, t, lead) : ownName(s, t);
        model.put("template", templateView(t));
        model.put("templateProblem", "");
        model.put("fields", fields(t, lead, entered));
        model.put("preview", preview(t, lead, entered));
        putDecision(model, s, lead, t);
        model.put("canSend", lead.email() != null && t.sendable());
        html(ctx, HttpStatus.OK, "console/follow-up", model);
    }

    /**
     * The live decision for this lead and template, as a send now would be judged. Not audited: opening
     * a page is not a check the rep asked for; the send itself is recorded.
     */
    private void putDecision(Map<String, Object> model, ConsoleSession s, Lead lead, TemplateInfo t) {
        model.put("decision", Map.of());
        model.put("decisionProblem", "");
        if (lead.email() == null) {
            model.put("decisionProblem", "This lead has no email address, so no email can be checked or sent.");
            return;
        }
        try {
            Decision d = decisions.preview(new EmailDecisions.CheckRequest(lead.id(), null, null, t.name(), null, null),
                    s.actor());
            model.put("decision", RepConsoleText.decision(d));
        } catch (RejectedRequest e) {
            model.put("decisionProblem", e.field() + ": " + e.getMessage());
        }
    }

    /** The rendered message with the lead's fields and the typed values; placeholders stand in for missing required fields. */
    private Map<String, Object> preview(TemplateInfo t, Lead lead, Map<String, String> entered) {
        Map<String, Object> data = new LinkedHashMap<>(t.declaredFieldsOf(leadFields(lead)));
        data.putAll(entered);
        List<String> placeholders = new ArrayList<>();
        for (String required : t.required()) {
            Object v = data.get(required);
            if (v == null || v.toString().isBlank()) {
                data.put(required, "[" + required + "]");
                placeholders.add(required);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("placeholders", String.join(", ", placeholders));
        try {
            RenderedMessage r = templates.render(t.name(), data, sender, PREVIEW_UNSUBSCRIBE_URL);
            m.put("subject", r.subject());
            m.put("html", r.html());
            m.put("text", r.text());
            m.put("error", "");
        } catch (TemplateRenderException | IllegalArgumentException e) {
            m.put("subject", "");
            m.put("html", "");
            m.put("text", "");
            m.put("error", "The template could not be rendered: " + e.getMessage());
        }
        return m;
    }

    /** The template's declared fields that the lead does not fill in, in declared order, required ones marked. */
    private static List<Map<String, Object>> fields(TemplateInfo t, Lead lead, Map<String, String> entered) {
        Map<String, Object> fromLead = t.declaredFieldsOf(leadFields(lead));
        List<Map<String, Object>> out = new ArrayList<>();
        for (String field : t.fields()) {
            if (fromLead.containsKey(field)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", field);
            m.put("label", FieldLabels.of(field));
            m.put("param", FIELD_PREFIX + field);
            m.put("id", "field-" + RepConsoleText.elementId(field));
            m.put("required", t.required().contains(field));
            m.put("value", entered.getOrDefault(field, ""));
            out.add(m);
        }
        return out;
    }

    private List<Map<String, Object>> templateOptions(Lead lead, String selected) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TemplateInfo t : templates.forStage(lead.stage())) {
            out.add(Map.of("name", t.name(), "selected", t.name().equals(selected)));
        }
        return out;
    }

    private static Map<String, Object> templateView(TemplateInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("purpose", t.purpose() == null ? "" : t.purpose().name());
        m.put("description", t.description());
        m.put("sendable", t.sendable());
        m.put("errors", t.errors().stream().map(Object::toString).toList());
        return m;
    }

    // ---- sending ----

    private void send(Context ctx) {
        ConsoleSession s = ConsoleAccess.session(ctx);
        Optional<Lead> found = funnel.find(ctx.pathParam("leadId"));
        if (found.isEmpty()) {
            resultProblem(ctx, s, null, HttpStatus.NOT_FOUND, "There is no lead with the id "
                    + ctx.pathParam("leadId") + ". Nothing was sent.");
            return;
        }
        Lead lead = found.get();
        if (!mayActOn(s, lead)) {
            resultProblem(ctx, s, null, HttpStatus.FORBIDDEN, "This follow-up belongs to another rep: a REP may "
                    + "send only the follow-ups of its own leads. Nothing was sent.");
            return;
        }
        String templateName = blankToNull(ctx.formParam("template"));
        Optional<TemplateInfo> info = Optional.ofNullable(templateName).flatMap(templates::find);
        if (info.isEmpty()) {
            resultProblem(ctx, s, lead, HttpStatus.UNPROCESSABLE_CONTENT, "template: "
                    + (templateName == null ? "is required" : "there is no template named " + templateName)
                    + ". Nothing was sent.");
            return;
        }
        TemplateInfo t = info.get();
        Map<String, String> entered = entered(ctx, t, lead);
        String token = token(ctx.formParam("sendToken"));
        String key = s.id() + " " + lead.id() + " " + token;
        Map<String, Object> model = resultModel(s, lead);
        model.put("template", t.name());
        try {
            boolean replayed;
            EmailDecisions.Sent result;
            synchronized (locks.get(key, k -> new Object())) {
                result = sent.getIfPresent(key);
                replayed = result != null;
                if (result == null) {
                    result = decisions.send(new EmailDecisions.SendRequest(lead.id(), null, t.name(),
                            new LinkedHashMap<>(entered), "ui-" + token), s.actor(), ResponseMemory.none());
                    sent.put(key, result);
                }
            }
            model.put("decision", RepConsoleText.decision(result.decision()));
            model.put("messageId", RepConsoleText.text(result.messageId()));
            model.put("messageStatus", result.status() == null ? "" : result.status().name());
            model.put("replayed", replayed);
            html(ctx, HttpStatus.OK, "console/send-result", model);
        } catch (MissingTemplateFieldException e) {
            model.put("problem", "The template " + t.name() + " requires " + String.join(", ", e.fields())
                    + ". Fill in " + (e.fields().size() == 1 ? "this field" : "these fields")
                    + " and send again. Nothing was sent.");
            model.put("missingFields", e.fields());
            model.put("retry", retry(t, entered, token));
            html(ctx, HttpStatus.UNPROCESSABLE_CONTENT, "console/send-result", model);
        } catch (TemplateRenderException e) {
            model.put("problem", e.getMessage() + ". Nothing was sent.");
            model.put("retry", retry(t, entered, token));
            html(ctx, HttpStatus.UNPROCESSABLE_CONTENT, "console/send-result", model);
        } catch (RejectedRequest e) {
            model.put("problem", e.field() + ": " + e.getMessage() + ". Nothing was sent.");
            html(ctx, status(e), "console/send-result", model);
        }
    }

    /** On first opening, a rep's own name fills {@code repName} (the REP key's name is the rep). */
    private static Map<String, String> ownName(ConsoleSession s, TemplateInfo t) {
        return isRep(s) && t.fields().contains("repName") ? Map.of("repName", s.actor().name()) : Map.of();
    }

    /** What the "fix and try again" form posts back to the follow-up page: the template, the typed values and the token. */
    private static Map<String, Object> retry(TemplateInfo t, Map<String, String> entered, String token) {
        List<Map<String, Object>> values = new ArrayList<>();
        entered.forEach((field, value) -> values.add(Map.of("param", FIELD_PREFIX + field, "value", value)));
        return Map.of("template", t.name(), "values", values, "sendToken", token);
    }

    private Map<String, Object> resultModel(ConsoleSession s, Lead lead) {
        Map<String, Object> model = ConsoleAccess.baseModel(s);
        model.put("lead", lead == null ? Map.of() : leadView(lead));
        model.put("template", "");
        model.put("decision", Map.of());
        model.put("messageId", "");
        model.put("messageStatus", "");
        model.put("replayed", false);
        model.put("problem", "");
        model.put("missingFields", List.of());
        model.put("retry", Map.of());
        return model;
    }

    private void resultProblem(Context ctx, ConsoleSession s, Lead lead, HttpStatus status, String problem) {
        Map<String, Object> model = resultModel(s, lead);
        model.put("problem", problem);
        html(ctx, status, "console/send-result", model);
    }

    private void problemPage(Context ctx, ConsoleSession s, HttpStatus status, String title, String problem) {
        Map<String, Object> model = ConsoleAccess.baseModel(s);
        model.put("problem", problem);
        model.put("problemTitle", title);
        html(ctx, status, "console/follow-up", model);
    }

    // ---- shared ----

    /** The follow-up the lead owes now, if any (its owner's queue holds it). */
    private Optional<FollowUp> owed(Lead lead) {
        return reports.followUps(null, lead.owner()).stream().filter(f -> f.leadId().equals(lead.id())).findFirst();
    }

    /**
     * The typed values of the template's declared fields that the lead does not fill in; blank ones
     * are left out, so a blank required field is reported as missing. Undeclared form fields are ignored.
     */
    private static Map<String, String> entered(Context ctx, TemplateInfo t, Lead lead) {
        Map<String, Object> fromLead = t.declaredFieldsOf(leadFields(lead));
        Map<String, String> out = new LinkedHashMap<>();
        for (String field : t.fields()) {
            if (fromLead.containsKey(field)) {
                continue;
            }
            String value = ctx.formParam(FIELD_PREFIX + field);
            if (value != null && !value.isBlank()) {
                String v = value.strip();
                out.put(field, v.length() > MAX_FIELD_LENGTH ? v.substring(0, MAX_FIELD_LENGTH) : v);
            }
        }
        return out;
    }

    /** The lead's own fields a template may use, as a send fills them in. */
    private static Map<String, Object> leadFields(Lead lead) {
        return EmailAttempts.leadFields(lead);
    }

    private static Map<String, Object> leadView(Lead lead) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", lead.id());
        m.put("href", "/ui/follow-ups/" + RepConsoleText.segment(lead.id()));
        m.put("name", name(lead));
        m.put("company", RepConsoleText.text(lead.company()));
        m.put("email", RepConsoleText.text(lead.email()));
        m.put("phone", RepConsoleText.text(lead.phone()));
        m.put("stage", lead.stage().name());
        m.put("outcome", lead.outcome() == null ? "" : lead.outcome().name());
        m.put("owner", RepConsoleText.text(lead.owner()));
        m.put("stageEnteredAt", RepConsoleText.when(lead.stageEnteredAt()));
        return m;
    }

    private static String name(Lead lead) {
        String full = (RepConsoleText.text(lead.firstName()) + " " + RepConsoleText.text(lead.lastName())).strip();
        return full.isEmpty() ? lead.id() : full;
    }

    private static boolean isRep(ConsoleSession s) {
        return s.actor().role() == Role.REP;
    }

    private static boolean mayActOn(ConsoleSession s, Lead lead) {
        return !isRep(s) || s.actor().name().equals(lead.owner());
    }

    private static String token(String given) {
        return given != null && TOKEN.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static HttpStatus status(RejectedRequest e) {
        return switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
    }

    private void html(Context ctx, HttpStatus status, String page, Map<String, Object> model) {
        ctx.status(status).html(pages.render(page, model));
    }
}
