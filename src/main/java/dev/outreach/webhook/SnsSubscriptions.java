package dev.outreach.webhook;

import java.net.URI;

/**
 * Confirms an SNS subscription (AWS: visit {@code SubscribeURL} once). A port like
 * {@link SnsCertificates}, so that nothing is fetched in tests.
 */
@FunctionalInterface
public interface SnsSubscriptions {

    void confirm(URI subscribeUrl) throws WebhookRejected;

    /** Visits the URL over HTTPS, only on an amazonaws.com host. */
    static SnsSubscriptions overHttps() {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        return url -> {
            String host = url.getHost() == null ? "" : url.getHost().toLowerCase(java.util.Locale.ROOT);
            if (!"https".equals(url.getScheme()) || !host.endsWith(".amazonaws.com")) {
                throw WebhookRejected.unauthentic("SubscribeURL must be https on an amazonaws.com host");
            }
            try {
                http.send(java.net.http.HttpRequest.newBuilder(url).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException e) {
                throw WebhookRejected.malformed("SubscribeURL", "could not be confirmed: " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw WebhookRejected.malformed("SubscribeURL", "confirmation interrupted");
            }
        };
    }
}
