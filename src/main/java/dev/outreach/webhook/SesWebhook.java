package dev.outreach.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.gateway.DeliveryFeedback;
import dev.outreach.gateway.DeliveryFeedback.Kind;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Amazon SES notifications delivered by SNS over HTTPS (AWS "Verifying the signatures of Amazon
 * SNS messages"):
 * <ol>
 *   <li>{@code SigningCertURL} must be https on a host ending in {@code .amazonaws.com}, so a forger
 *       cannot make us trust a certificate of their own;</li>
 *   <li>the string to sign is each present field of {@code Message, MessageId, Subject, SubscribeURL,
 *       Timestamp, Token, TopicArn, Type} (in that order, per message type) as name LF value LF;</li>
 *   <li>{@code Signature} is base64 RSA over it, SHA1withRSA for {@code SignatureVersion 1},
 *       SHA256withRSA for {@code 2};</li>
 *   <li>{@code TopicArn} must be one of ours and {@code Timestamp} within the window.</li>
 * </ol>
 * The SES message (AWS "Amazon SES notification contents") gives {@code Bounce} with
 * {@code bounceType Permanent} (hard) or {@code Transient} (soft), and {@code Complaint}; its
 * {@code mail.commonHeaders.messageId} is our Message-ID.
 *
 * <p>A {@code SubscriptionConfirmation} is verified the same way and confirmed through
 * {@link SnsCertificates}' sibling port, {@link SnsSubscriptions}.
 */
public final class SesWebhook implements EspWebhook {

    private static final List<String> NOTIFICATION_FIELDS = List.of("Message", "MessageId", "Subject", "Timestamp",
            "TopicArn", "Type");
    private static final List<String> SUBSCRIPTION_FIELDS = List.of("Message", "MessageId", "SubscribeURL", "Timestamp",
            "Token", "TopicArn", "Type");

    private final Set<String> topicArns;
    private final SnsCertificates certificates;
    private final SnsSubscriptions subscriptions;
    private final Duration window;

    public SesWebhook(Set<String> topicArns, SnsCertificates certificates, SnsSubscriptions subscriptions,
                      Duration window) {
        this.topicArns = Set.copyOf(topicArns);
        this.certificates = certificates;
        this.subscriptions = subscriptions;
        this.window = window;
    }

    @Override
    public String provider() {
        return "ses";
    }

    @Override
    public List<DeliveryFeedback.Event> verifiedEvents(WebhookRequest request, Instant now) throws WebhookRejected {
        JsonNode sns = Json.parse(request.body());
        String type = Json.text(sns, "Type", "Type");
        boolean subscription = type.equals("SubscriptionConfirmation");
        if (!subscription && !type.equals("Notification")) {
            throw WebhookRejected.malformed("Type", "must be Notification or SubscriptionConfirmation");
        }
        verifySignature(sns, subscription ? SUBSCRIPTION_FIELDS : NOTIFICATION_FIELDS);
        if (!topicArns.contains(Json.text(sns, "TopicArn", "TopicArn"))) {
            throw WebhookRejected.unauthentic("TopicArn is not one of webhook.ses.topic-arns");
        }
        try {
            Json.requireFresh(Instant.parse(Json.text(sns, "Timestamp", "Timestamp")), now, window);
        } catch (DateTimeParseException e) {
            throw WebhookRejected.malformed("Timestamp", "must be an ISO-8601 instant");
        }
        if (subscription) {
            subscriptions.confirm(URI.create(Json.text(sns, "SubscribeURL", "SubscribeURL")));
            return List.of();
        }
        return events(Json.text(sns, "MessageId", "MessageId"),
                Json.parse(Json.text(sns, "Message", "Message").getBytes(StandardCharsets.UTF_8)));
    }

    private void verifySignature(JsonNode sns, List<String> fields) throws WebhookRejected {
        URI certUrl = certificateUrl(Json.text(sns, "SigningCertURL", "SigningCertURL"));
        String algorithm = switch (Json.text(sns, "SignatureVersion", "SignatureVersion")) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw WebhookRejected.unauthentic("SignatureVersion must be 1 or 2");
        };
        StringBuilder signed = new StringBuilder();
        for (String field : fields) {
            String value = Json.optionalText(sns, field);
            if (value != null) {
                signed.append(field).append('\n').append(value).append('\n');
            }
        }
        try {
            X509Certificate cert = certificates.certificate(certUrl);
            cert.checkValidity(new Date());
            Signature rsa = Signature.getInstance(algorithm);
            rsa.initVerify(cert.getPublicKey());
            rsa.update(signed.toString().getBytes(StandardCharsets.UTF_8));
            if (!rsa.verify(Base64.getDecoder().decode(Json.text(sns, "Signature", "Signature")))) {
                throw WebhookRejected.unauthentic("SNS signature does not match");
            }
        } catch (IOException e) {
            throw WebhookRejected.unauthentic("the SNS signing certificate could not be fetched");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw WebhookRejected.unauthentic("SNS signature cannot be verified: " + e.getClass().getSimpleName());
        }
    }

    private static URI certificateUrl(String text) throws WebhookRejected {
        URI url;
        try {
            url = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw WebhookRejected.unauthentic("SigningCertURL is not a URL");
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (!"https".equals(url.getScheme()) || !host.endsWith(".amazonaws.com") || url.getUserInfo() != null
                || url.getPort() != -1 || url.getPath() == null || !url.getPath().endsWith(".pem")) {
            throw WebhookRejected.unauthentic("SigningCertURL must be an https .pem URL on an amazonaws.com host");
        }
        return url;
    }

    private List<DeliveryFeedback.Event> events(String snsMessageId, JsonNode ses) throws WebhookRejected {
        String type = Json.optionalText(ses, "notificationType") != null ? Json.optionalText(ses, "notificationType")
                : Json.text(ses, "eventType", "Message.notificationType");
        String messageId = Json.withoutBrackets(Json.optionalText(ses.path("mail").path("commonHeaders"), "messageId"));
        List<DeliveryFeedback.Event> found = new ArrayList<>();
        switch (type) {
            case "Bounce" -> {
                JsonNode bounce = ses.path("bounce");
                String bounceType = Json.text(bounce, "bounceType", "Message.bounce.bounceType");
                Kind kind = switch (bounceType) {
                    case "Permanent" -> Kind.HARD_BOUNCE;
                    case "Transient" -> Kind.SOFT_BOUNCE;
                    default -> null;
                };
                if (kind != null) {
                    JsonNode recipients = bounce.path("bouncedRecipients");
                    for (int i = 0; i < recipients.size(); i++) {
                        found.add(new DeliveryFeedback.Event(provider(), snsMessageId + "#" + i, kind,
                                Json.text(recipients.get(i), "emailAddress", "Message.bounce.bouncedRecipients.emailAddress"),
                                messageId, Json.optionalText(recipients.get(i), "status")));
                    }
                }
            }
            case "Complaint" -> {
                JsonNode complaint = ses.path("complaint");
                if ("not-spam".equals(Json.optionalText(complaint, "complaintFeedbackType"))) {
                    break;
                }
                JsonNode recipients = complaint.path("complainedRecipients");
                for (int i = 0; i < recipients.size(); i++) {
                    found.add(new DeliveryFeedback.Event(provider(), snsMessageId + "#" + i, Kind.COMPLAINT,
                            Json.text(recipients.get(i), "emailAddress", "Message.complaint.complainedRecipients.emailAddress"),
                            messageId, Json.optionalText(complaint, "complaintFeedbackType")));
                }
            }
            default -> {
                // Deliveries and other notification types say nothing about suppression.
            }
        }
        return found;
    }
}
