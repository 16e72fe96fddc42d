package dev.outreach.webhook;

import dev.outreach.gateway.DeliveryFeedback;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One webhook call: the provider vouches for it ({@link EspWebhook}), then each event goes through
 * {@link DeliveryFeedback} exactly once. A call whose events were all processed before is a replay
 * and changes nothing; nothing is applied before the whole call is verified.
 */
public final class WebhookReceiving {

    private final Map<String, EspWebhook> webhooks;
    private final DeliveryFeedback feedback;
    private final Clock clock;

    public WebhookReceiving(List<EspWebhook> webhooks, DeliveryFeedback feedback, Clock clock) {
        this.webhooks = webhooks.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(EspWebhook::provider, w -> w));
        this.feedback = feedback;
        this.clock = clock;
    }

    /** The configured webhook of this provider; empty when it is unknown or not configured. */
    public Optional<EspWebhook> webhook(String provider) {
        return Optional.ofNullable(webhooks.get(provider));
    }

    /** @return how many events changed something or were counted */
    public int receive(EspWebhook webhook, WebhookRequest request) throws WebhookRejected {
        List<DeliveryFeedback.Event> events = webhook.verifiedEvents(request, clock.instant());
        if (!events.isEmpty() && events.stream().allMatch(feedback::isReplay)) {
            throw WebhookRejected.replay("every event in this request was received before");
        }
        int applied = 0;
        for (DeliveryFeedback.Event event : events) {
            DeliveryFeedback.Outcome outcome = feedback.apply(event);
            if (outcome == DeliveryFeedback.Outcome.SUPPRESSED || outcome == DeliveryFeedback.Outcome.COUNTED) {
                applied++;
            }
        }
        return applied;
    }
}
