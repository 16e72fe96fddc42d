package dev.outreach.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.gateway.DeliveryFeedback;
import dev.outreach.gateway.DeliveryFeedback.Kind;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Mailgun HTTP webhooks (JSON, documentation "Securing Webhooks" and "Events"):
 * {@code {"signature":{"timestamp","token","signature"},"event-data":{...}}} where the signature is
 * the hex HMAC-SHA256 of {@code timestamp + token} under the account's webhook signing key.
 *
 * <p>{@code failed} with {@code severity: permanent} is a hard bounce, {@code temporary} a soft
 * one; {@code complained} a complaint; {@code unsubscribed} an unsubscribe.
 */
public final class MailgunWebhook implements EspWebhook {

    private final SecretKeySpec key;
    private final Duration window;

    public MailgunWebhook(String signingKey, Duration window) {
        this.key = new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.window = window;
    }

    @Override
    public String provider() {
        return "mailgun";
    }

    @Override
    public List<DeliveryFeedback.Event> verifiedEvents(WebhookRequest request, Instant now) throws WebhookRejected {
        JsonNode root = Json.parse(request.body());
        JsonNode signature = root.path("signature");
        String timestamp = Json.text(signature, "timestamp", "signature.timestamp");
        String token = Json.text(signature, "token", "signature.token");
        String presented = Json.text(signature, "signature", "signature.signature");
        if (!MessageDigest.isEqual(hmac(timestamp + token).getBytes(StandardCharsets.US_ASCII),
                presented.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw WebhookRejected.unauthentic("Mailgun signature does not match");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw WebhookRejected.malformed("signature.timestamp", "must be Unix seconds");
        }
        Json.requireFresh(Instant.ofEpochSecond(seconds), now, window);
        JsonNode event = root.path("event-data");
        String id = Json.text(event, "id", "event-data.id");
        String name = Json.text(event, "event", "event-data.event");
        String recipient = Json.optionalText(event, "recipient");
        String messageId = Json.withoutBrackets(Json.optionalText(event.path("message").path("headers"), "message-id"));
        JsonNode status = event.path("delivery-status");
        String code = Json.optionalText(status, "enhanced-code") != null ? Json.optionalText(status, "enhanced-code")
                : Json.optionalText(status, "code");
        Kind kind = switch (name) {
            case "failed" -> "permanent".equals(Json.optionalText(event, "severity")) ? Kind.HARD_BOUNCE : Kind.SOFT_BOUNCE;
            case "complained" -> Kind.COMPLAINT;
            case "unsubscribed" -> Kind.UNSUBSCRIBE;
            default -> null;
        };
        if (kind == null) {
            return List.of();
        }
        return List.of(new DeliveryFeedback.Event(provider(), id, kind, recipient, messageId, code));
    }

    private String hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
