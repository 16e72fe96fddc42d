package dev.outreach.store;

import java.time.Instant;
import java.util.List;

/**
 * A URL subscribed to gateway events.
 *
 * @param role     the role of the key that subscribed; payloads never carry more than it may read
 * @param afterSeq the cursor: events from audit entries up to this seq have been handed over
 */
public record EventSubscription(String id, String url, List<String> events, String secret, String role,
                                String createdBy, Instant createdAt, long afterSeq) {

    public EventSubscription {
        events = List.copyOf(events);
    }
}
