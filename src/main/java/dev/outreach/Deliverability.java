package dev.outreach;

import dev.outreach.audit.AuditTrail;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.config.ConfigException;
import dev.outreach.config.ConfigKey;
import dev.outreach.config.GatewayConfig;
import dev.outreach.contact.Jurisdictions;
import dev.outreach.gateway.DeliveryFeedback;
import dev.outreach.gateway.SubjectObjection;
import dev.outreach.gateway.SuppressionRegister;
import dev.outreach.mail.DomainPacing;
import dev.outreach.mail.MailTransport;
import dev.outreach.mail.bounce.BounceMailbox;
import dev.outreach.mail.bounce.ReturnPaths;
import dev.outreach.mail.bounce.ReturnedMailReader;
import dev.outreach.mail.bounce.ReturnedMessage;
import dev.outreach.mail.bounce.VerpTransport;
import dev.outreach.mail.dkim.DkimKeys;
import dev.outreach.mail.dkim.DkimMessageSigning;
import dev.outreach.mail.dkim.DkimSigningTransport;
import dev.outreach.store.Store;
import dev.outreach.store.DeliveryRecords;
import dev.outreach.webhook.EspWebhook;
import dev.outreach.webhook.HttpSnsCertificates;
import dev.outreach.webhook.MailgunWebhook;
import dev.outreach.webhook.PostmarkWebhook;
import dev.outreach.webhook.SendGridWebhook;
import dev.outreach.webhook.SesWebhook;
import dev.outreach.webhook.SnsCertificates;
import dev.outreach.webhook.SnsSubscriptions;
import dev.outreach.webhook.WebhookReceiving;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * The deliverability feature wired once (docs/deliverability.md): DKIM keys and signing, VERP
 * return paths, the bounce mailbox and the feedback use case that webhooks share.
 */
