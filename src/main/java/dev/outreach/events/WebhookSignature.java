package dev.outreach.events;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The {@code Outreach-Signature} header of every event POST, in the scheme Stripe uses:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed by the subscription's secret>}.
 * The timestamp is inside the signed text, so a receiver can refuse a replay older than it
 * tolerates (five minutes is usual) as well as a forged body.
 */
public final class WebhookSignature {

    public static final String HEADER = "Outreach-Signature";

    private WebhookSignature() {
    }

    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
    }

    /** The hex HMAC-SHA256 of {@code text} keyed by the UTF-8 bytes of {@code secret}. */
    public static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
