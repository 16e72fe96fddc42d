package dev.outreach;

import dev.outreach.config.ConfigKey;
import dev.outreach.config.GatewayConfig;
import dev.outreach.events.EventDispatcher;
import dev.outreach.events.EventSubscribing;
import dev.outreach.events.EventsFromRecords;
import dev.outreach.store.Store;

/** Signed webhooks to subscribers: subscriptions, and the dispatcher that delivers events from the audit log. */
public record EventFeed(EventSubscribing subscribing, EventDispatcher dispatcher) implements AutoCloseable {

    static EventFeed wire(Foundation base) {
        Store store = base.store();
        GatewayConfig config = base.config();
        return new EventFeed(new EventSubscribing(store.eventSubscriptions(), store.audit(), base.audit(), base.clock()),
                new EventDispatcher(store.eventSubscriptions(), store.audit(), new EventsFromRecords(base.json()),
                        base.clock(), config.duration(ConfigKey.EVENTS_POLL_INTERVAL),
                        config.duration(ConfigKey.EVENTS_RETRY_FIRST_DELAY), config.integer(ConfigKey.EVENTS_MAX_ATTEMPTS)));
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
