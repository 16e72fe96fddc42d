package dev.outreach.mail.bounce;

import dev.outreach.store.DeliveryRecords;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VERP return paths: {@code bounce+<token>@<bounce-domain>} as the RFC 5321 {@code MAIL FROM} of
 * each message, so a bounce sent back to it (RFC 5321 §4.5.5, RFC 3464) says which message, and
 * through the outbox which recipient, it is about.
 *
 * <p>The token is the first 15 bytes of HMAC-SHA256(key, message id) in lower-case base32
 * (RFC 4648 §6; 24 characters): unguessable without the key, the same on every retry, free of any
 * address, and safe in a local part that some servers lower-case. Local part length 31, well under
 * RFC 5321 §4.5.3.1.1's 64. The message id it names is remembered in {@link DeliveryRecords}.
 */
public final class ReturnPaths {

    private static final String PREFIX = "bounce+";
    private static final int TOKEN_BYTES = 15;
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final Pattern VERP = Pattern.compile("(?i)bounce\\+([a-z2-7]{24})@([A-Za-z0-9.-]+)");

    private final SecretKeySpec key;
    private final String bounceDomain;
    private final DeliveryRecords records;
    private final Clock clock;

    public ReturnPaths(byte[] key, String bounceDomain, DeliveryRecords records, Clock clock) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("return path key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.bounceDomain = Objects.requireNonNull(bounceDomain, "bounceDomain").toLowerCase(Locale.ROOT);
        this.records = Objects.requireNonNull(records, "records");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The return path for this message, remembered durably before it is used. */
    public String issue(String messageId) {
        String token = tokenFor(messageId);
        records.rememberReturnPath(token, messageId, clock.instant());
        return PREFIX + token + "@" + bounceDomain;
    }

    /**
     * The message a return path (found in any text, e.g. a To header) was issued for; empty when
     * there is none, the domain is not ours, or the token was not issued by this key.
     */
    public Optional<String> messageFor(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = VERP.matcher(text);
        while (m.find()) {
            if (!m.group(2).equalsIgnoreCase(bounceDomain)) {
                continue;
            }
            String token = m.group(1).toLowerCase(Locale.ROOT);
            Optional<String> messageId = records.messageForReturnPath(token).filter(id -> tokenFor(id).equals(token));
            if (messageId.isPresent()) {
                return messageId;
            }
        }
        return Optional.empty();
    }

    String tokenFor(String messageId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return base32(Arrays.copyOf(mac.doFinal(messageId.getBytes(StandardCharsets.UTF_8)), TOKEN_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return out.toString();
    }
}
