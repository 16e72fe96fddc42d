package dev.outreach.events;

import dev.outreach.schedule.RecurringTask;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.EventDelivery;
import dev.outreach.store.EventSubscription;
import dev.outreach.store.EventSubscriptions;
import dev.outreach.store.SettledMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Hands events to subscribers. Each run (1) collects: for every subscription, the audit entries and
 * settled outbox messages after its cursors become queued deliveries, in the same transaction that
 * moves the cursors; (2) delivers what is due: one signed POST each
 * ({@link WebhookSignature}); a 2xx is DELIVERED, anything else is retried with exponential
 * backoff ({@code firstDelay}, doubling, at most {@link #MAX_DELAY}) until {@code maxAttempts},
 * then FAILED. Nothing is on the request path, and everything survives a restart: the queue and
 * the cursors are rows, and an event whose POST was cut off is attempted again (at-least-once;
 * the event id lets a receiver drop a duplicate).
 *
 * <p>Messages are read only once they settled at least {@link #SETTLE_LAG} ago, so a message
 * committed by another instance with a slightly earlier clock is not skipped by the cursor.
 */
public final class EventDispatcher implements AutoCloseable {

    static final Duration SETTLE_LAG = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofHours(6);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int PAGE = 500;
    private static final int MAX_ERROR = 300;
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final EventSubscriptions subscriptions;
    private final AuditEntries audit;
    private final EventsFromRecords events;
    private final Clock clock;
    private final Duration firstDelay;
    private final int maxAttempts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final RecurringTask task;

    public EventDispatcher(EventSubscriptions subscriptions, AuditEntries audit, EventsFromRecords events, Clock clock,
                           Duration pollInterval, Duration firstDelay, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("events.max-attempts must be at least 1, was " + maxAttempts);
        }
        this.subscriptions = subscriptions;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.firstDelay = firstDelay;
        this.maxAttempts = maxAttempts;
        this.task = new RecurringTask("event-webhooks", pollInterval, pollInterval, this::runOnce);
    }

    public void start() {
        task.start();
    }

    /** One collection and one round of due deliveries. */
    public synchronized void runOnce() {
        for (EventSubscription s : subscriptions.active()) {
            collect(s);
        }
        for (EventDelivery d : subscriptions.due(clock.instant(), PAGE)) {
            subscriptions.find(d.subscriptionId()).ifPresent(s -> deliver(s, d));
        }
    }

    private void collect(EventSubscription s) {
        Instant now = clock.instant();
        List<EventDelivery> queued = new ArrayList<>();
        List<AuditEntry> entries = audit.page(AuditQuery.all(PAGE).after(s.afterSeq()));
        long afterSeq = s.afterSeq();
        for (AuditEntry e : entries) {
            afterSeq = e.seq();
            events.fromAudit(e).filter(ev -> s.events().contains(ev.type().wireName()))
                    .ifPresent(ev -> queued.add(pending(s, "audit:" + e.seq(), ev, now)));
        }
        long outboxAfter = s.outboxAfter();
        String outboxAfterId = s.outboxAfterId();
        if (s.events().contains(EventType.DELIVERY.wireName())) {
            for (SettledMessage m : subscriptions.settledAfter(outboxAfter, outboxAfterId, now.minus(SETTLE_LAG),
                    PAGE)) {
                outboxAfter = m.settledAt().toEpochMilli();
                outboxAfterId = m.messageId();
                queued.add(pending(s, "outbox:" + m.messageId() + ":" + m.status(), events.fromSettled(m), now));
            }
        }
        if (afterSeq != s.afterSeq() || outboxAfter != s.outboxAfter() || !outboxAfterId.equals(s.outboxAfterId())) {
            subscriptions.enqueue(s.id(), queued, afterSeq, outboxAfter, outboxAfterId);
        }
    }

    private EventDelivery pending(EventSubscription s, String key, GatewayEvent event, Instant now) {
        return new EventDelivery(UUID.randomUUID().toString(), s.id(), key, event.type().wireName(),
                events.body(event), EventDelivery.PENDING, 0, now, null, null, null, now);
    }

    private void deliver(EventSubscription s, EventDelivery d) {
        Instant now = clock.instant();
        int attempts = d.attempts() + 1;
        Integer status = null;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(s.url())).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "outreach-gateway-webhooks")
                    .header("Outreach-Event-Type", d.eventType())
                    .header(WebhookSignature.HEADER, WebhookSignature.header(s.secret(), now.getEpochSecond(),
                            d.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload())).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                subscriptions.recordAttempt(d.id(), EventDelivery.DELIVERED, attempts, now, null, status, null);
                return;
            }
            error = "HTTP " + status;
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        error = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        if (attempts >= maxAttempts) {
            LOG.warn("event delivery {} to subscription {} FAILED after {} attempts ({})", d.id(), s.id(), attempts,
                    error);
            subscriptions.recordAttempt(d.id(), EventDelivery.FAILED, attempts, now, null, status, error);
        } else {
            subscriptions.recordAttempt(d.id(), EventDelivery.PENDING, attempts, now, now.plus(backoff(attempts)),
                    status, error);
        }
    }

    /** The wait after the n-th failed attempt: firstDelay, doubling, at most MAX_DELAY. */
    Duration backoff(int failedAttempts) {
        Duration d = firstDelay;
        for (int i = 1; i < failedAttempts && d.compareTo(MAX_DELAY) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    @Override
    public void close() {
        task.close();
    }
}
