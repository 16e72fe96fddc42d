package dev.outreach.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/** Small shared helpers of the provider webhooks. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode parse(byte[] body) throws WebhookRejected {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw WebhookRejected.malformed("body", "must be a JSON document");
            }
            return node;
        } catch (IOException e) {
            throw WebhookRejected.malformed("body", "is not valid JSON");
        }
    }

    static String text(JsonNode node, String field, String path) throws WebhookRejected {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            throw WebhookRejected.malformed(path, "is required");
        }
        return value.asText();
    }

    static String optionalText(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    /** Refuses a signed time outside {@code window} either side of now: an old request replayed, or a clock far off. */
    static void requireFresh(Instant signedAt, Instant now, Duration window) throws WebhookRejected {
        if (signedAt.isBefore(now.minus(window)) || signedAt.isAfter(now.plus(window))) {
            throw WebhookRejected.replay("the request was signed at " + signedAt + ", outside " + window + " of now");
        }
    }

    static String withoutBrackets(String id) {
        if (id == null) {
            return null;
        }
        String t = id.strip();
        return t.startsWith("<") && t.endsWith(">") ? t.substring(1, t.length() - 1) : t;
    }
}
