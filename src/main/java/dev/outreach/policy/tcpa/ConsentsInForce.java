package dev.outreach.policy.tcpa;

import dev.outreach.policy.Channel;
import dev.outreach.policy.ConsentFact;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which consents on file count for a call or text. A consent counts when it is in force at the
 * instant judged, covers the attempt's channel, is of an acceptable kind, and was given after the
 * latest do-not-call request or revocation for the number: a request to stop, by any reasonable
 * means, withdraws earlier consent (47 CFR 64.1200(a)(10)).
 */
final class ConsentsInForce {

    static final String TCPA_WRITTEN = "TCPA_WRITTEN";
    static final String TCPA_EXPRESS = "TCPA_EXPRESS";

    private ConsentsInForce() {
    }

    /** The most recently given consent that counts, if any. */
    static Optional<ConsentFact> inForce(List<ConsentFact> consents, Set<String> kinds, Channel channel,
                                         Instant lastDncRequestAt, Instant now) {
        return consents.stream()
                .filter(c -> kinds.contains(c.kind()) && c.channel() == channel && c.activeAt(now))
                .filter(c -> lastDncRequestAt == null || c.capturedAt().isAfter(lastDncRequestAt))
                .max(Comparator.comparing(ConsentFact::capturedAt));
    }

    /**
     * Why the consents of acceptable kind for this channel do not count, or empty when there were
     * none at all (so the caller can say "no consent on file").
     */
    static Optional<String> whyNotInForce(List<ConsentFact> consents, Set<String> kinds, Channel channel,
                                          Instant lastDncRequestAt, Instant now) {
        List<ConsentFact> candidates = consents.stream()
                .filter(c -> kinds.contains(c.kind()) && c.channel() == channel).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        ConsentFact latest = candidates.stream().max(Comparator.comparing(ConsentFact::capturedAt)).orElseThrow();
        if (latest.revokedAt() != null && !latest.revokedAt().isAfter(now)) {
            return Optional.of(latest.kind() + " consent " + latest.id() + " was revoked on " + date(latest.revokedAt()));
        }
        if (latest.capturedAt().isAfter(now)) {
            return Optional.of(latest.kind() + " consent " + latest.id() + " is dated after the instant judged");
        }
        return Optional.of(latest.kind() + " consent " + latest.id() + " was given on " + date(latest.capturedAt())
                + ", before the do-not-call request or revocation of " + date(lastDncRequestAt)
                + ", which withdrew it");
    }

    static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
