package dev.outreach;

import dev.outreach.audit.AuditKind;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.outreach.audit.AuditTrail;
import dev.outreach.audit.AuditUpkeep;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.config.ConfigException;
import dev.outreach.config.ConfigKey;
import dev.outreach.config.GatewayConfig;
import dev.outreach.config.InstanceId;
import dev.outreach.config.StateRulePackReader;
import dev.outreach.contact.Jurisdictions;
import dev.outreach.gateway.AccessKeys;
import dev.outreach.gateway.ConsentLedger;
import dev.outreach.gateway.RecentTouches;
import dev.outreach.gateway.email.EmailAttempts;
import dev.outreach.gateway.email.EmailDecisions;
import dev.outreach.gateway.email.EmailFacts;
import dev.outreach.gateway.InactiveLeadPurge;
import dev.outreach.gateway.Funnel;
import dev.outreach.gateway.PhoneFactGatherer;
import dev.outreach.gateway.PhoneTouches;
import dev.outreach.contact.PhoneLocator;
import dev.outreach.suppression.NationalDncLoad;
import dev.outreach.suppression.NationalDncRegistry;
import dev.outreach.gateway.LeadImport;
import dev.outreach.gateway.InboundTexts;
import dev.outreach.gateway.RecipientResolver;
import dev.outreach.gateway.RevocationKeywords;
import dev.outreach.gateway.SubjectErasure;
import dev.outreach.gateway.SubjectExporting;
import dev.outreach.gateway.SubjectObjection;
import dev.outreach.gateway.SuppressionRegister;
import dev.outreach.gateway.UnsubscribeLinks;
import dev.outreach.gateway.Unsubscribing;
import dev.outreach.mail.DispatchSettings;
import dev.outreach.mail.EmlFileTransport;
import dev.outreach.mail.ListUnsubscribeHeaders;
import dev.outreach.mail.MailTransport;
import dev.outreach.mail.MimeComposer;
import dev.outreach.mail.OutboxDispatcher;
import dev.outreach.mail.RetrySchedule;
import dev.outreach.mail.SmtpSettings;
import dev.outreach.mail.SmtpTransport;
import dev.outreach.mail.UnsubscribeTokens;
import dev.outreach.policy.PolicyEngine;
import dev.outreach.policy.PolicySettings;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.RuleBook;
import dev.outreach.report.ReportSettings;
import dev.outreach.report.Reports;
import dev.outreach.store.Store;
import dev.outreach.store.jdbc.JdbcStorageScrub;
import dev.outreach.store.jdbc.JdbcStore;
import dev.outreach.suppression.LoadedList;
import dev.outreach.suppression.SuppressionLists;
import dev.outreach.template.SenderIdentity;
import dev.outreach.template.TemplateCatalog;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The assembled gateway: configuration in, every part wired, nothing started until {@link #start}.
 * The order of wiring follows the flow of a touch described in docs/decisions.md.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final Clock clock;
    private final ObjectMapper json;
    private final Store store;
    private final SuppressionLists lists;
    private final TemplateCatalog templates;
    private final PolicyEngine engine;
    private final dev.outreach.policy.state.StateRulePack statePack;
    private final AuditTrail audit;
    private final RecipientPseudonyms pseudonyms;
    private final SuppressionRegister suppressions;
    private final AccessKeys keys;
    private final Funnel funnel;
    private final EmailDecisions emailDecisions;
    private final Unsubscribing unsubscribing;
    private final ConsentLedger consents;
    private final InboundTexts inboundTexts;
    private final NationalDncRegistry registry;
    private final PhoneTouches phoneTouches;
    private final OutboxDispatcher dispatcher;
    private final SenderIdentity sender;
    private final Reports reports;
    private final LeadImport leadImport;
    private final PrometheusMeterRegistry metrics;
    private final AuditUpkeep auditUpkeep;
    private final SubjectExporting subjectExporting;
    private final SubjectErasure subjectErasure;
    private final SubjectObjection subjectObjection;
    private final InactiveLeadPurge inactiveLeads;
    private final dev.outreach.scrub.BatchChecking batchChecking;
    private final dev.outreach.audit.ListLoadChanges listLoadChanges;
    private final dev.outreach.gateway.CategoryPreferences categoryPreferences;
    private final dev.outreach.events.EventSubscribing eventSubscribing;
    private final dev.outreach.events.EventDispatcher eventDispatcher;
    private final Deliverability deliverability;

    public Gateway(GatewayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.json = objectMapper();
        this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.store = JdbcStore.open(config.storeUrl(), blankToNull(config.string(ConfigKey.STORE_USERNAME)),
                blankToNull(config.string(ConfigKey.STORE_PASSWORD)), metrics);
        this.pseudonyms = new RecipientPseudonyms(store.secrets().getOrCreate("recipient-pseudonym-key", Gateway::random32));
        UnsubscribeTokens tokens = new UnsubscribeTokens(store.secrets().getOrCreate("unsubscribe-token-key",
                Gateway::random32));
        // Decisions per fsync: how many units of work each group commit carried.
        io.micrometer.core.instrument.DistributionSummary groupSize = io.micrometer.core.instrument.DistributionSummary
                .builder("outreach.store.commit.units")
                .description("Units of work (decisions and other writes) made durable by one commit of the store's writer")
                .register(metrics);
        store.transactions().afterCommit(units -> groupSize.record(units.size()));
        this.deliverability = Deliverability.open(config, store, clock);
        this.audit = new AuditTrail(store.audit(), store.transactions(), json, clock, metrics);
        this.auditUpkeep = AuditUpkeep.from(config, store.audit(), store.secrets(), audit, clock);
        this.lists = new SuppressionLists(clock);
        this.listLoadChanges = new dev.outreach.audit.ListLoadChanges(store.audit(), json);
        lists.onLoad(this::auditListLoad);
        this.templates = TemplateCatalog.load(config.path(ConfigKey.TEMPLATES_DIR));
        PolicySettings settings = new PolicySettings(new HashSet<>(config.senderDomains()),
                config.integer(ConfigKey.POLICY_FREQUENCY_CAP), config.duration(ConfigKey.POLICY_FREQUENCY_WINDOW),
                config.duration(ConfigKey.POLICY_DUPLICATE_WINDOW));
        this.statePack = config.isSet(ConfigKey.POLICY_STATE_RULES)
                ? StateRulePackReader.fromFile(config.path(ConfigKey.POLICY_STATE_RULES))
                : StateRulePackReader.fromClasspath();
        this.engine = RuleBook.engine(settings, statePack);
        this.suppressions = new SuppressionRegister(lists, store.suppressions(), pseudonyms, audit, clock);
        this.keys = new AccessKeys(store.apiKeys(), audit, clock);
        this.funnel = new Funnel(store.leads(), store.touches(), clock);
        this.reports = new Reports(store.leads(), store.touches(), store.audit(), templates,
                ReportSettings.from(config), json, clock);
        this.leadImport = new LeadImport(store.leads(), audit);
        this.sender = new SenderIdentity(config.string(ConfigKey.SENDER_NAME),
                config.string(ConfigKey.SENDER_FROM_ADDRESS), config.string(ConfigKey.SENDER_POSTAL_ADDRESS));
        this.consents = new ConsentLedger(store.consents(), store.suppressions(), suppressions, pseudonyms, audit, clock);
        Jurisdictions jurisdictions = Jurisdictions.shipped();
        RecentTouches recentTouches = new RecentTouches(store.touches());
        this.categoryPreferences = new dev.outreach.gateway.CategoryPreferences(tokens, store.categoryOptOuts(), templates, audit,
                clock);
        EmailFacts facts = new EmailFacts(suppressions, recentTouches, settings, consents, jurisdictions,
                categoryPreferences);
        RecipientResolver resolver = new RecipientResolver(store.leads(), pseudonyms);
        UnsubscribeLinks links = new UnsubscribeLinks(tokens, config.string(ConfigKey.PUBLIC_BASE_URL));
        MimeComposer composer = new MimeComposer(clock, unsubscribeHeaders(config));
        this.emailDecisions = new EmailDecisions(new EmailAttempts(resolver, templates, sender, links), facts,
                suppressions, engine, audit, store.transactions(), store.touches(), store.outbox(), composer, sender,
                blankToNull(config.string(ConfigKey.SENDER_UNSUBSCRIBE_MAILTO)), clock);
        this.unsubscribing = new Unsubscribing(tokens, suppressions, store.audit(), store.leads(), jurisdictions);
        this.eventSubscribing = new dev.outreach.events.EventSubscribing(store.eventSubscriptions(), store.audit(), audit, clock);
        this.eventDispatcher = new dev.outreach.events.EventDispatcher(store.eventSubscriptions(), store.audit(),
                new dev.outreach.events.EventsFromRecords(json), clock, config.duration(ConfigKey.EVENTS_POLL_INTERVAL),
                config.duration(ConfigKey.EVENTS_RETRY_FIRST_DELAY), config.integer(ConfigKey.EVENTS_MAX_ATTEMPTS));
        this.inboundTexts = new InboundTexts(consents, store.revocationReviews(), RevocationKeywords.load(), audit, clock);
        this.registry = new NationalDncRegistry(clock);
        registry.onLoad(this::auditRegistryLoad);
        PhoneFactGatherer phoneFacts = new PhoneFactGatherer(suppressions, registry, consents, PhoneLocator.load(),
                store.leads(), store.touches());
        this.phoneTouches = new PhoneTouches(store.leads(), store.touches(), phoneFacts, engine, audit, pseudonyms,
                registry, consents, store.audit(), store.transactions(), clock);
        this.batchChecking = new dev.outreach.scrub.BatchChecking(new dev.outreach.scrub.PolicyRowDecider(emailDecisions,
                phoneTouches), audit, engine, lists,
                registry, dev.outreach.scrub.BatchScrubber.onAllCores());
        this.dispatcher = new OutboxDispatcher(store.outbox(), deliverability.wrap(transport(config)),
                message -> suppressions.addByKey("EMAIL", message.recipientKey(), message.recipient(), "BOUNCE",
                        "smtp", "system"),
                clock, DispatchSettings.defaults().withRetries(retries(config)).withOwner(InstanceId.of(config))
                        .withWorkers(config.integer(ConfigKey.OUTBOX_WORKERS)),
                pacingWithMetrics(deliverability.pacing()));
        Path emlDirectory = config.path(ConfigKey.DATA_DIR).resolve("outbox");
        this.subjectExporting = new SubjectExporting(store, audit, pseudonyms, emlDirectory, clock);
        this.subjectErasure = new SubjectErasure(store, suppressions, audit, pseudonyms, emlDirectory,
                new JdbcStorageScrub(config.storeUrl(), blankToNull(config.string(ConfigKey.STORE_USERNAME)),
                        blankToNull(config.string(ConfigKey.STORE_PASSWORD))), clock);
        this.subjectObjection = new SubjectObjection(store, suppressions, audit, pseudonyms, clock);
        deliverability.wireFeedback(suppressions, subjectObjection, pseudonyms, store, audit);
        try {
            this.inactiveLeads = new InactiveLeadPurge(store, subjectErasure, audit, pseudonyms,
                    config.duration(ConfigKey.RETENTION_INACTIVE_LEADS), clock);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** Loads the lists, reports template lint, and starts the list watcher and the outbox. */
    public void start() {
        loadLists();
        lists.start(config.duration(ConfigKey.LISTS_POLL_INTERVAL));
        registry.start(config.duration(ConfigKey.LISTS_POLL_INTERVAL));
        templates.problems().forEach(p -> LOG.error("template lint: {}", p));
        warnIfCommercialMailCannotPass();
        dispatcher.start(config.duration(ConfigKey.OUTBOX_POLL_INTERVAL));
        auditUpkeep.start();
        inactiveLeads.start();
        eventDispatcher.start();
        deliverability.start();
    }

    /** Deferrals (421/451) per recipient domain as a Prometheus counter. */
    private dev.outreach.mail.DomainPacing pacingWithMetrics(dev.outreach.mail.DomainPacing pacing) {
        deferrals("other"); // on the first scrape, before any deferral
        pacing.onDeferral(domain -> deferrals(domain).increment());
        return pacing;
    }

    private io.micrometer.core.instrument.Counter deferrals(String domain) {
        return io.micrometer.core.instrument.Counter.builder("outreach.outbox.deferrals")
                .description("Deliveries a recipient domain deferred with 421/451; that domain is backed off")
                .tag("domain", domain).register(metrics);
    }

    /** A commercial email without the sender's postal address is blocked (canspam.message-content), not sent. */
    private void warnIfCommercialMailCannotPass() {
        boolean commercial = templates.templates().stream().anyMatch(t -> t.purpose() == Purpose.COMMERCIAL);
        if (commercial && !sender.hasPostalAddress()) {
            LOG.warn("sender.postal-address is not set: every COMMERCIAL email is blocked by canspam.message-content "
                    + "(15 USC 7704(a)(5)(A)(iii)) until it is configured");
        }
    }

    /** Reads the suppression lists and the national registry once, without watching them (the CLI's need). */
    public void loadLists() {
        lists.load(config.path(ConfigKey.LISTS_DIR));
        registry.load(config.path(ConfigKey.LISTS_DIR).resolve("national-dnc"));
    }

    private void auditListLoad(LoadedList list) {
        if (!listLoadChanges.changed(list.name(), list.sha256())) {
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", list.name());
        detail.put("kind", list.kind().name());
        detail.put("status", list.status().name());
        detail.put("entries", list.entries());
        detail.put("rejectedLines", list.rejectedLines());
        detail.put("sha256", list.sha256());
        detail.put("asOf", String.valueOf(list.asOf()));
        audit.recordChange(AuditKind.LIST_LOADED, "system", null, null, null, detail);
    }

    private void auditRegistryLoad(NationalDncLoad load) {
        if (!listLoadChanges.changed("national-dnc", load.sha256())) {
            warnWithoutAsOf(load);
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", "national-dnc");
        detail.put("status", load.status());
        detail.put("numbers", load.numbers());
        detail.put("rejectedLines", load.rejectedLines());
        detail.put("files", load.files());
        detail.put("sha256", load.sha256());
        detail.put("asOf", String.valueOf(load.asOf()));
        audit.recordChange(AuditKind.LIST_LOADED, "system", null, null, null, detail);
        warnWithoutAsOf(load);
    }

    private static void warnWithoutAsOf(NationalDncLoad load) {
        if (load.asOf() == null) {
            LOG.warn("national do-not-call registry has no valid as-of date: telemarketing to NANP numbers is blocked "
                    + "(tcpa.dnc-data-fresh) until one is loaded ({})", load.detail());
        }
    }

    private static MailTransport transport(GatewayConfig config) {
        if (!config.isSet(ConfigKey.SMTP_HOST)) {
            return new EmlFileTransport(config.path(ConfigKey.DATA_DIR).resolve("outbox"));
        }
        return new SmtpTransport(new SmtpSettings(config.string(ConfigKey.SMTP_HOST), config.integer(ConfigKey.SMTP_PORT),
                blankToNull(config.string(ConfigKey.SMTP_USERNAME)), blankToNull(config.string(ConfigKey.SMTP_PASSWORD)),
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

    /**
     * The JSON mapper of the API and the store. Reading is bounded (nesting, string, number and name
     * sizes; see {@link dev.outreach.web.JsonLimits}) so hostile bodies are refused, never a 5xx, and
     * trailing data after a document is an error rather than silently ignored.
     */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper(dev.outreach.web.JsonLimits.factory()).registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private static byte[] random32() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public void close() {
        eventDispatcher.close();
        dispatcher.close();
        lists.close();
        registry.close();
        inactiveLeads.close();
        auditUpkeep.close();
        deliverability.close();
        store.close();
    }

    public GatewayConfig config() { return config; }
    public Clock clock() { return clock; }
    public ObjectMapper json() { return json; }
    public Store store() { return store; }
    public SuppressionLists lists() { return lists; }
    public TemplateCatalog templates() { return templates; }
    public PolicyEngine engine() { return engine; }

    /** The state rule pack in force, as read at start-up. */
    public dev.outreach.policy.state.StateRulePack statePack() { return statePack; }
    public AuditTrail audit() { return audit; }
    public RecipientPseudonyms pseudonyms() { return pseudonyms; }
    public SuppressionRegister suppressions() { return suppressions; }
    public AccessKeys keys() { return keys; }
    public Funnel funnel() { return funnel; }
    public EmailDecisions emailDecisions() { return emailDecisions; }
    public Unsubscribing unsubscribing() { return unsubscribing; }
    public ConsentLedger consents() { return consents; }
    public InboundTexts inboundTexts() { return inboundTexts; }
    public PhoneTouches phoneTouches() { return phoneTouches; }
    public NationalDncRegistry registry() { return registry; }
    public OutboxDispatcher dispatcher() { return dispatcher; }
    public SenderIdentity sender() { return sender; }
    public Reports reports() { return reports; }
    public LeadImport leadImport() { return leadImport; }
    public PrometheusMeterRegistry metrics() { return metrics; }
    public AuditUpkeep auditUpkeep() { return auditUpkeep; }
    public SubjectExporting subjectExporting() { return subjectExporting; }
    public SubjectErasure subjectErasure() { return subjectErasure; }
    public SubjectObjection subjectObjection() { return subjectObjection; }
    public InactiveLeadPurge inactiveLeads() { return inactiveLeads; }
    public dev.outreach.scrub.BatchChecking batchChecking() { return batchChecking; }
    public dev.outreach.gateway.CategoryPreferences categoryPreferences() { return categoryPreferences; }
    public dev.outreach.events.EventSubscribing eventSubscribing() { return eventSubscribing; }
    public dev.outreach.events.EventDispatcher eventDispatcher() { return eventDispatcher; }
    public dev.outreach.store.EventSubscriptions eventSubscriptions() { return store.eventSubscriptions(); }
    public Deliverability deliverability() { return deliverability; }
}
