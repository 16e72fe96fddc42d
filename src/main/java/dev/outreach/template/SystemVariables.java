package dev.outreach.template;

import dev.outreach.policy.Purpose;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The variables every template receives besides its declared fields. Template authors cannot declare
 * them, and callers cannot override them through data.
 */
final class SystemVariables {

    static final String UNSUBSCRIBE_URL = "unsubscribeUrl";
    static final String SENDER_NAME = "senderName";
    static final String SENDER_EMAIL = "senderEmail";
    static final String SENDER_POSTAL_ADDRESS = "senderPostalAddress";
    static final Set<String> NAMES = Set.of(UNSUBSCRIBE_URL, SENDER_NAME, SENDER_EMAIL, SENDER_POSTAL_ADDRESS);

    private SystemVariables() {
    }

    /**
     * The values for one message. {@code unsubscribeUrl} is given to COMMERCIAL templates only, so the
     * shared footer shows the opt-out and the ad line exactly when the law asks for them; a
     * TRANSACTIONAL message ignores it.
     *
     * @throws IllegalArgumentException when a COMMERCIAL message lacks a usable unsubscribe URL or a
     *                                  sender postal address (15 USC 7704(a)(3), (a)(5)(A)(iii))
     */
    static Map<String, Object> of(SenderIdentity sender, Purpose purpose, String unsubscribeUrl) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(SENDER_NAME, sender.name());
        values.put(SENDER_EMAIL, sender.email());
        values.put(SENDER_POSTAL_ADDRESS, sender.postalAddress());
        if (purpose == Purpose.COMMERCIAL) {
            requireHttpUrl(unsubscribeUrl);
            if (!sender.hasPostalAddress()) {
                throw new IllegalArgumentException("a COMMERCIAL message needs the sender's postal address"
                        + " (15 USC 7704(a)(5)(A)(iii)); configure sender.postal-address");
            }
            values.put(UNSUBSCRIBE_URL, unsubscribeUrl);
        }
        return values;
    }

    private static void requireHttpUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a COMMERCIAL message needs an unsubscribe URL (15 USC 7704(a)(3))");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unsubscribe URL is not a valid URI: " + url, e);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException("unsubscribe URL must be an absolute http(s) URL: " + url);
        }
    }
}