public final class Deliverability implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Deliverability.class);

    private final GatewayConfig config;
    private final Clock clock;
    private final DkimKeys keys;
    private final DeliveryRecords records;
    private final ReturnPaths returnPaths;
    private DeliveryFeedback feedback;
    private BounceMailbox mailbox;
    private WebhookReceiving webhooks;
    private DomainPacing.SentVolume sentVolume;
    private volatile SnsCertificates snsCertificates = new HttpSnsCertificates();
    private volatile SnsSubscriptions snsSubscriptions = SnsSubscriptions.overHttps();

    private Deliverability(GatewayConfig config, Clock clock, DkimKeys keys, DeliveryRecords records,
                           ReturnPaths returnPaths) {
        this.config = config;
        this.clock = clock;
        this.keys = keys;
        this.records = records;
        this.returnPaths = returnPaths;
    }

    /** Call after the main store is open (it migrates the tables used here). */
    static Deliverability open(GatewayConfig config, Store store, Clock clock) {
        DkimKeys keys;
        try {
            Path dir = config.isSet(ConfigKey.DKIM_DIR) ? config.path(ConfigKey.DKIM_DIR)
                    : config.path(ConfigKey.DATA_DIR).resolve("dkim");
            keys = DkimKeys.load(dir, config.list(ConfigKey.DKIM_KEYS));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        DeliveryRecords records = store.deliveryRecords();
        ReturnPaths returnPaths = config.isSet(ConfigKey.BOUNCE_DOMAIN)
                ? new ReturnPaths(store.secrets().getOrCreate("return-path-key", Deliverability::random32),
                        config.string(ConfigKey.BOUNCE_DOMAIN), records, clock)
                : null;
        Deliverability deliverability = new Deliverability(config, clock, keys, records, returnPaths);
        deliverability.sentVolume = store.outbox()::sentOn;
        return deliverability;
    }

    /** Signs every message (DKIM) and, over SMTP with a bounce domain, gives it a VERP return path. */
    MailTransport wrap(MailTransport transport) {
        MailTransport enveloped = returnPaths != null && config.isSet(ConfigKey.SMTP_HOST)
                ? new VerpTransport(returnPaths, transport) : transport;
        return new DkimSigningTransport(new DkimMessageSigning(keys), enveloped);
    }

    /** Wires the use case that turns bounces, complaints and unsubscribes into suppressions. */
    void wireFeedback(SuppressionRegister suppressions, SubjectObjection subjectRights, RecipientPseudonyms pseudonyms,
                      Store store, AuditTrail audit) {
        try {
            this.feedback = new DeliveryFeedback(suppressions, subjectRights, pseudonyms, store.outbox(), records,
                    store.leads(), Jurisdictions.shipped(), audit, clock, config.integer(ConfigKey.BOUNCE_SOFT_LIMIT),
                    config.duration(ConfigKey.BOUNCE_SOFT_WINDOW));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        this.webhooks = new WebhookReceiving(configuredWebhooks(), feedback, clock);
        if (config.isSet(ConfigKey.BOUNCE_IMAP_HOST)) {
            ReturnedMailReader reader = new ReturnedMailReader(
                    text -> returnPaths == null ? Optional.empty() : returnPaths.messageFor(text),
                    blankToNull(config.string(ConfigKey.SENDER_UNSUBSCRIBE_MAILTO)));
            this.mailbox = new BounceMailbox(new BounceMailbox.Settings(config.string(ConfigKey.BOUNCE_IMAP_HOST),
                    config.integer(ConfigKey.BOUNCE_IMAP_PORT), config.bool(ConfigKey.BOUNCE_IMAP_SSL),
                    blankToNull(config.string(ConfigKey.BOUNCE_IMAP_USERNAME)),
                    blankToNull(config.string(ConfigKey.BOUNCE_IMAP_PASSWORD)), config.string(ConfigKey.BOUNCE_IMAP_FOLDER),
                    Duration.ofSeconds(30)), reader, this::onReturnedMail);
        }
    }

    /** Each provider whose secret is configured; the others answer 404. */
    private List<EspWebhook> configuredWebhooks() {
        Duration window = config.duration(ConfigKey.WEBHOOK_TIMESTAMP_WINDOW);
        List<EspWebhook> list = new ArrayList<>();
        try {
            if (config.isSet(ConfigKey.WEBHOOK_SES_TOPIC_ARNS)) {
                list.add(new SesWebhook(new HashSet<>(config.list(ConfigKey.WEBHOOK_SES_TOPIC_ARNS)),
                        url -> snsCertificates.certificate(url), url -> snsSubscriptions.confirm(url), window));
            }
            if (config.isSet(ConfigKey.WEBHOOK_SENDGRID_PUBLIC_KEY)) {
                list.add(new SendGridWebhook(config.string(ConfigKey.WEBHOOK_SENDGRID_PUBLIC_KEY), window));
            }
            if (config.isSet(ConfigKey.WEBHOOK_MAILGUN_SIGNING_KEY)) {
                list.add(new MailgunWebhook(config.string(ConfigKey.WEBHOOK_MAILGUN_SIGNING_KEY), window));
            }
            if (config.isSet(ConfigKey.WEBHOOK_POSTMARK_PASSWORD)) {
                list.add(new PostmarkWebhook(config.string(ConfigKey.WEBHOOK_POSTMARK_USERNAME),
                        config.string(ConfigKey.WEBHOOK_POSTMARK_PASSWORD)));
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        return list;
    }

    /**
     * Replaces where SNS certificates come from and how subscriptions are confirmed (tests, which
     * cannot reach AWS; an offline deployment with its own certificate store).
     */
    public void useSns(SnsCertificates certificates, SnsSubscriptions subscriptions) {
        this.snsCertificates = certificates;
        this.snsSubscriptions = subscriptions;
    }

    public WebhookReceiving webhooks() {
        return webhooks;
    }

    private void onReturnedMail(ReturnedMessage found) {
        feedback.apply(new DeliveryFeedback.Event("mailbox", found.eventId(),
                DeliveryFeedback.Kind.valueOf(found.kind().name()), found.recipient(), found.messageId(), found.status()));
    }

    /** Warns about sender domains that would go out unsigned, and starts reading the bounce mailbox. */
    void start() {
        if (config.isSet(ConfigKey.SMTP_HOST)) {
            for (String domain : config.senderDomains()) {
                if (keys.forDomain(domain).isEmpty()) {
                    LOG.warn("sender domain {} has no DKIM key: its mail goes out unsigned and Gmail and Yahoo "
                            + "reject or junk unauthenticated bulk mail (run: dkim generate --domain {} --selector s1)",
                            domain, domain);
                }
            }
        }
        if (mailbox != null) {
            mailbox.start(config.duration(ConfigKey.BOUNCE_POLL_INTERVAL));
        }
    }

    /** Per-recipient-domain pacing from the pacing.* keys; warm-up counts what the outbox marked SENT. */
    DomainPacing pacing() {
        try {
            Map<String, Integer> rates = new HashMap<>(DomainPacing.Settings.providerDefaults());
            rates.put("*", config.integer(ConfigKey.PACING_DEFAULT_PER_MINUTE));
            rates.putAll(domainNumbers(ConfigKey.PACING_DOMAIN_LIMITS));
            Map<String, Integer> concurrency = new HashMap<>(DomainPacing.Settings.providerConcurrency());
            concurrency.put("*", config.integer(ConfigKey.PACING_DEFAULT_CONCURRENCY));
            concurrency.putAll(domainNumbers(ConfigKey.PACING_DOMAIN_CONCURRENCY));
            Map<String, LocalDate> warmups = new HashMap<>();
            for (String entry : config.list(ConfigKey.PACING_WARMUP_DOMAINS)) {
                String[] parts = entry.strip().split(":", 2);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("pacing.warmup-domains entry must be domain:YYYY-MM-DD, was '"
                            + entry + "'");
                }
                warmups.put(parts[0].strip().toLowerCase(java.util.Locale.ROOT), LocalDate.parse(parts[1].strip()));
            }
            return new DomainPacing(new DomainPacing.Settings(config.bool(ConfigKey.PACING_ENABLED), rates, warmups,
                    config.integer(ConfigKey.PACING_WARMUP_FIRST_DAY_CAP),
                    Double.parseDouble(config.string(ConfigKey.PACING_WARMUP_GROWTH)), concurrency), sentVolume);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** {@code domain=number} entries of a list key, domains lower-cased. */
    private Map<String, Integer> domainNumbers(ConfigKey key) {
        Map<String, Integer> numbers = new HashMap<>();
        for (String entry : config.list(key)) {
            String[] parts = entry.strip().split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException(key.key() + " entry must be domain=number, was '" + entry + "'");
            }
            numbers.put(parts[0].strip().toLowerCase(java.util.Locale.ROOT), Integer.parseInt(parts[1].strip()));
        }
        return numbers;
    }

    public DeliveryFeedback feedback() {
        return feedback;
    }

    public DkimKeys keys() {
        return keys;
    }

    /** The bounce mailbox, when one is configured (tests poll it directly). */
    public Optional<BounceMailbox> mailbox() {
        return Optional.ofNullable(mailbox);
    }

    @Override
    public void close() {
        if (mailbox != null) {
            mailbox.close();
        }
    }

    private static byte[] random32() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
