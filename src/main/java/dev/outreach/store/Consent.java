package dev.outreach.store;

import dev.outreach.policy.Channel;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the consent ledger. A consent belongs to a number or an address, looked up by its
 * keyed pseudonym {@code subjectKey}, never to a lead: a lead whose number changed has no consent
 * for the new number.
 *
 * @param kind TCPA_WRITTEN, TCPA_EXPRESS, GDPR or EMAIL_OPT_IN
 * @param value the readable number (E.164) or address; null once erased
 * @param revokedAt when it was withdrawn, or null while in force
 * @param revokedVia how it was withdrawn ({@code sms-keyword}, {@code api}, {@code call-outcome},
 *                   {@code review:<id>} for a provisional revocation awaiting review...)
 */
public record Consent(String id, Channel channel, String kind, String subjectKey, String value,
                      ConsentEvidence evidence, Instant createdAt, Instant revokedAt, String revokedVia) {

    /** Prefix of {@link #revokedVia} for revocations that a compliance review may lift. */
    public static final String PROVISIONAL_PREFIX = "review:";

    public Consent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subjectKey, "subjectKey");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
