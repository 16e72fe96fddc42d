package dev.outreach.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key, its default and what it does. The single source for the YAML loader,
 * the environment overrides and docs/configuration.md (a test keeps the doc in step).
 */
public enum ConfigKey {
    HTTP_PORT("http.port", "8080", "TCP port of the HTTP API, unsubscribe pages and console."),
    HTTP_HOST("http.host", "0.0.0.0", "Interface to listen on."),
    DATA_DIR("data.dir", "data", "Directory for the SQLite database and the .eml outbox (created on first start)."),
    INSTANCE_ID("instance.id", "",
            "This instance's id on leases it takes; empty: a random id kept in <data.dir>/instance-id."),
    TEMPLATES_DIR("templates.dir", "templates", "Directory of the SOP follow-up templates."),
    LISTS_DIR("lists.dir", "suppression-lists", "Directory of suppression list files (see suppression-lists/README.md)."),
    LISTS_POLL_INTERVAL("lists.poll-interval", "PT10S", "How often list files are checked for changes (ISO-8601 duration)."),
    PUBLIC_BASE_URL("public.base-url", "",
            "Base URL recipients reach for unsubscribe links. Empty: http://localhost:<http.port>. Must be https "
                    + "when smtp.host is set (RFC 8058) unless public.allow-plain-http."),
    SENDER_NAME("sender.name", "Outreach Gateway", "Display name in From."),
    SENDER_FROM_ADDRESS("sender.from-address", "sales@example.com", "From address of every message."),
    SENDER_ALLOWED_DOMAINS("sender.allowed-domains", "",
            "Comma-separated domains the gateway may send From (rule email.sender-domain). Empty: the from-address's domain."),
    SENDER_POSTAL_ADDRESS("sender.postal-address", "",
            "Valid physical postal address for the footer (15 USC 7704(a)(5)(A)(iii)). Empty blocks every commercial email."),
    SENDER_UNSUBSCRIBE_MAILTO("sender.unsubscribe-mailto", "",
            "Optional address for a mailto List-Unsubscribe entry beside the https one."),
    SMTP_HOST("smtp.host", "", "SMTP relay host. Empty: messages are written as .eml files to <data.dir>/outbox/."),
    SMTP_PORT("smtp.port", "587", "SMTP relay port."),
    SMTP_USERNAME("smtp.username", "", "SMTP AUTH user (empty: no authentication)."),
    SMTP_PASSWORD("smtp.password", "", "SMTP AUTH password."),
    SMTP_STARTTLS("smtp.starttls", "true", "Require STARTTLS."),
    SMTP_CONNECT_TIMEOUT("smtp.connect-timeout", "PT10S", "Connect timeout."),
    SMTP_READ_TIMEOUT("smtp.read-timeout", "PT30S", "Read timeout."),
    SMTP_WRITE_TIMEOUT("smtp.write-timeout", "PT30S", "Write timeout."),
    OUTBOX_POLL_INTERVAL("outbox.poll-interval", "PT2S", "How often the outbox is drained."),
    OUTBOX_MAX_ATTEMPTS("outbox.max-attempts", "12", "Delivery attempts before a message is FAILED."),
    OUTBOX_WORKERS("outbox.workers", "4", "Delivery workers, each reusing its own SMTP connection; per recipient "
            + "domain at most pacing.default-concurrency / pacing.domain-concurrency of them at once."),
    STORE_URL("store.url", "", "JDBC URL: jdbc:sqlite:... or jdbc:postgresql:... Empty: SQLite at <data.dir>/gateway.db."),
    STORE_USERNAME("store.username", "", "Database user (PostgreSQL)."),
    STORE_PASSWORD("store.password", "", "Database password (PostgreSQL)."),
    POLICY_FREQUENCY_CAP("policy.frequency-cap", "0",
            "Organisation cap on allowed touches per recipient per window (rule policy.frequency-cap). 0 = off."),
    POLICY_FREQUENCY_WINDOW("policy.frequency-window", "P7D", "Window of the frequency cap."),
    POLICY_DUPLICATE_WINDOW("policy.duplicate-window", "PT24H",
            "Same template to the same lead within this window is a duplicate (rule policy.duplicate)."),
    POLICY_STATE_RULES("policy.state-rules", "",
            "A state rule pack YAML to use instead of the built-in one (e.g. to add ad-hoc holidays or turn a row "
                    + "off with a recorded reason). Empty: the built-in pack."),
    POLICY_REVOKE_ALL_SCOPE_FROM("policy.revoke-all-scope-from", "2027-01-31",
            "Date (ISO-8601) from which a revocation of one message type revokes all robocall and robotext consent "
                    + "(47 CFR 64.1200(a)(10), delayed by FCC CGB order 2026-01-06); before it only the type revoked."),
    AUDIT_CHECKPOINT_EVERY_ENTRIES("audit.checkpoint-every-entries", "1000",
            "A signed audit checkpoint after this many entries appended by this gateway (see docs/audit.md)."),
    AUDIT_CHECKPOINT_INTERVAL("audit.checkpoint-interval", "PT10M",
            "A signed audit checkpoint this often when the log grew, and one on clean shutdown."),
    AUDIT_CHECKPOINT_FILE("audit.checkpoint-file", "",
            "File of signed audit checkpoints, outside the database. Empty: <data.dir>/audit-checkpoints.jsonl."),
    RETENTION_AUDIT("retention.audit", "P1825D",
            "How long audit entries are kept before the daily prune may remove them (sealed by a checkpoint first)."),
    RETENTION_COMPANY_DNC("retention.company-dnc", "P1825D",
            "How long company do-not-call audit records are kept; at least P1825D (47 CFR 64.1200(d)(6))."),
    RETENTION_INACTIVE_LEADS("retention.inactive-leads", "P730D",
            "Leads with no activity this long are anonymised by the daily purge (GDPR Art 5(1)(e); docs/gdpr.md)."),
    FOLLOWUPS_CADENCE_LEAD_QUALIFICATION("followups.cadence.lead-qualification", "P2D",
            "SOP follow-up cadence in LEAD_QUALIFICATION, in business time (P2D = 2 business days); see docs/reports.md."),
    FOLLOWUPS_CADENCE_ENGAGEMENT("followups.cadence.engagement", "P5D",
            "SOP follow-up cadence in ENGAGEMENT, in business time."),
    FOLLOWUPS_CADENCE_NEGOTIATION("followups.cadence.negotiation", "P3D",
            "SOP check-in cadence in NEGOTIATION, in business time."),
    FOLLOWUPS_CADENCE_CLOSING("followups.cadence.closing", "P2D",
            "SOP follow-up cadence in CLOSING, in business time."),
    FOLLOWUPS_CADENCE_POST_SALE("followups.cadence.post-sale", "P20D",
            "SOP check-in cadence in POST_SALE, in business time."),
    CALENDAR_ZONE("calendar.zone", "UTC", "IANA time zone whose days the business calendar counts."),
    CALENDAR_WEEKEND("calendar.weekend", "SATURDAY,SUNDAY", "Comma-separated days of the week that are not business days."),
    CALENDAR_HOLIDAYS("calendar.holidays", "",
            "Comma-separated ISO dates (2026-12-25) that are not business days."),
    CONSOLE_SESSION_IDLE("console.session-idle", "PT8H",
            "A console session ends after this long without a request (ISO-8601 duration)."),
    CONSOLE_SESSION_LIFETIME("console.session-lifetime", "PT12H",
            "A console session ends this long after sign-in however active it is; revoking its key ends it at once."),
    PUBLIC_ALLOW_PLAIN_HTTP("public.allow-plain-http", "false",
            "Allow an http:// public.base-url while SMTP delivery is configured (a lab only: RFC 8058 one-click "
                    + "unsubscribe needs https)."),
    REPORTS_QUALIFIED_THRESHOLD("reports.qualified-threshold", "5",
            "How many of the five qualification criteria (need, budget, authority, timeline, fit) make a lead a "
                    + "qualified prospect for the close rate (1-5)."),
    EVENTS_POLL_INTERVAL("events.poll-interval", "PT2S",
            "How often new events are collected and due webhook deliveries are attempted."),
    EVENTS_RETRY_FIRST_DELAY("events.retry-first-delay", "PT30S",
            "Wait after a webhook delivery's first failed attempt; it doubles after each further one, at most 6 h."),
    EVENTS_MAX_ATTEMPTS("events.max-attempts", "10", "Attempts (at least 1) before a webhook delivery is FAILED."),
    DKIM_DIR("dkim.dir", "", "Directory of DKIM signing keys as <domain>/<selector>.pem (written by 'dkim generate'). "
            + "Empty: <data.dir>/dkim."),
    DKIM_KEYS("dkim.keys", "", "More DKIM keys, comma-separated domain:selector:path entries (PKCS#8 PEM files)."),
    BOUNCE_DOMAIN("bounce.domain", "", "Domain of the VERP return path bounce+<token>@<domain> given to every message "
            + "sent over SMTP. Empty: no VERP; the envelope sender is the From address."),
    BOUNCE_IMAP_HOST("bounce.imap.host", "", "IMAP server of the mailbox receiving bounces, feedback-loop reports and "
            + "mailto unsubscribes. Empty: no mailbox is polled."),
    BOUNCE_IMAP_PORT("bounce.imap.port", "993", "IMAP port of the bounce mailbox."),
    BOUNCE_IMAP_SSL("bounce.imap.ssl", "true", "Connect to the bounce mailbox over TLS (imaps)."),
    BOUNCE_IMAP_USERNAME("bounce.imap.username", "", "IMAP user of the bounce mailbox."),
    BOUNCE_IMAP_PASSWORD("bounce.imap.password", "", "IMAP password of the bounce mailbox."),
    BOUNCE_IMAP_FOLDER("bounce.imap.folder", "INBOX", "Folder of the bounce mailbox to read."),
    BOUNCE_POLL_INTERVAL("bounce.poll-interval", "PT1M", "How often the bounce mailbox is read."),
    BOUNCE_SOFT_LIMIT("bounce.soft-limit", "3", "Transient (4.x.x) bounces within bounce.soft-window that make a BOUNCE "
            + "suppression."),
    BOUNCE_SOFT_WINDOW("bounce.soft-window", "P7D", "Window in which transient bounces are counted."),
    WEBHOOK_TIMESTAMP_WINDOW("webhook.timestamp-window", "PT5M", "ESP webhook requests signed longer ago (or further "
            + "ahead) than this are refused as replays."),
    WEBHOOK_SES_TOPIC_ARNS("webhook.ses.topic-arns", "", "Comma-separated SNS topic ARNs whose SES notifications "
            + "are accepted. Empty: the SES webhook is off."),
    WEBHOOK_SENDGRID_PUBLIC_KEY("webhook.sendgrid.public-key", "", "SendGrid Event Webhook verification key (base64 "
            + "ECDSA public key). Empty: the SendGrid webhook is off."),
    WEBHOOK_MAILGUN_SIGNING_KEY("webhook.mailgun.signing-key", "", "Mailgun HTTP webhook signing key. Empty: the Mailgun "
            + "webhook is off."),
    WEBHOOK_POSTMARK_USERNAME("webhook.postmark.username", "", "Basic-auth user Postmark sends with its webhooks."),
    WEBHOOK_POSTMARK_PASSWORD("webhook.postmark.password", "", "Basic-auth password Postmark sends with its webhooks. "
            + "Empty: the Postmark webhook is off."),
    PACING_ENABLED("pacing.enabled", "true", "Pace delivery per recipient domain (rate, 421/451 backoff, warm-up)."),
    PACING_DEFAULT_PER_MINUTE("pacing.default-per-minute", "120", "Messages a minute to a recipient domain without "
            + "its own limit."),
    PACING_DOMAIN_LIMITS("pacing.domain-limits", "", "Comma-separated domain=messages-a-minute entries, over the "
            + "built-in limits for the large providers."),
    PACING_DEFAULT_CONCURRENCY("pacing.default-concurrency", "2", "Deliveries at once (per instance) to a "
            + "recipient domain without its own concurrency limit."),
    PACING_DOMAIN_CONCURRENCY("pacing.domain-concurrency", "", "Comma-separated domain=deliveries-at-once entries, "
            + "over the built-in limits for the large providers (gmail.com 4, others 2)."),
    PACING_WARMUP_DOMAINS("pacing.warmup-domains", "", "Comma-separated sending-domain:YYYY-MM-DD entries: new "
            + "sending domains and the first day of their warm-up."),
    PACING_WARMUP_FIRST_DAY_CAP("pacing.warmup-first-day-cap", "50", "Messages a warming-up domain may send on its "
            + "first day."),
    PACING_WARMUP_GROWTH("pacing.warmup-growth", "1.5", "Factor by which the warm-up daily cap grows each day.");

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** {@code http.port} → {@code OUTREACH_HTTP_PORT}. */
    public String environmentVariable() {
        return "OUTREACH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
