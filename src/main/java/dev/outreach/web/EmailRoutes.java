package dev.outreach.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.gateway.email.EmailDecisions;
import dev.outreach.gateway.Funnel;
import dev.outreach.store.Outbox;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.OutboxStatus;
import dev.outreach.template.SenderIdentity;
import dev.outreach.template.TemplateCatalog;
import dev.outreach.template.TemplateInfo;
import dev.outreach.template.RenderedMessage;
import dev.outreach.template.TemplateRenderException;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.outreach.gateway.Role.COMPLIANCE;
import static dev.outreach.gateway.Role.INTEGRATION;
import static dev.outreach.gateway.Role.REP;

/** {@code /api/v1/emails} and {@code /api/v1/templates}. */
final class EmailRoutes {

    private final EmailDecisions sending;
    private final Funnel funnel;
    private final Outbox outbox;
    private final TemplateCatalog templates;
    private final SenderIdentity sender;
    private final ObjectMapper json;
    private final Idempotency idempotency;

    EmailRoutes(EmailDecisions sending, Funnel funnel, Outbox outbox, TemplateCatalog templates, SenderIdentity sender,
                ObjectMapper json, Idempotency idempotency) {
        this.sending = sending;
        this.funnel = funnel;
        this.outbox = outbox;
        this.templates = templates;
        this.sender = sender;
        this.json = json;
        this.idempotency = idempotency;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/emails", this::send, REP, INTEGRATION);
        routes.get("/api/v1/emails/{messageId}", this::status, REP, INTEGRATION, COMPLIANCE);
        routes.get("/api/v1/templates", this::list, REP, INTEGRATION, COMPLIANCE);
        routes.post("/api/v1/templates/{name}/preview", this::preview, REP, INTEGRATION, COMPLIANCE);
    }

    private void send(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        String leadId = body.text("leadId");
        String to = body.text("to");
        String template = body.requiredText("template");
        Map<String, Object> data = body.scalarMap("data");
        if (leadId == null && to == null) {
            body.error("leadId", "leadId or to is required");
        } else if (leadId != null && to != null) {
            body.error("to", "give leadId or to, not both");
        }
        body.validate();
        EmailDecisions.SendRequest request = new EmailDecisions.SendRequest(leadId, to, template, data,
                Idempotency.keyOf(ctx));
        idempotency.<EmailDecisions.Sent>decide(ctx, memory -> sending.send(request, RequestActor.of(ctx), memory), this::outcome);
    }

    private Idempotency.Outcome outcome(EmailDecisions.Sent result) {
        Map<String, Object> response = DecisionView.of(result.decision(), json);
        if (result.messageId() == null) {
            return new Idempotency.Outcome(200, response);
        }
        response.put("messageId", result.messageId());
        response.put("status", result.status().name());
        return new Idempotency.Outcome(202, response);
    }

    private void status(Context ctx) {
        OutboxMessage m = outbox.find(ctx.pathParam("messageId"))
                .orElseThrow(() -> ProblemException.notFound("message"));
        if (m.leadId() != null && RequestActor.role(ctx) == REP) {
            funnel.find(m.leadId()).ifPresent(lead -> RequestActor.requireLeadAccess(ctx, lead));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messageId", m.messageId());
        out.put("status", m.status().name());
        out.put("attempts", m.attempts());
        out.put("leadId", m.leadId());
        out.put("createdAt", m.createdAt());
        out.put("updatedAt", m.updatedAt());
        out.put("nextAttemptAt", m.status() == OutboxStatus.QUEUED || m.status() == OutboxStatus.RETRYING
                ? m.nextAttemptAt() : null);
        out.put("lastError", m.lastError());
        ctx.json(out);
    }

    private void list(Context ctx) {
        ctx.json(Map.of("templates", templates.templates().stream().map(EmailRoutes::view).toList()));
    }

    private static Map<String, Object> view(TemplateInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("stage", t.stage());
        m.put("purpose", t.purpose());
        m.put("subject", t.subject());
        m.put("fields", t.fields());
        m.put("required", t.required());
        m.put("followUpWithin", t.followUpWithin() == null ? null : t.followUpWithin().toString());
        m.put("description", t.description());
        m.put("lint", Map.of("ok", t.sendable(), "problems", t.problems().stream().map(Object::toString).toList()));
        return m;
    }

    private void preview(Context ctx) {
        String name = ctx.pathParam("name");
        if (templates.find(name).isEmpty()) {
            throw ProblemException.notFound("template");
        }
        JsonBody body = ctx.body().isBlank() ? JsonBody.parse(json, "{}") : JsonBody.parse(json, ctx.body());
        Map<String, Object> data = body.scalarMap("data");
        body.validate();
        try {
            RenderedMessage r = templates.render(name, data, sender, "https://unsubscribe.example/preview");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("template", name);
            out.put("purpose", r.purpose());
            out.put("subject", r.subject());
            out.put("html", r.html());
            out.put("text", r.text());
            ctx.json(out);
        } catch (TemplateRenderException e) {
            throw TemplateProblems.of(e);
        }
    }
}
