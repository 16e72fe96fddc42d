package dev.outreach.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreach.config.ConfigKey;
import dev.outreach.store.SuppressionEntry;
import dev.outreach.web.RunningGateway;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.FileInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four ESP webhooks on the real server: payloads shaped like each provider's documented
 * examples, signed here with locally made keys, and forged, replayed and malformed ones.
 */
class WebhookEndToEndTest {

    private static final String MAILGUN_KEY = "key-mailgun-signing-0123456789abcdef";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-feedback";
    private static final String CERT_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-local.pem";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static RunningGateway gw;
    static KeyPair sendgrid;
    static PrivateKey snsKey;
    static X509Certificate snsCert;
    static final List<URI> fetchedCertificates = new ArrayList<>();
    static final List<URI> confirmedSubscriptions = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        sendgrid = ec.generateKeyPair();
        makeSnsCertificate();
        gw = RunningGateway.start(dir.resolve("gw"), Map.of(
                ConfigKey.WEBHOOK_MAILGUN_SIGNING_KEY, MAILGUN_KEY,
                ConfigKey.WEBHOOK_SENDGRID_PUBLIC_KEY, Base64.getEncoder().encodeToString(sendgrid.getPublic().getEncoded()),
                ConfigKey.WEBHOOK_POSTMARK_USERNAME, "postmark",
                ConfigKey.WEBHOOK_POSTMARK_PASSWORD, "pm-secret-42",
                ConfigKey.WEBHOOK_SES_TOPIC_ARNS, TOPIC));
        gw.gateway.email().deliverability().useSns(url -> {
            fetchedCertificates.add(url);
            return snsCert;
        }, confirmedSubscriptions::add);
    }

    /** A self-signed certificate made by the JDK's keytool: the SNS certificate cannot be fetched here. */
    private static void makeSnsCertificate() throws Exception {
        Path store = dir.resolve("sns.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=sns.amazonaws.com", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        snsKey = (PrivateKey) ks.getKey("sns", "changeit".toCharArray());
        snsCert = (X509Certificate) ks.getCertificate("sns");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    // --- Mailgun ---------------------------------------------------------------------------------

    private static String mailgun(String key, long timestamp, String eventId, String event, String severity,
                                  String recipient) throws Exception {
        String token = "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0" + eventId.length();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)));
        return "{\"signature\":{\"timestamp\":\"" + timestamp + "\",\"token\":\"" + token + "\",\"signature\":\""
                + signature + "\"},\"event-data\":{\"event\":\"" + event + "\",\"id\":\"" + eventId + "\","
                + "\"timestamp\":" + timestamp + ".0,\"severity\":\"" + severity + "\",\"reason\":\"bounce\","
                + "\"recipient\":\"" + recipient + "\",\"delivery-status\":{\"code\":550,\"enhanced-code\":\"5.1.1\","
                + "\"message\":\"No such user\"},\"message\":{\"headers\":{\"message-id\":"
                + "\"20130503182626.18666.16540@sandbox.mailgun.org\"}}}}";
    }

    @Test
    void mailgunPermanentFailureSuppressesAndIsAuditedWithItsEventId() throws Exception {
        Reply r = post("mailgun", mailgun(MAILGUN_KEY, now(), "G9Bn5sl1TC6nu79C8C0bwg", "failed", "permanent",
                "alice@example.com"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(reasons("alice@example.com")).containsExactly("BOUNCE");
        assertThat(auditPayloads()).anySatisfy(p -> assertThat(p).contains("\"provider\":\"mailgun\"",
                "\"providerEventId\":\"G9Bn5sl1TC6nu79C8C0bwg\"", "\"event\":\"HARD_BOUNCE\""));
    }

    @Test
    void mailgunForgedReplayedAndStaleCallsAre401AndChangeNothing() throws Exception {
        Reply forged = post("mailgun", mailgun("not-the-key", now(), "forged-1", "complained", "", "forged@example.com"));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(reasons("forged@example.com")).isEmpty();

        Reply stale = post("mailgun", mailgun(MAILGUN_KEY, now() - 3600, "stale-1", "complained", "", "stale@example.com"));
        assertThat(stale.status()).isEqualTo(401);
        assertThat(reasons("stale@example.com")).isEmpty();

        String body = mailgun(MAILGUN_KEY, now(), "replay-1", "complained", "", "replayed@example.com");
        assertThat(post("mailgun", body).status()).isEqualTo(200);
        int auditedBefore = auditPayloads().size();
        Reply replay = post("mailgun", body);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.json().path("detail").asText()).contains("received before");
        // No lead holds the address, so nothing shows it is outside the GDPR: treated as protected (fail closed).
        assertThat(reasons("replayed@example.com")).containsExactlyInAnyOrder("COMPLAINT", "OBJECTION");
        assertThat(auditPayloads()).hasSize(auditedBefore);
    }

    @Test
    void malformedBodyIs400NamingTheFieldAndUnknownProviderIs404() {
        Reply malformed = post("mailgun", "{\"signature\":{\"timestamp\":\"1\"}}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("signature.token");
        assertThat(post("mailgun", "not json").status()).isEqualTo(400);
        assertThat(post("sparkpost", "{}").status()).isEqualTo(404);
    }

    // --- SendGrid --------------------------------------------------------------------------------

    private static Reply sendgrid(String body, long timestamp, String signedBody) throws Exception {
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(sendgrid.getPrivate());
        ecdsa.update((timestamp + signedBody).getBytes(StandardCharsets.UTF_8));
        return gw.call("POST", "/api/v1/webhooks/sendgrid", null, body, "Content-Type", "application/json",
                "X-Twilio-Email-Event-Webhook-Signature", Base64.getEncoder().encodeToString(ecdsa.sign()),
                "X-Twilio-Email-Event-Webhook-Timestamp", Long.toString(timestamp));
    }

    @Test
    void sendgridSignedEventsSuppressEachRecipientAndATamperedBodyIs401() throws Exception {
        long ts = now();
        String body = "[{\"email\":\"spam-reporter@example.com\",\"timestamp\":" + ts + ",\"event\":\"spamreport\","
                + "\"sg_event_id\":\"sg-spam-1\",\"sg_message_id\":\"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0\"},"
                + "{\"email\":\"bounced@example.com\",\"timestamp\":" + ts + ",\"event\":\"bounce\",\"type\":\"bounce\","
                + "\"status\":\"5.0.0\",\"reason\":\"500 unknown recipient\",\"sg_event_id\":\"sg-bounce-1\"},"
                + "{\"email\":\"opener@example.com\",\"timestamp\":" + ts + ",\"event\":\"open\",\"sg_event_id\":\"sg-open-1\"}]";

        String tampered = body.replace("bounced@example.com", "victim@example.com");
        assertThat(sendgrid(tampered, ts, body).status()).isEqualTo(401);
        assertThat(reasons("victim@example.com")).isEmpty();

        Reply ok = sendgrid(body, ts, body);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().path("applied").asInt()).isEqualTo(2);
        assertThat(reasons("spam-reporter@example.com")).containsExactlyInAnyOrder("COMPLAINT", "OBJECTION");
        assertThat(reasons("bounced@example.com")).containsExactly("BOUNCE");
        assertThat(reasons("opener@example.com")).isEmpty();
    }

    // --- Postmark --------------------------------------------------------------------------------

    private static Reply postmark(String user, String password, String body) {
        return gw.call("POST", "/api/v1/webhooks/postmark", null, body, "Content-Type", "application/json",
                "Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void postmarkHardBounceWithTheRightCredentialsSuppressesAndWrongOnesAre401() {
        String body = "{\"RecordType\":\"Bounce\",\"ID\":4323372036854775807,\"Type\":\"HardBounce\",\"TypeCode\":1,"
                + "\"Name\":\"Hard bounce\",\"MessageID\":\"883953f4-6105-42a2-a16a-77a8eac79483\","
                + "\"Email\":\"john@example.com\",\"From\":\"sender@example.com\","
                + "\"BouncedAt\":\"2019-11-05T16:33:54.9070259Z\",\"Inactive\":true,\"CanActivate\":true}";

        assertThat(postmark("postmark", "wrong", body).status()).isEqualTo(401);
        assertThat(gw.call("POST", "/api/v1/webhooks/postmark", null, body).status()).isEqualTo(401);
        assertThat(reasons("john@example.com")).isEmpty();

        assertThat(postmark("postmark", "pm-secret-42", body).status()).isEqualTo(200);
        assertThat(reasons("john@example.com")).containsExactly("BOUNCE");
        assertThat(postmark("postmark", "pm-secret-42", body).status()).as("replayed event ID").isEqualTo(401);
    }

    // --- SES via SNS -----------------------------------------------------------------------------

    private static String sns(String certUrl, String topic, String timestamp, String message) throws Exception {
        ObjectNode n = JSON.createObjectNode();
        n.put("Type", "Notification");
        n.put("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324-" + message.hashCode());
        n.put("TopicArn", topic);
        n.put("Message", message);
        n.put("Timestamp", timestamp);
        n.put("SignatureVersion", "2");
        String toSign = "Message\n" + message + "\nMessageId\n" + n.get("MessageId").asText() + "\nTimestamp\n"
                + timestamp + "\nTopicArn\n" + topic + "\nType\nNotification\n";
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(snsKey);
        rsa.update(toSign.getBytes(StandardCharsets.UTF_8));
        n.put("Signature", Base64.getEncoder().encodeToString(rsa.sign()));
        n.put("SigningCertURL", certUrl);
        n.put("UnsubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe");
        return JSON.writeValueAsString(n);
    }

    private static String sesBounce(String address, String type) {
        return "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"" + type + "\",\"bounceSubType\":\"General\","
                + "\"bouncedRecipients\":[{\"emailAddress\":\"" + address + "\",\"action\":\"failed\",\"status\":\"5.1.1\","
                + "\"diagnosticCode\":\"smtp; 550 5.1.1 user unknown\"}],\"timestamp\":\"2016-01-27T14:59:38.237Z\","
                + "\"feedbackId\":\"00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000\"},"
                + "\"mail\":{\"timestamp\":\"2016-01-27T14:59:38.237Z\",\"messageId\":\"0000014644fe5ef6-9a483358\","
                + "\"source\":\"sales@example.com\",\"destination\":[\"" + address + "\"],"
                + "\"commonHeaders\":{\"messageId\":\"<not-ours@example.com>\"}}}";
    }

    @Test
    void sesPermanentBounceSignedBySnsSuppressesAndIsFetchedOnlyFromAnAmazonHost() throws Exception {
        String ts = Instant.now().toString();

        Reply evilHost = post("ses", sns("https://sns.us-east-1.amazonaws.com.evil.example/cert.pem", TOPIC, ts,
                sesBounce("ses-evil@example.com", "Permanent")));
        assertThat(evilHost.status()).isEqualTo(401);
        assertThat(fetchedCertificates).noneMatch(u -> u.getHost().endsWith("evil.example"));

        Reply otherTopic = post("ses", sns(CERT_URL, "arn:aws:sns:us-east-1:999999999999:theirs", ts,
                sesBounce("ses-other@example.com", "Permanent")));
        assertThat(otherTopic.status()).isEqualTo(401);

        String genuine = sns(CERT_URL, TOPIC, ts, sesBounce("ses-bounce@example.com", "Permanent"));
        Reply forged = post("ses", genuine.replace("ses-bounce@example.com", "ses-victim@example.com"));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(reasons("ses-victim@example.com")).isEmpty();

        Reply ok = post("ses", genuine);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(reasons("ses-bounce@example.com")).containsExactly("BOUNCE");
        assertThat(reasons("ses-other@example.com")).isEmpty();
    }

    @Test
    void sesTransientBounceIsOnlyCounted() throws Exception {
        Reply r = post("ses", sns(CERT_URL, TOPIC, Instant.now().toString(), sesBounce("ses-soft@example.com", "Transient")));

        assertThat(r.status()).isEqualTo(200);
        assertThat(reasons("ses-soft@example.com")).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static Reply post(String provider, String body) {
        return gw.call("POST", "/api/v1/webhooks/" + provider, null, body, "Content-Type", "application/json");
    }

    private static List<String> reasons(String address) {
        String key = gw.gateway.base().pseudonyms().email(address);
        return gw.gateway.store().suppressions().findByKey("EMAIL", key).stream().map(e -> e.reason().name()).toList();
    }

    private static List<String> auditPayloads() {
        List<String> found = new ArrayList<>();
        gw.gateway.store().audit().scan(e -> {
            if (e.kind().equals("DELIVERY_EVENT")) {
                found.add(e.payload());
            }
        });
        return found;
    }
}
