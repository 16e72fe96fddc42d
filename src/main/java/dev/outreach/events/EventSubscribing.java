package dev.outreach.events;

import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditTrail;
import dev.outreach.gateway.Actor;
import dev.outreach.gateway.RejectedRequest;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.EventSubscription;
import dev.outreach.store.EventSubscriptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Subscribing a URL to events, listing and ending subscriptions (ADMIN). A new subscription
 * receives the events recorded after it was made: its cursors start at the audit log's head and
 * at this instant. Creating and ending one are audited ({@code EVENT_SUBSCRIPTION_CREATED},
 * {@code EVENT_SUBSCRIPTION_DELETED}); the URL is not, as it may carry a receiver's token.
 */
public final class EventSubscribing {

    private static final int MIN_SECRET = 16;
    private static final int MAX_SECRET = 200;

    private final EventSubscriptions subscriptions;
    private final AuditEntries auditEntries;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public EventSubscribing(EventSubscriptions subscriptions, AuditEntries auditEntries, AuditTrail audit,
                            Clock clock) {
        this.subscriptions = subscriptions;
        this.auditEntries = auditEntries;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param secret the signing secret, or null to have one generated (returned once, in the subscription)
     * @throws RejectedRequest naming the field at fault
     */
    public EventSubscription subscribe(String url, List<String> events, String secret, Actor.KeyHolder actor) {
        checkUrl(url);
        List<String> chosen = checkEvents(events);
        String key = secret == null ? HexFormat.of().formatHex(randomBytes()) : checkSecret(secret);
        Instant now = clock.instant();
        long head = auditEntries.head().map(AuditEntry::seq).orElse(0L);
        EventSubscription s = new EventSubscription(UUID.randomUUID().toString(), url, chosen, key, actor.role().name(),
                actor.auditName(), now, head, now.toEpochMilli(), "");
        subscriptions.add(s);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("subscriptionId", s.id());
        detail.put("events", chosen);
        audit.recordChange(AuditKind.EVENT_SUBSCRIPTION_CREATED, actor.auditName(), null, null, null, detail);
        return s;
    }

    public List<EventSubscription> list() {
        return subscriptions.active();
    }

    /** False when there is no active subscription with that id. */
    public boolean unsubscribe(String id, Actor actor) {
        if (!subscriptions.delete(id, clock.instant())) {
            return false;
        }
        audit.recordChange(AuditKind.EVENT_SUBSCRIPTION_DELETED, actor.auditName(), null, null, null,
                Map.of("subscriptionId", id));
        return true;
    }

    private static void checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw RejectedRequest.invalid("url", "is required: the http or https URL that receives the events");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw RejectedRequest.invalid("url", "must be an absolute http or https URL with a host");
            }
        } catch (URISyntaxException e) {
            throw RejectedRequest.invalid("url", "is not a valid URL");
        }
    }

    private static List<String> checkEvents(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw RejectedRequest.invalid("events", "must list at least one of " + EventType.wireNames());
        }
        List<String> chosen = new ArrayList<>();
        for (String e : events) {
            if (EventType.fromWire(e).isEmpty()) {
                throw RejectedRequest.invalid("events", "'" + e + "' is not an event; known: " + EventType.wireNames());
            }
            if (!chosen.contains(e)) {
                chosen.add(e);
            }
        }
        return chosen;
    }

    private static String checkSecret(String secret) {
        if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            throw RejectedRequest.invalid("secret", "must be " + MIN_SECRET + "-" + MAX_SECRET
                    + " characters, or left out to have one generated");
        }
        return secret;
    }

    private byte[] randomBytes() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return b;
    }
}
