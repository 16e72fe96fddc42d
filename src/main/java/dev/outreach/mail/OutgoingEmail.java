package dev.outreach.mail;

import java.util.Objects;

/**
 * One email ready to be composed into RFC 5322 bytes by {@link MimeComposer}.
 *
 * <p>Every field that becomes part of a header is checked here for CR and LF (header injection,
 * RFC 5322 §2.2), so an instance with such input cannot exist; the {@link IllegalArgumentException}
 * names the field. The bodies may contain line breaks.
 *
 * @param fromName            display name for {@code From}, may be {@code null} or blank for none
 * @param fromAddress         sender address (RFC 5322 §3.6.2)
 * @param to                  recipient address (RFC 5322 §3.6.3)
 * @param subject             subject, any Unicode (RFC 2047-encoded when needed)
 * @param text                the text/plain alternative
 * @param html                the text/html alternative
 * @param commercial          true for CAN-SPAM commercial mail: adds the RFC 2369/8058 unsubscribe headers
 * @param unsubscribeHttpsUrl the one-click URI including the token ({@code https://…/u/TOKEN});
 *                            required when commercial, ignored otherwise
 * @param unsubscribeMailto   address for a mailto unsubscribe (RFC 2369 §3.2), or {@code null}
 * @param messageIdDomain     the right-hand side of the Message-ID, normally the sender's domain
 */
public record OutgoingEmail(String fromName, String fromAddress, String to, String subject, String text,
                            String html, boolean commercial, String unsubscribeHttpsUrl,
                            String unsubscribeMailto, String messageIdDomain) {

    public OutgoingEmail {
        SingleLineHeader.require("fromName", fromName);
        SingleLineHeader.require("fromAddress", required("fromAddress", fromAddress));
        SingleLineHeader.require("to", required("to", to));
        SingleLineHeader.require("subject", required("subject", subject));
        SingleLineHeader.require("unsubscribeHttpsUrl", unsubscribeHttpsUrl);
        SingleLineHeader.require("unsubscribeMailto", unsubscribeMailto);
        SingleLineHeader.require("messageIdDomain", required("messageIdDomain", messageIdDomain));
        required("text", text);
        required("html", html);
        if (commercial && (unsubscribeHttpsUrl == null || unsubscribeHttpsUrl.isBlank())) {
            throw new IllegalArgumentException(
                    "unsubscribeHttpsUrl is required for a commercial message (RFC 8058 §3.1, 15 USC 7704(a)(3))");
        }
    }

    private static String required(String field, String value) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }
}
