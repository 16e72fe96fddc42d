package dev.outreach;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.outreach.config.GatewayConfig;
import dev.outreach.scrub.BatchChecking;
import dev.outreach.scrub.BatchScrubber;
import dev.outreach.scrub.PolicyRowDecider;
import dev.outreach.store.Store;

import java.time.Clock;

/**
 * The assembled gateway: configuration in, each feature wired by itself in the order of the flow
 * of a touch (docs/decisions.md), nothing started until {@link #start}. Callers take the feature
 * they use ({@link #email()}, {@link #phone()}...), not parts of it from here.
 */
public final class Gateway implements AutoCloseable {

    private final Foundation base;
    private final PolicyInForce policy;
    private final ContactPermissions permissions;
    private final SubjectRights subjectRights;
    private final EmailChannel email;
    private final CallsAndTexts phone;
    private final SalesFunnel funnel;
    private final EventFeed events;
    private final BatchChecking batchChecking;

    public Gateway(GatewayConfig config, Clock clock) {
        this.base = Foundation.open(config, clock);
        this.policy = PolicyInForce.from(config);
        this.permissions = new ContactPermissions(base);
        this.subjectRights = new SubjectRights(base, permissions.suppressions());
        this.email = new EmailChannel(base, policy, permissions, subjectRights.objection());
        this.phone = CallsAndTexts.wire(base, policy, permissions);
        this.funnel = SalesFunnel.wire(base, email.templates());
        this.events = EventFeed.wire(base);
        this.batchChecking = new BatchChecking(new PolicyRowDecider(email.decisions(), phone.touches(),
                base.store().knownRecipients()), base.audit(),
                policy.engine(), permissions.lists(), permissions.registry(), BatchScrubber.onAllCores());
    }

    /** Loads and watches the lists, then starts the outbox, audit upkeep, purges and event delivery. */
    public void start() {
        permissions.start();
        email.start();
        base.auditUpkeep().start();
        subjectRights.start();
        events.dispatcher().start();
    }

    /** Reads the suppression lists and the national registry once, without watching them (the CLI's need). */
    public void loadLists() {
        permissions.load();
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

    @Override
    public void close() {
        events.close();
        email.close();
        permissions.close();
        subjectRights.close();
        base.auditUpkeep().close();
        base.store().close();
    }

    /** Configuration, clock, JSON, metrics, store, audit trail, pseudonyms and keys. */
    public Foundation base() { return base; }
    public GatewayConfig config() { return base.config(); }
    public Clock clock() { return base.clock(); }
    public Store store() { return base.store(); }
    public PolicyInForce policy() { return policy; }
    public ContactPermissions permissions() { return permissions; }
    public SubjectRights subjectRights() { return subjectRights; }
    public EmailChannel email() { return email; }
    public CallsAndTexts phone() { return phone; }
    public SalesFunnel sales() { return funnel; }
    public EventFeed events() { return events; }
    public BatchChecking batchChecking() { return batchChecking; }
}
