package dev.outreach.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

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

    /**
     * The consent that counts: of those {@code counts} accepts, the latest given, the first gathered
     * on a tie; empty when none counts.
     */
    public static Optional<ConsentFact> latest(List<ConsentFact> consents, Predicate<ConsentFact> counts) {
        ConsentFact latest = null;
        for (ConsentFact c : consents) {
            if (counts.test(c) && (latest == null || c.capturedAt().isAfter(latest.capturedAt()))) {
                latest = c;
            }
        }
        return Optional.ofNullable(latest);
    }
}
