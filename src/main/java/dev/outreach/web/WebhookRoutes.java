package dev.outreach.web;

import dev.outreach.webhook.EspWebhook;
import dev.outreach.webhook.WebhookReceiving;
import dev.outreach.webhook.WebhookRejected;
import dev.outreach.webhook.WebhookRequest;
import io.javalin.http.Context;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/webhooks/{ses|sendgrid|postmark|mailgun}}: bounce, complaint and unsubscribe
 * events from an email service provider. No API key: the provider's own signature authenticates
 * the call. A bad signature or a replay is 401 and changes nothing; an unconfigured provider 404.
 */
final class WebhookRoutes {

    private final WebhookReceiving receiving;

    WebhookRoutes(WebhookReceiving receiving) {
        this.receiving = receiving;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/webhooks/{provider}", this::receive);
    }

    private void receive(Context ctx) {
        String provider = ctx.pathParam("provider");
        EspWebhook webhook = receiving.webhook(provider).orElseThrow(() -> ProblemException.notFound(
                "webhook '" + provider + "' (one of ses, sendgrid, postmark, mailgun, when configured)"));
        Map<String, String> headers = new HashMap<>(ctx.headerMap());
        try {
            int applied = receiving.receive(webhook, new WebhookRequest(headers, ctx.bodyAsBytes()));
            ctx.status(200).json(Map.of("provider", provider, "applied", applied));
        } catch (WebhookRejected e) {
            throw switch (e.reason()) {
                case UNAUTHENTIC, REPLAY -> ProblemException.unauthorized(e.getMessage());
                case MALFORMED -> ProblemException.badRequest(e.field(), e.getMessage());
            };
        }
    }
}
