package dev.outreach.gateway;

import dev.outreach.mail.UnsubscribeTokens;

/** Builds the one-click unsubscribe URL for a recipient pseudonym under the public base URL. */
public final class UnsubscribeLinks {

    private final UnsubscribeTokens tokens;
    private final String baseUrl;

    public UnsubscribeLinks(UnsubscribeTokens tokens, String publicBaseUrl) {
        this.tokens = tokens;
        this.baseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    public String url(String recipientKey) {
        return baseUrl + "/u/" + tokens.issue(recipientKey);
    }
}
