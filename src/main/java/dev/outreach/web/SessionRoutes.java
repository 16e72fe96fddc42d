package dev.outreach.web;

import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditTrail;
import dev.outreach.web.console.ConsoleSession;
import dev.outreach.web.console.ConsoleSessions;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.outreach.gateway.Role.ADMIN;

/**
 * {@code /api/v1/sessions} (ADMIN): the console sessions signed in now, with key name, role, client
 * IP and sign-in time, and ending one. Sessions are named by a public id, never by the cookie secret.
 */
final class SessionRoutes {

    private final ConsoleSessions sessions;
    private final AuditTrail audit;

    SessionRoutes(ConsoleSessions sessions, AuditTrail audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/sessions", this::list, ADMIN);
        routes.delete("/api/v1/sessions/{id}", this::end, ADMIN);
    }

    private void list(Context ctx) {
        ctx.json(Map.of("sessions", sessions.list().stream().map(this::view).toList()));
    }

    private void end(Context ctx) {
        ConsoleSession s = sessions.byPublicId(ctx.pathParam("id"))
                .orElseThrow(() -> ProblemException.notFound("session"));
        sessions.close(s.id());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("sessionId", s.publicId());
        detail.put("keyId", s.actor().keyId());
        detail.put("keyName", s.actor().name());
        detail.put("role", s.actor().role().name());
        audit.recordChange(AuditKind.SESSION_ENDED, RequestActor.of(ctx).auditName(), null, null, null, detail);
        ctx.status(204);
    }

    private Map<String, Object> view(ConsoleSession s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.publicId());
        m.put("keyId", s.actor().keyId());
        m.put("keyName", s.actor().name());
        m.put("role", s.actor().role().name());
        m.put("ip", s.clientIp());
        m.put("userAgent", s.userAgent());
        m.put("signedInAt", s.signedInAt());
        m.put("expiresAt", sessions.expiresAt(s));
        return m;
    }
}
