package dev.outreach.webhook;

import dev.outreach.gateway.DeliveryFeedback;

import java.time.Instant;
import java.util.List;

/** One email service provider's webhook: checks that the provider sent it, and reads its events. */
public interface EspWebhook {

    /** {@code ses}, {@code sendgrid}, {@code postmark} or {@code mailgun}: the path segment and the audit's provider. */
    String provider();

    /**
     * @param now the receiving instant, for the timestamp window
     * @return the bounce, complaint and unsubscribe events in the call (others, e.g. deliveries, are skipped)
     * @throws WebhookRejected when the call is not authentic, too old or too new, or unreadable
     */
    List<DeliveryFeedback.Event> verifiedEvents(WebhookRequest request, Instant now) throws WebhookRejected;
}
