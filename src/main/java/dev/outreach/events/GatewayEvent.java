package dev.outreach.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One event as a subscriber receives it: {@code {"id","type","occurredAt","data"}}.
 *
 * @param id a stable id ({@code audit-<seq>} or {@code message-<id>-<status>}), the same for every
 *           subscriber and every retry, so a receiver can drop duplicates
 */
public record GatewayEvent(String id, EventType type, Instant occurredAt, ObjectNode data) {
}
