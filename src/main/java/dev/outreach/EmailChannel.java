package dev.outreach;

import dev.outreach.config.ConfigKey;
import dev.outreach.config.GatewayConfig;
import dev.outreach.config.InstanceId;
import dev.outreach.gateway.CategoryPreferences;
import dev.outreach.gateway.RecentTouches;
import dev.outreach.gateway.RecipientResolver;
import dev.outreach.gateway.SubjectObjection;
import dev.outreach.gateway.SuppressionRegister;
import dev.outreach.gateway.UnsubscribeLinks;
import dev.outreach.gateway.Unsubscribing;
import dev.outreach.gateway.email.EmailAttempts;
import dev.outreach.gateway.email.EmailDecisions;
import dev.outreach.gateway.email.EmailFacts;
import dev.outreach.mail.DispatchSettings;
import dev.outreach.mail.DomainPacing;
import dev.outreach.mail.EmlFileTransport;
import dev.outreach.mail.ListUnsubscribeHeaders;
import dev.outreach.mail.MailStreams;
import dev.outreach.mail.MailTransport;
import dev.outreach.mail.MimeComposer;
import dev.outreach.mail.OutboxDispatcher;
import dev.outreach.mail.RetrySchedule;
import dev.outreach.mail.SmtpSettings;
import dev.outreach.mail.SmtpTransport;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.SuppressionReason;
import dev.outreach.store.Store;
import dev.outreach.template.SenderIdentity;
import dev.outreach.template.TemplateCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Email from template to mailbox: the templates and the sender, the decision path, unsubscribe
 * and preference pages, the outbox and its dispatcher, and deliverability (DKIM, bounces,
 * complaints, ESP webhooks, pacing).
 */
