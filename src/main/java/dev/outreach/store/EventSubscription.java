package dev.outreach.store;

import java.time.Instant;
import java.util.List;

/**
 * A URL subscribed to gateway events, with its two cursors.
 *
 * @param role          the role of the key that subscribed; payloads never carry more than it may read
 * @param afterSeq      events from audit entries up to this seq have been queued
 * @param outboxAfter   delivery events of messages settled up to this instant (epoch ms) have been queued …
 * @param outboxAfterId … and, at exactly that instant, up to this message id
 */
public record EventSubscription(String id, String url, List<String> events, String secret, String role,
                                String createdBy, Instant createdAt, long afterSeq, long outboxAfter,
                                String outboxAfterId) {

    public EventSubscription {
        events = List.copyOf(events);
    }
}
