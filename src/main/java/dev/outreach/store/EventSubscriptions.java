package dev.outreach.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Event subscriptions, their cursors, and the durable queue of their deliveries. */
public interface EventSubscriptions {

    void add(EventSubscription subscription);

    /** Active subscriptions, oldest first. */
    List<EventSubscription> active();

    Optional<EventSubscription> find(String id);

    /** Ends a subscription; its pending deliveries are no longer attempted. False when unknown or already ended. */
    boolean delete(String id, Instant at);

    /**
     * In one transaction: queues the deliveries (skipping any already queued) and moves the
     * subscription's cursors forward, so an event is queued exactly once even if the gateway stops
     * in between.
     */
    void enqueue(String subscriptionId, List<EventDelivery> deliveries, long afterSeq, long outboxAfter,
                 String outboxAfterId);

    /** Messages that reached a final state after the cursor and no later than {@code until}, oldest first. */
    List<SettledMessage> settledAfter(long afterMillis, String afterId, Instant until, int limit);

    /** Pending deliveries of active subscriptions whose next attempt is due, oldest first. */
    List<EventDelivery> due(Instant now, int limit);

    /** Records an attempt's outcome. */
    void recordAttempt(String deliveryId, String status, int attempts, Instant attemptedAt, Instant nextAttemptAt,
                       Integer httpStatus, String error);

    /** The newest deliveries, newest first; of one subscription when {@code subscriptionId} is not null. */
    List<EventDelivery> recent(String subscriptionId, int limit);
}
