package dev.outreach.policy;

import java.time.Instant;

/**
 * A consent on file for the recipient's number (or address), as the rules need it.
 *
 * @param id the ledger record id, named in decisions that rely on it
 * @param kind TCPA_WRITTEN, TCPA_EXPRESS, GDPR or EMAIL_OPT_IN
 * @param channel the channel the consent covers
 * @param capturedAt when the person gave it
 * @param revokedAt when it was withdrawn, or null
 */
public record ConsentFact(String id, String kind, Channel channel, Instant capturedAt, Instant revokedAt) {

    /** In force at {@code now}: given before and not withdrawn by then. */
    public boolean activeAt(Instant now) {
        return !capturedAt.isAfter(now) && (revokedAt == null || revokedAt.isAfter(now));
    }
}
