package dev.outreach.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.outreach.CallsAndTexts;
import dev.outreach.ContactPermissions;
import dev.outreach.EmailChannel;
import dev.outreach.EventFeed;
import dev.outreach.Foundation;
import dev.outreach.Gateway;
import dev.outreach.PolicyInForce;
import dev.outreach.SalesFunnel;
import dev.outreach.SubjectRights;
import dev.outreach.config.ConfigKey;
import dev.outreach.gateway.LeadImportJobs;
import dev.outreach.gateway.RejectedRequest;
import dev.outreach.template.TemplateRenderException;
import dev.outreach.web.console.ConsoleAccess;
import dev.outreach.web.console.ConsolePageTable;
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
    private ConsolePageTable consolePages;

    public WebServer(Gateway gateway) {
        this.gateway = gateway;
    }

    public WebServer start() {
        importJobs = new LeadImportJobs(gateway.sales().leadImport(), gateway.clock());
        traffic = new HttpTraffic(gateway.base().metrics());
        OperationsMetrics.bind(gateway.base().metrics(), gateway.store().outbox(), gateway.permissions().lists(), gateway.clock());
        app = Javalin.create(this::configure);
        app.start(gateway.config().string(ConfigKey.HTTP_HOST), gateway.config().integer(ConfigKey.HTTP_PORT));
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Every console page with the roles that may open it, for the console's access test. */
    public List<ConsolePageTable.Page> consolePages() {
        return consolePages.registered();
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
        config.jsonMapper(new JavalinJackson(gateway.base().json(), false));
        config.startup.showJavalinBanner = false;
        config.http.maxRequestSize = 10_000_000L;
        config.jetty.modifyServer(server -> server.setStopTimeout(2_000));
        RouteTable table = new RouteTable(config.routes);
        config.routes.before(traffic::started);
        config.routes.after(traffic::finished);
        config.routes.beforeMatched(new ApiKeyAuthentication(gateway.base().keys()));
        config.routes.beforeMatched(WebServer::strictText);
        JettyProblems jettyProblems = new JettyProblems(gateway.base().json());
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

    /** Each feature's routes, given the use cases they route to. */
    private void registerRoutes(RouteTable table) {
        Foundation base = gateway.base();
        EmailChannel email = gateway.email();
        CallsAndTexts phone = gateway.phone();
        SalesFunnel sales = gateway.sales();
        ContactPermissions permissions = gateway.permissions();
        SubjectRights rights = gateway.subjectRights();
        PolicyInForce policy = gateway.policy();
        EventFeed events = gateway.events();
        Idempotency idempotency = new Idempotency(base.store().idempotency(), base.store().transactions(),
                base.json(), base.clock());
        new OperationsRoutes(base.store(), permissions.lists(), base.metrics()).register(table);
        new LeadRoutes(sales.funnel(), base.json(), base.clock(), DEFAULT_PHONE_REGION, idempotency)
                .register(table);
        new LeadImportRoutes(sales.leadImport(), importJobs, new LeadFields(base.clock(), DEFAULT_PHONE_REGION),
                base.store().idempotency(), base.json(), base.clock()).register(table);
        new ReportRoutes(sales.reports()).register(table);
        new EmailRoutes(email.decisions(), sales.funnel(), base.store().outbox(), email.templates(),
                email.sender(), base.json(), idempotency).register(table);
        new CheckRoutes(email.decisions(), phone.touches(), base.json(), idempotency).register(table);
        new BatchCheckRoutes(gateway.batchChecking(), base.json(), base.clock()).register(table);
        new SuppressionRoutes(permissions.suppressions(), permissions.lists(), base.json(), idempotency, base.clock(),
                DEFAULT_PHONE_REGION).register(table);
        new AuditRoutes(base.store().audit(), base.pseudonyms(), base.auditUpkeep(), DEFAULT_PHONE_REGION)
                .register(table);
        new KeyRoutes(base.keys(), base.json()).register(table);
        new PolicyRoutes(policy.engine(), policy.statePack(),
                dev.outreach.config.ReferenceCoverageReader.fromClasspath()).register(table);
        new EventSubscriptionRoutes(events.subscribing(), base.json()).register(table);
        new CallRoutes(phone.touches(), base.json(), idempotency).register(table);
        new ConsentRoutes(permissions.consents(), sales.funnel(), base.json(), idempotency, base.clock(),
                DEFAULT_PHONE_REGION).register(table);
        new InboundSmsRoutes(phone.inboundTexts(), base.json(), idempotency, DEFAULT_PHONE_REGION).register(table);
        new RevocationReviewRoutes(phone.inboundTexts(), idempotency).register(table);
        new SubjectRoutes(rights.exporting(), rights.erasure(), rights.objection(),
                rights.inactiveLeads(), base.store().leads(), base.json(),
                idempotency, DEFAULT_PHONE_REGION).register(table);
        Pages pages = new Pages();
        new UnsubscribeRoutes(email.unsubscribing(), email.categoryPreferences(), pages, email.sender().name()).register(table);
        ConsoleSessions sessions = new ConsoleSessions(base.keys(), base.clock(),
                base.config().duration(ConfigKey.CONSOLE_SESSION_IDLE),
                base.config().duration(ConfigKey.CONSOLE_SESSION_LIFETIME));
        consoleAccess = new ConsoleAccess(base.keys(), sessions, new SignInThrottle(base.clock(),
                SIGN_IN_FAILURES_ALLOWED, SIGN_IN_THROTTLE_WINDOW), base.audit(),
                base.config().string(ConfigKey.PUBLIC_BASE_URL).startsWith("https:"), pages);
        new SessionRoutes(sessions, base.audit()).register(table);
        new WebhookRoutes(email.deliverability().webhooks()).register(table);
        consolePages = new ConsolePageTable(table.routes());
        new ConsoleRoutes(consoleAccess, pages).register(consolePages);
        new dev.outreach.web.console.FollowUpPages(pages, sales.reports(), sales.funnel(),
                email.templates(), email.sender(), email.decisions())
                .register(consolePages);
        new dev.outreach.web.console.FunnelPages(pages, sales.reports()).register(consolePages);
        new dev.outreach.web.console.ComplianceReportPages(pages, sales.reports()).register(consolePages);
        new dev.outreach.web.console.FollowUpQueuePage(pages, sales.reports(), base.store().leads(),
                email.templates()).register(consolePages);
        new dev.outreach.web.console.EventPages(pages, base.store().eventSubscriptions())
                .register(consolePages);
        new dev.outreach.web.console.TimeZoneChoice(
                base.config().string(ConfigKey.PUBLIC_BASE_URL).startsWith("https:")).register(consolePages);
        new dev.outreach.web.console.AuditPages(pages, base.store().audit(), base.pseudonyms(),
                base.auditUpkeep(), base.store().touches(), base.store().outbox(), base.json(),
                DEFAULT_PHONE_REGION, base.keys()).register(consolePages);
        new dev.outreach.web.console.ListPages(pages, permissions.lists(), permissions.registry(), base.clock())
                .register(consolePages);
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
                    .result(gateway.base().json().writeValueAsString(Problem.of(e)));
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
