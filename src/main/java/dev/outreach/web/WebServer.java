package dev.outreach.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.outreach.Gateway;
import dev.outreach.config.ConfigKey;
import dev.outreach.gateway.LeadImportJobs;
import dev.outreach.gateway.RejectedRequest;
import dev.outreach.template.TemplateRenderException;
import dev.outreach.web.console.ConsoleAccess;
import dev.outreach.web.console.ConsoleRoutes;
import dev.outreach.web.console.ConsoleSessions;
import dev.outreach.web.console.SignInThrottle;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * The HTTP surface of API.md on Javalin: route groups per resource, API-key authentication as a
 * before-handler, and every error as RFC 9457 problem+json.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    /** Only the US/NANP default until leads carry a country; see LeadRoutes. */
    static final String DEFAULT_PHONE_REGION = "US";
    /** Failed console sign-ins one IP may make per window before it must wait (429 + Retry-After). */
    static final int SIGN_IN_FAILURES_ALLOWED = 5;
    static final java.time.Duration SIGN_IN_THROTTLE_WINDOW = java.time.Duration.ofMinutes(15);
    /** How long a shutdown waits for the requests in flight. */
    static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(20);

    private final Gateway gateway;
    private List<RouteTable.Route> routes = List.of();
    private Javalin app;
    private ConsoleAccess consoleAccess;
    private LeadImportJobs importJobs;
    private HttpTraffic traffic;

    public WebServer(Gateway gateway) {
        this.gateway = gateway;
    }

    public WebServer start() {
        importJobs = new LeadImportJobs(gateway.leadImport(), gateway.clock());
        traffic = new HttpTraffic(gateway.metrics());
        OperationsMetrics.bind(gateway.metrics(), gateway.store().outbox(), gateway.lists(), gateway.clock());
        app = Javalin.create(this::configure);
        app.start(gateway.config().string(ConfigKey.HTTP_HOST), gateway.config().integer(ConfigKey.HTTP_PORT));
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Requests being answered now (what a graceful shutdown waits for). */
    int requestsInFlight() {
        return traffic.inFlight();
    }

    /** Every route the server answers, for the OpenAPI check. */
    public List<RouteTable.Route> routes() {
        return routes;
    }

    private void configure(JavalinConfig config) {
        config.jsonMapper(new JavalinJackson(gateway.json(), false));
        config.startup.showJavalinBanner = false;
        config.http.maxRequestSize = 10_000_000L;
        config.jetty.modifyServer(server -> server.setStopTimeout(2_000));
        RouteTable table = new RouteTable(config.routes);
        config.routes.before(traffic::started);
        config.routes.after(traffic::finished);
        config.routes.beforeMatched(new ApiKeyAuthentication(gateway.keys()));
        config.routes.beforeMatched(WebServer::strictText);
        JettyProblems jettyProblems = new JettyProblems(gateway.json());
        config.jetty.modifyServer(server -> server.setErrorHandler(jettyProblems));
        config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(jettyProblems));
        registerRoutes(table);
        registerErrors(config);
        routes = table.registered();
    }

    /**
     * Request text is UTF-8 or refused (StrictText). The lead import streams its body and decodes it
     * strictly itself, so it is not read here.
     */
    private static void strictText(Context ctx) {
        String method = ctx.method().name();
        if (!(method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))
                || ctx.path().equals("/api/v1/leads/import") || ctx.path().equals("/api/v1/checks/batch")) {
            return;
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            StrictText.requireUtf8Form(ctx.body());
        } else if (!type.startsWith("multipart/")) {
            StrictText.requireUtf8(ctx.bodyAsBytes());
        }
    }

    private void registerRoutes(RouteTable table) {
        Idempotency idempotency = new Idempotency(gateway.store().idempotency(), gateway.store().transactions(),
                gateway.json(), gateway.clock());
        new OperationsRoutes(gateway.store(), gateway.lists(), gateway.metrics()).register(table);
        new LeadRoutes(gateway.funnel(), gateway.json(), gateway.clock(), DEFAULT_PHONE_REGION, idempotency)
                .register(table);
        new LeadImportRoutes(gateway.leadImport(), importJobs, new LeadFields(gateway.clock(), DEFAULT_PHONE_REGION),
                gateway.store().idempotency(), gateway.json(), gateway.clock()).register(table);
        new ReportRoutes(gateway.reports()).register(table);
        new EmailRoutes(gateway.emailDecisions(), gateway.funnel(), gateway.store().outbox(), gateway.templates(),
                gateway.sender(), gateway.json(), idempotency).register(table);
        new CheckRoutes(gateway.emailDecisions(), gateway.phoneTouches(), gateway.json(), idempotency).register(table);
        new BatchCheckRoutes(gateway.batchChecking(), gateway.json(), gateway.clock()).register(table);
        new SuppressionRoutes(gateway.suppressions(), gateway.lists(), gateway.json(), idempotency, gateway.clock(),
                DEFAULT_PHONE_REGION).register(table);
        new AuditRoutes(gateway.store().audit(), gateway.pseudonyms(), gateway.auditUpkeep(), DEFAULT_PHONE_REGION)
                .register(table);
        new KeyRoutes(gateway.keys(), gateway.json()).register(table);
        new PolicyRoutes(gateway.engine(), gateway.statePack(),
                dev.outreach.config.ReferenceCoverageReader.fromClasspath()).register(table);
        new EventSubscriptionRoutes(gateway.eventSubscribing(), gateway.json()).register(table);
        new CallRoutes(gateway.phoneTouches(), gateway.json(), idempotency).register(table);
        new ConsentRoutes(gateway.consents(), gateway.funnel(), gateway.json(), idempotency, gateway.clock(),
                DEFAULT_PHONE_REGION).register(table);
        new InboundSmsRoutes(gateway.inboundTexts(), gateway.json(), idempotency, DEFAULT_PHONE_REGION).register(table);
        new RevocationReviewRoutes(gateway.inboundTexts(), idempotency).register(table);
        new SubjectRoutes(gateway.subjectExporting(), gateway.subjectErasure(), gateway.subjectObjection(),
                gateway.inactiveLeads(), gateway.store().leads(), gateway.json(),
                idempotency, DEFAULT_PHONE_REGION).register(table);
        Pages pages = new Pages();
        new UnsubscribeRoutes(gateway.unsubscribing(), gateway.categoryPreferences(), pages, gateway.sender().name()).register(table);
        ConsoleSessions sessions = new ConsoleSessions(gateway.keys(), gateway.clock(),
                gateway.config().duration(ConfigKey.CONSOLE_SESSION_IDLE),
                gateway.config().duration(ConfigKey.CONSOLE_SESSION_LIFETIME));
        consoleAccess = new ConsoleAccess(gateway.keys(), sessions, new SignInThrottle(gateway.clock(),
                SIGN_IN_FAILURES_ALLOWED, SIGN_IN_THROTTLE_WINDOW), gateway.audit(),
                gateway.config().string(ConfigKey.PUBLIC_BASE_URL).startsWith("https:"), pages);
        new SessionRoutes(sessions, gateway.audit()).register(table);
        new WebhookRoutes(gateway.deliverability().webhooks()).register(table);
        new ConsoleRoutes(consoleAccess, pages).register(table.routes());
        new dev.outreach.web.console.FollowUpPages(consoleAccess, pages, gateway.reports(), gateway.funnel(),
                gateway.templates(), gateway.sender(), gateway.emailDecisions())
                .register(table.routes());
        new dev.outreach.web.console.FunnelPages(consoleAccess, pages, gateway.reports()).register(table.routes());
        new dev.outreach.web.console.ComplianceReportPages(consoleAccess, pages, gateway.reports()).register(table.routes());
        new dev.outreach.web.console.FollowUpQueuePage(consoleAccess, pages, gateway.reports(), gateway.store().leads(),
                gateway.templates()).register(table.routes());
        new dev.outreach.web.console.EventPages(consoleAccess, pages, gateway.eventSubscriptions())
                .register(table.routes());
        new dev.outreach.web.console.TimeZoneChoice(consoleAccess,
                gateway.config().string(ConfigKey.PUBLIC_BASE_URL).startsWith("https:")).register(table.routes());
        new dev.outreach.web.console.AuditPages(consoleAccess, pages, gateway.store().audit(), gateway.pseudonyms(),
                gateway.auditUpkeep(), gateway.store().touches(), gateway.store().outbox(), gateway.json(),
                DEFAULT_PHONE_REGION, gateway.keys()).register(table.routes());
        new dev.outreach.web.console.ListPages(consoleAccess, pages, gateway.lists(), gateway.registry(), gateway.clock())
                .register(table.routes());
    }

    private void registerErrors(JavalinConfig config) {
        config.routes.exception(ProblemException.class, (e, ctx) -> problem(ctx, e));
        config.routes.exception(RejectedRequest.class, (e, ctx) -> problem(ctx, fromRejected(e)));
        config.routes.exception(TemplateRenderException.class, (e, ctx) -> problem(ctx, TemplateProblems.of(e)));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx,
                new ProblemException(e.getStatus(), e.getMessage(), e.getMessage(), List.of())));
        config.routes.exception(Exception.class, (e, ctx) -> {
            String incident = UUID.randomUUID().toString();
            LOG.error("unhandled error, incident {} on {} {}", incident, ctx.method(), ctx.endpoint() == null ? "?" : ctx.endpoint().path, e);
            problem(ctx, new ProblemException(500, "Internal error", "the request failed; incident " + incident
                    + " is in the server log. Nothing was sent.", List.of()));
        });
        config.routes.error(404, ctx -> {
            String answered = ctx.result();
            if (answered == null || answered.isEmpty()) {
                problem(ctx, new ProblemException(404, "Not found", "no route for " + ctx.method() + " "
                        + ctx.path(), List.of()));
            }
        });
        config.routes.error(405, ctx -> problem(ctx, new ProblemException(405, "Method not allowed",
                ctx.method() + " is not allowed here", List.of())));
    }

    private static ProblemException fromRejected(RejectedRequest e) {
        int status = switch (e.kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case UNPROCESSABLE -> 422;
            case CONFLICT -> 409;
            case FORBIDDEN -> 403;
        };
        String title = status == 400 ? "Invalid request" : status == 404 ? "Not found" : status == 409 ? "Conflict"
                : status == 403 ? "Forbidden" : "Unprocessable request";
        return new ProblemException(status, title, e.field() + ": " + e.getMessage(),
                List.of(new FieldError(e.field(), e.getMessage())));
    }

    private void problem(Context ctx, ProblemException e) {
        try {
            ctx.status(e.status()).contentType(Problem.CONTENT_TYPE)
                    .result(gateway.json().writeValueAsString(Problem.of(e)));
        } catch (JsonProcessingException ex) {
            ctx.status(e.status()).result(e.getMessage());
        }
    }

    /**
     * Stops gracefully: waits up to {@link #DRAIN} for the requests in flight to be answered, then
     * stops the server and lets a running lead import finish its batch, and logs what it did.
     */
    @Override
    public void close() {
        if (app != null) {
            long started = System.nanoTime();
            int waiting = traffic.inFlight();
            int left;
            try {
                left = traffic.awaitIdle(DRAIN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                left = traffic.inFlight();
            }
            app.stop();
            LOG.info("HTTP server stopped: {} request(s) were in flight, {} drained in {} ms{}", waiting,
                    waiting - left, (System.nanoTime() - started) / 1_000_000,
                    left == 0 ? "" : "; " + left + " still running were cut off after " + DRAIN.toSeconds() + " s");
        }
        if (importJobs != null) {
            importJobs.close();
        }
    }
}
