package dev.outreach.web.console;

import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditTrail;
import dev.outreach.gateway.AccessKeys;
import dev.outreach.gateway.Actor;
import dev.outreach.store.ApiKey;
import dev.outreach.gateway.Role;
import dev.outreach.web.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sign-in with an API key, the session cookie (HttpOnly, SameSite=Strict, Secure behind https),
 * the CSRF check on every console form and the role check of every page ({@link #before}).
 * Sign-ins, refused sign-ins and sign-outs are audit entries naming the key, role, client IP and
 * user agent; failed sign-ins from one IP are throttled ({@link SignInThrottle}).
 */
public final class ConsoleAccess {

    public static final String COOKIE = "og_session";
    /** The console's Content-Security-Policy: inline styles and data: images only, forms to itself. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<Role, String> ROLE_WORDS = Map.of(Role.REP, "sales rep",
            Role.INTEGRATION, "integration", Role.COMPLIANCE, "compliance officer",
            Role.ADMIN, "administrator");
    private static final String ATTRIBUTE = "outreach.console.session";
    private static final int MAX_USER_AGENT = 200;

    /** The outcome of a sign-in attempt. */
    public sealed interface SignIn {
        record SignedIn(ConsoleSession session) implements SignIn {
        }

        record Refused() implements SignIn {
        }

        record Throttled(Duration retryAfter) implements SignIn {
        }
    }

    private final AccessKeys keys;
    private final ConsoleSessions sessions;
    private final SignInThrottle throttle;
    private final AuditTrail audit;
    private final boolean secureCookie;
    private final Pages pages;

    /** @param pages renders the 403 page; null answers it as plain text */
    public ConsoleAccess(AccessKeys keys, ConsoleSessions sessions, SignInThrottle throttle, AuditTrail audit,
                         boolean secureCookie, Pages pages) {
        this.keys = keys;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.secureCookie = secureCookie;
        this.pages = pages;
    }

    public ConsoleSessions sessions() {
        return sessions;
    }

    /**
     * The console's one before-handler, for every page under /ui: sets the security headers, attaches
     * the session, refuses a form POST without its CSRF token, and admits only the roles the page was
     * registered with ({@link ConsolePageTable}): no session is sent to sign-in, a role that is not
     * enough gets the 403 page. A page that declared roles finds its session with {@link #session}.
     */
    public void before(Context ctx) {
        securityHeaders(ctx);
        Optional<ConsoleSession> session = sessions.find(ctx.cookie(COOKIE));
        session.ifPresent(s -> ctx.attribute(ATTRIBUTE, s));
        if (ctx.method().name().equals("POST") && !ctx.path().equals("/ui/sign-in")) {
            String sent = ctx.formParam("csrf");
            if (session.isEmpty() || sent == null || !constantTimeEquals(sent, session.get().csrfToken())) {
                ctx.status(HttpStatus.FORBIDDEN).html("Forbidden: the form was not sent from this console session "
                        + "(missing or wrong CSRF token). Reload the page and try again.");
                ctx.skipRemainingHandlers();
                return;
            }
        }
        Set<Role> needed = ConsolePageTable.required(ctx);
        if (needed.isEmpty()) {
            return;
        }
        if (session.isEmpty()) {
            ctx.redirect("/ui/sign-in", HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
        } else if (needed.stream().noneMatch(session.get().actor().role()::satisfies)) {
            forbidden(ctx, session.get(), needed);
            ctx.skipRemainingHandlers();
        }
    }

    /** The signed-in session of a page registered with roles ({@link #before} has admitted it). */
    public static ConsoleSession session(Context ctx) {
        ConsoleSession s = ctx.attribute(ATTRIBUTE);
        if (s == null) {
            throw new IllegalStateException("no console session: the page " + ctx.path()
                    + " reads one but was registered without roles");
        }
        return s;
    }

    /** The 403 page: which roles may see the page (in words), and who is signed in. */
    private void forbidden(Context ctx, ConsoleSession s, Set<Role> needed) {
        List<String> allowed = new ArrayList<>();
        for (Role r : Role.values()) {
            if (needed.stream().anyMatch(r::satisfies)) {
                allowed.add(r.name() + " (" + ROLE_WORDS.get(r) + ")");
            }
        }
        ctx.status(HttpStatus.FORBIDDEN);
        if (pages == null) {
            ctx.html("Forbidden: this page is for " + String.join(", ", allowed) + "; you are signed in as "
                    + s.actor().role().name() + ".");
            return;
        }
        Map<String, Object> model = baseModel(s, ctx);
        model.put("allowedRoles", allowed);
        model.put("roleWords", ROLE_WORDS.get(s.actor().role()));
        model.put("path", ctx.path());
        ctx.html(pages.render("console/forbidden", model));
    }

    public SignIn signIn(Context ctx, String apiKey) {
        String ip = ctx.ip();
        Optional<Duration> wait = throttle.retryAfter(ip);
        if (wait.isPresent()) {
            return new SignIn.Throttled(wait.get());
        }
        Optional<ApiKey> key = keys.authenticate(apiKey);
        if (key.isEmpty()) {
            throttle.failed(ip);
            audit.recordChange(AuditKind.SIGN_IN_REFUSED, "console", null, null, null, client(ctx));
            return new SignIn.Refused();
        }
        Optional<Role> role = Role.parse(key.get().role());
        if (role.isEmpty()) {
            audit.recordChange(AuditKind.SIGN_IN_REFUSED, "console", null, null, null, client(ctx));
            return new SignIn.Refused();
        }
        Actor.KeyHolder actor = new Actor.KeyHolder(key.get().id(), key.get().name(), role.get());
        ConsoleSession s = sessions.open(actor, ip, userAgent(ctx));
        ctx.header("Set-Cookie", COOKIE + "=" + s.id() + "; Path=/ui; HttpOnly; SameSite=Strict"
                + (secureCookie ? "; Secure" : ""));
        audit.recordChange(AuditKind.SIGNED_IN, actor.auditName(), null, null, null, sessionDetail(s));
        return new SignIn.SignedIn(s);
    }

    public void signOut(Context ctx) {
        Optional<ConsoleSession> s = sessions.find(ctx.cookie(COOKIE));
        sessions.close(ctx.cookie(COOKIE));
        s.ifPresent(session -> audit.recordChange(AuditKind.SIGNED_OUT, session.actor().auditName(), null, null, null,
                sessionDetail(session)));
        ctx.header("Set-Cookie", COOKIE + "=; Path=/ui; Max-Age=0; HttpOnly; SameSite=Strict"
                + (secureCookie ? "; Secure" : ""));
    }

    private static Map<String, Object> sessionDetail(ConsoleSession s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sessionId", s.publicId());
        d.put("keyId", s.actor().keyId());
        d.put("keyName", s.actor().name());
        d.put("role", s.actor().role().name());
        d.put("ip", s.clientIp());
        d.put("userAgent", s.userAgent());
        return d;
    }

    private static Map<String, Object> client(Context ctx) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("ip", ctx.ip());
        d.put("userAgent", userAgent(ctx));
        return d;
    }

    /** The User-Agent, bounded and without control characters (it is stored in the audit log). */
    private static String userAgent(Context ctx) {
        String ua = ctx.userAgent();
        if (ua == null) {
            return "";
        }
        String clean = ua.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= MAX_USER_AGENT ? clean : clean.substring(0, MAX_USER_AGENT);
    }

    /** The model every console page gets: who is signed in and the CSRF token for its forms. */
    public static Map<String, Object> baseModel(ConsoleSession s) {
        return new java.util.HashMap<>(Map.of("user", s.actor().name(), "role", s.actor().role().name(),
                "csrf", s.csrfToken()));
    }

    /** As {@link #baseModel(ConsoleSession)}, with the viewer's time zone and its picker. */
    public static Map<String, Object> baseModel(ConsoleSession s, Context ctx) {
        Map<String, Object> model = baseModel(s);
        ViewerTime.addTo(model, ctx);
        return model;
    }

    /**
     * Pages are never cached (they show personal data), never framed, leak no referrer, run no script
     * and post forms only to this console.
     */
    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
