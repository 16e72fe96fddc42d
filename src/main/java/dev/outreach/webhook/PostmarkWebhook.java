package dev.outreach.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.gateway.DeliveryFeedback;
import dev.outreach.gateway.DeliveryFeedback.Kind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Postmark webhooks, which Postmark authenticates with HTTP basic auth in the webhook URL
 * (RFC 7617); the body is one JSON record: {@code RecordType} {@code Bounce} ({@code Type}
 * {@code HardBounce} and the other permanent types, or a transient one), {@code SpamComplaint},
 * or {@code SubscriptionChange} with {@code SuppressSending: true}.
 *
 * <p>Postmark signs no timestamp, so replays are refused by the event id alone ({@code ID}; for a
 * subscription change, which has none, {@code MessageID} with {@code ChangedAt}).
 */
public final class PostmarkWebhook implements EspWebhook {

    /** Postmark's bounce types that mean the address will not accept mail (Postmark "Bounce types"). */
    private static final Set<String> PERMANENT = Set.of("HardBounce", "BadEmailAddress", "ManuallyDeactivated",
            "Unsubscribe", "SpamNotification", "Blocked");
    private static final Set<String> TRANSIENT = Set.of("SoftBounce", "Transient", "DnsError", "MailboxFull",
            "AutoResponder", "ChallengeVerification");

    private final byte[] expectedAuthorization;

    public PostmarkWebhook(String username, String password) {
        this.expectedAuthorization = ("Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String provider() {
        return "postmark";
    }

    @Override
    public List<DeliveryFeedback.Event> verifiedEvents(WebhookRequest request, Instant now) throws WebhookRejected {
        String authorization = request.header("Authorization").orElse("");
        if (!MessageDigest.isEqual(expectedAuthorization, authorization.strip().getBytes(StandardCharsets.UTF_8))) {
            throw WebhookRejected.unauthentic("Postmark basic credentials do not match");
        }
        JsonNode record = Json.parse(request.body());
        String type = Json.text(record, "RecordType", "RecordType");
        String messageId = Json.optionalText(record, "MessageID");
        return switch (type) {
            case "Bounce" -> bounce(record, messageId);
            case "SpamComplaint" -> List.of(new DeliveryFeedback.Event(provider(), Json.text(record, "ID", "ID"),
                    Kind.COMPLAINT, Json.text(record, "Email", "Email"), null, "SpamComplaint"));
            case "SubscriptionChange" -> record.path("SuppressSending").asBoolean(false)
                    ? List.of(new DeliveryFeedback.Event(provider(), "subscription:" + messageId + ":"
                            + Json.text(record, "ChangedAt", "ChangedAt"), Kind.UNSUBSCRIBE,
                            Json.text(record, "Recipient", "Recipient"), null, Json.optionalText(record, "SuppressionReason")))
                    : List.of();
            default -> List.of();
        };
    }

    private List<DeliveryFeedback.Event> bounce(JsonNode record, String messageId) throws WebhookRejected {
        String bounceType = Json.text(record, "Type", "Type");
        Kind kind = PERMANENT.contains(bounceType) ? Kind.HARD_BOUNCE : TRANSIENT.contains(bounceType) ? Kind.SOFT_BOUNCE : null;
        if (kind == null) {
            return List.of();
        }
        return List.of(new DeliveryFeedback.Event(provider(), Json.text(record, "ID", "ID"), kind,
                Json.text(record, "Email", "Email"), null, bounceType));
    }
}
