package dev.outreach.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.gateway.DeliveryFeedback;
import dev.outreach.gateway.DeliveryFeedback.Kind;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * SendGrid Signed Event Webhook: {@code X-Twilio-Email-Event-Webhook-Signature} is a base64 DER
 * ECDSA (P-256, SHA-256) signature of {@code timestamp + raw body}, the timestamp being
 * {@code X-Twilio-Email-Event-Webhook-Timestamp}; the verification key is the base64
 * SubjectPublicKeyInfo shown in the SendGrid settings. The body is a JSON array of events.
 *
 * <p>{@code bounce} of type {@code bounce} is a hard bounce, of type {@code blocked} and
 * {@code deferred} are soft; {@code spamreport} a complaint; {@code unsubscribe} and
 * {@code group_unsubscribe} unsubscribes. The event id is {@code sg_event_id}.
 */
public final class SendGridWebhook implements EspWebhook {

    static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";

    private final PublicKey key;
    private final Duration window;

    /** @throws IllegalArgumentException when the key is not a base64 EC public key */
    public SendGridWebhook(String verificationKey, Duration window) {
        try {
            this.key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(verificationKey.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook.sendgrid.public-key must be the base64 ECDSA public key from "
                    + "SendGrid's Signed Event Webhook settings");
        }
        this.window = window;
    }

    @Override
    public String provider() {
        return "sendgrid";
    }

    @Override
    public List<DeliveryFeedback.Event> verifiedEvents(WebhookRequest request, Instant now) throws WebhookRejected {
        String signature = request.header(SIGNATURE).orElseThrow(() -> WebhookRejected.unauthentic(SIGNATURE + " is missing"));
        String timestamp = request.header(TIMESTAMP).orElseThrow(() -> WebhookRejected.unauthentic(TIMESTAMP + " is missing"));
        if (!verifies(timestamp, request.body(), signature)) {
            throw WebhookRejected.unauthentic("SendGrid signature does not match");
        }
        try {
            Json.requireFresh(Instant.ofEpochSecond(Long.parseLong(timestamp.strip())), now, window);
        } catch (NumberFormatException e) {
            throw WebhookRejected.unauthentic(TIMESTAMP + " must be Unix seconds");
        }
        JsonNode events = Json.parse(request.body());
        if (!events.isArray()) {
            throw WebhookRejected.malformed("body", "must be a JSON array of events");
        }
        List<DeliveryFeedback.Event> found = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            String name = Json.text(e, "event", "[" + i + "].event");
            Kind kind = switch (name) {
                case "bounce" -> "blocked".equals(Json.optionalText(e, "type")) ? Kind.SOFT_BOUNCE : Kind.HARD_BOUNCE;
                case "deferred" -> Kind.SOFT_BOUNCE;
                case "spamreport" -> Kind.COMPLAINT;
                case "unsubscribe", "group_unsubscribe" -> Kind.UNSUBSCRIBE;
                default -> null;
            };
            if (kind != null) {
                found.add(new DeliveryFeedback.Event(provider(), Json.text(e, "sg_event_id", "[" + i + "].sg_event_id"),
                        kind, Json.text(e, "email", "[" + i + "].email"),
                        Json.withoutBrackets(Json.optionalText(e, "smtp-id")), Json.optionalText(e, "status")));
            }
        }
        return found;
    }

    private boolean verifies(String timestamp, byte[] body, String signature) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(key);
            ecdsa.update(timestamp.getBytes(StandardCharsets.UTF_8));
            ecdsa.update(body);
            return ecdsa.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
