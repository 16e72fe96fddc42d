package dev.outreach.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreach.audit.AuditPayload;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.SettledMessage;

import java.util.Optional;

/**
 * Turns the gateway's durable records into events: audit entries (decisions, suppressions,
 * consents, erasures, preference changes) and settled outbox messages (deliveries).
 *
 * <p>Payloads carry ids and outcomes, never personal data: no address, number, name, consent
 * evidence or a rule's detail text (which may quote a local time or a value). A receiver is another
 * system that keeps what it is sent after an erasure here; it resolves a lead id through the API
 * with its own key, whose role decides what it may read. Events are derived only for what the
 * subscribing key's role (ADMIN) could read from the audit API anyway.
 */
public final class EventsFromRecords {

    private final ObjectMapper json;

    public EventsFromRecords(ObjectMapper json) {
        this.json = json;
    }

    /** The event an audit entry stands for, or empty when its kind is not one subscribers receive. */
    public Optional<GatewayEvent> fromAudit(AuditEntry e) {
        JsonNode detail = detail(e);
        ObjectNode data = json.createObjectNode();
        data.put("auditId", e.id());
        putIfNotNull(data, "channel", e.channel());
        putIfNotNull(data, "leadId", e.leadId());
        EventType type;
        switch (e.kind()) {
            case "DECISION" -> {
                type = EventType.DECISION;
                data.put("decision", e.decision());
                data.set("blockedBy", json.valueToTree(e.rules() == null || e.rules().isBlank() ? new String[0]
                        : e.rules().split(",")));
                putText(data, "purpose", detail);
                putText(data, "template", detail);
                putText(data, "dialer", detail);
                putText(data, "nextAllowedAt", detail);
                data.put("policyVersion", detail.path("policyVersion").asText(null));
            }
            case "SUPPRESSION_ADDED" -> {
                String reason = detail.path("reason").asText("");
                Optional<EventType> mapped = switch (reason) {
                    case "BOUNCE" -> Optional.of(EventType.BOUNCE);
                    case "COMPLAINT" -> Optional.of(EventType.COMPLAINT);
                    case "UNSUBSCRIBE", "DNC_REQUEST" -> Optional.of(EventType.UNSUBSCRIBE);
                    default -> Optional.empty();
                };
                if (mapped.isEmpty()) {
                    return Optional.empty();
                }
                type = mapped.get();
                data.put("scope", "ALL");
                data.put("reason", reason);
                putText(data, "source", detail);
                data.put("suppressionId", detail.path("id").asText(null));
            }
            case "PREFERENCES_CHANGED" -> {
                type = EventType.UNSUBSCRIBE;
                data.put("scope", "CATEGORIES");
                data.set("optedOutCategories", detail.path("optedOut").deepCopy());
            }
            case "CONSENT_RECORDED" -> {
                type = EventType.CONSENT;
                data.put("action", "RECORDED");
                data.put("consentId", detail.path("id").asText(null));
                putText(data, "kind", detail);
            }
            case "CONSENT_REVOKED", "INBOUND_TEXT_REVOCATION" -> {
                type = EventType.CONSENT;
                data.put("action", "REVOKED");
                putText(data, "via", detail);
            }
            case "SUBJECT_ERASED" -> {
                type = EventType.ERASURE;
                data.put("receiptId", detail.path("receiptId").asText(null));
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(new GatewayEvent("audit-" + e.seq(), type, e.at(), data));
    }

    /** The delivery event of a message that reached SENT, FAILED or BOUNCED. */
    public GatewayEvent fromSettled(SettledMessage m) {
        ObjectNode data = json.createObjectNode();
        data.put("messageId", m.messageId());
        putIfNotNull(data, "leadId", m.leadId());
        data.put("channel", "EMAIL");
        data.put("status", m.status());
        data.put("attempts", m.attempts());
        return new GatewayEvent("message-" + m.messageId() + "-" + m.status(), EventType.DELIVERY, m.settledAt(), data);
    }

    /** The body POSTed to a subscriber. */
    public String body(GatewayEvent event) {
        ObjectNode body = json.createObjectNode();
        body.put("id", event.id());
        body.put("type", event.type().wireName());
        body.put("occurredAt", event.occurredAt().toString());
        body.set("data", event.data());
        return body.toString();
    }

    private JsonNode detail(AuditEntry e) {
        JsonNode tree = AuditPayload.of(e).tree();
        return tree == null ? json.createObjectNode() : tree;
    }

    private static void putText(ObjectNode data, String field, JsonNode detail) {
        JsonNode v = detail.path(field);
        if (!v.isMissingNode() && !v.isNull()) {
            data.put(field, v.asText());
        }
    }

    private static void putIfNotNull(ObjectNode data, String field, String value) {
        if (value != null) {
            data.put(field, value);
        }
    }

}
