package dev.outreach.gateway;

import dev.outreach.policy.Channel;

/**
 * The kinds of consent the ledger records, and the channels each can cover: TCPA consents are for
 * calls and texts (47 USC 227(b)), email opt-in for email, GDPR consent for any channel.
 */
public enum ConsentKind {
    /** Prior express written consent (47 CFR 64.1200(f)(9)): needed for automated telemarketing. */
    TCPA_WRITTEN,
    /** Prior express consent: enough for informational automated calls and texts. */
    TCPA_EXPRESS,
    /** GDPR Art 6(1)(a) / ePrivacy consent. */
    GDPR,
    /** Affirmative consent to commercial email (15 USC 7702(1)). */
    EMAIL_OPT_IN;

    public boolean fits(Channel channel) {
        return switch (this) {
            case TCPA_WRITTEN, TCPA_EXPRESS -> channel == Channel.CALL || channel == Channel.SMS;
            case EMAIL_OPT_IN -> channel == Channel.EMAIL;
            case GDPR -> true;
        };
    }

    /** "CALL or SMS", for error messages. */
    public String channels() {
        return switch (this) {
            case TCPA_WRITTEN, TCPA_EXPRESS -> "CALL or SMS";
            case EMAIL_OPT_IN -> "EMAIL";
            case GDPR -> "EMAIL, CALL or SMS";
        };
    }
}