public final class EmailChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmailChannel.class);

    private final GatewayConfig config;
    private final TemplateCatalog templates;
    private final SenderIdentity sender;
    private final CategoryPreferences categoryPreferences;
    private final EmailDecisions decisions;
    private final Unsubscribing unsubscribing;
    private final Deliverability deliverability;
    private final OutboxDispatcher dispatcher;

    EmailChannel(Foundation base, PolicyInForce policy, ContactPermissions permissions, SubjectObjection objection) {
        MailStreams.useAngusProvider();
        this.config = base.config();
        Store store = base.store();
        SuppressionRegister suppressions = permissions.suppressions();
        this.templates = TemplateCatalog.load(config.path(ConfigKey.TEMPLATES_DIR));
        this.sender = new SenderIdentity(config.string(ConfigKey.SENDER_NAME),
                config.string(ConfigKey.SENDER_FROM_ADDRESS), config.string(ConfigKey.SENDER_POSTAL_ADDRESS));
        this.categoryPreferences = new CategoryPreferences(base.tokens(), store.categoryOptOuts(), templates,
                base.audit(), base.clock());
        EmailFacts facts = new EmailFacts(suppressions, new RecentTouches(store.touches()), policy.settings(),
                permissions.consents(), policy.jurisdictions(), categoryPreferences);
        UnsubscribeLinks links = new UnsubscribeLinks(base.tokens(), config.string(ConfigKey.PUBLIC_BASE_URL));
        this.decisions = new EmailDecisions(
                new EmailAttempts(new RecipientResolver(store.leads(), base.pseudonyms(), store.knownRecipients(), suppressions), templates, sender, links),
                facts, suppressions, policy.engine(), base.audit(), store.transactions(), store.touches(),
                store.outbox(), new MimeComposer(base.clock(), unsubscribeHeaders(config)), sender,
                Foundation.blankToNull(config.string(ConfigKey.SENDER_UNSUBSCRIBE_MAILTO)), base.clock());
        this.unsubscribing = new Unsubscribing(base.tokens(), suppressions, store.audit(), store.leads(),
                policy.jurisdictions());
        this.deliverability = Deliverability.open(config, store, base.clock());
        deliverability.wireFeedback(suppressions, objection, base.pseudonyms(), store, base.audit());
        this.dispatcher = new OutboxDispatcher(store.outbox(), deliverability.wrap(transport(config)),
                message -> suppressions.addByKey("EMAIL", message.recipientKey(), message.recipient(),
                        SuppressionReason.BOUNCE, "smtp", "system"),
                base.clock(), DispatchSettings.defaults().withRetries(retries(config)).withOwner(InstanceId.of(config))
                        .withWorkers(config.integer(ConfigKey.OUTBOX_WORKERS)),
                pacingWithMetrics(deliverability.pacing(), base.metrics()));
    }

    public TemplateCatalog templates() {
        return templates;
    }

    public SenderIdentity sender() {
        return sender;
    }

    public CategoryPreferences categoryPreferences() {
        return categoryPreferences;
    }

    public EmailDecisions decisions() {
        return decisions;
    }

    public Unsubscribing unsubscribing() {
        return unsubscribing;
    }

    public Deliverability deliverability() {
        return deliverability;
    }

    public OutboxDispatcher dispatcher() {
        return dispatcher;
    }

    /** Reports template lint, warns of mail that cannot pass, starts the outbox and deliverability. */
    void start() {
        templates.problems().forEach(p -> LOG.error("template lint: {}", p));
        warnIfCommercialMailCannotPass();
        dispatcher.start(config.duration(ConfigKey.OUTBOX_POLL_INTERVAL));
        deliverability.start();
    }

    /** A commercial email without the sender's postal address is blocked (canspam.message-content), not sent. */
    private void warnIfCommercialMailCannotPass() {
        boolean commercial = templates.templates().stream().anyMatch(t -> t.purpose() == Purpose.COMMERCIAL);
        if (commercial && !sender.hasPostalAddress()) {
            LOG.warn("sender.postal-address is not set: every COMMERCIAL email is blocked by canspam.message-content "
                    + "(15 USC 7704(a)(5)(A)(iii)) until it is configured");
        }
    }

    /** Deferrals (421/451) per recipient domain as a Prometheus counter. */
    private static DomainPacing pacingWithMetrics(DomainPacing pacing, MeterRegistry metrics) {
        deferrals(metrics, "other"); // on the first scrape, before any deferral
        pacing.onDeferral(domain -> deferrals(metrics, domain).increment());
        return pacing;
    }

    private static Counter deferrals(MeterRegistry metrics, String domain) {
        return Counter.builder("outreach.outbox.deferrals")
                .description("Deliveries a recipient domain deferred with 421/451; that domain is backed off")
                .tag("domain", domain).register(metrics);
    }

    private static MailTransport transport(GatewayConfig config) {
        if (!config.isSet(ConfigKey.SMTP_HOST)) {
            return new EmlFileTransport(config.path(ConfigKey.DATA_DIR).resolve("outbox"));
        }
        return new SmtpTransport(new SmtpSettings(config.string(ConfigKey.SMTP_HOST), config.integer(ConfigKey.SMTP_PORT),
                Foundation.blankToNull(config.string(ConfigKey.SMTP_USERNAME)),
                Foundation.blankToNull(config.string(ConfigKey.SMTP_PASSWORD)),
                config.bool(ConfigKey.SMTP_STARTTLS), config.duration(ConfigKey.SMTP_CONNECT_TIMEOUT),
                config.duration(ConfigKey.SMTP_READ_TIMEOUT), config.duration(ConfigKey.SMTP_WRITE_TIMEOUT)));
    }

    /** Real delivery gets https-only one-click links (RFC 8058); the .eml outbox and labs may use http. */
    private static ListUnsubscribeHeaders unsubscribeHeaders(GatewayConfig config) {
        return config.isSet(ConfigKey.SMTP_HOST) && !config.bool(ConfigKey.PUBLIC_ALLOW_PLAIN_HTTP)
                ? ListUnsubscribeHeaders.httpsOnly() : ListUnsubscribeHeaders.allowingPlainHttp();
    }

    private static RetrySchedule retries(GatewayConfig config) {
        RetrySchedule standard = RetrySchedule.standard();
        return new RetrySchedule(standard.firstDelay(), standard.maxDelay(), config.integer(ConfigKey.OUTBOX_MAX_ATTEMPTS));
    }

    @Override
    public void close() {
        dispatcher.close();
        deliverability.close();
    }
}
