package dev.outreach.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The organisation's own settings the rules read. Constructed from configuration at start-up.
 *
 * @param senderDomains domains the gateway may send From; anything else is refused (no open relay)
 * @param frequencyCap maximum allowed touches per recipient per {@code frequencyWindow}; 0 = off
 * @param duplicateWindow how long the same template to the same lead counts as a duplicate
 * @param revokeAllScopeFrom the date from which a revocation of one message type (robocalls or
 *                           robotexts) revokes all robocall and robotext consent from the caller;
 *                           before it a revocation covers only the type revoked (47 CFR
 *                           64.1200(a)(10), delayed by FCC CGB order 2026-01-06)
 */
public record PolicySettings(Set<String> senderDomains, int frequencyCap, Duration frequencyWindow,
                             Duration duplicateWindow, LocalDate revokeAllScopeFrom) {

    /** The date the reference gives for the revoke-all scope (table C, confidence S). */
    public static final LocalDate REVOKE_ALL_SCOPE_FROM = LocalDate.of(2027, 1, 31);
    /** The date begins first at UTC+14:00; starting it there means no one is judged under the narrower scope on it. */
    private static final ZoneOffset EARLIEST_OFFSET = ZoneOffset.ofHours(14);

    public PolicySettings(Set<String> senderDomains, int frequencyCap, Duration frequencyWindow,
                          Duration duplicateWindow) {
        this(senderDomains, frequencyCap, frequencyWindow, duplicateWindow, REVOKE_ALL_SCOPE_FROM);
    }

    public PolicySettings {
        Objects.requireNonNull(frequencyWindow, "frequencyWindow");
        Objects.requireNonNull(duplicateWindow, "duplicateWindow");
        Objects.requireNonNull(revokeAllScopeFrom, "revokeAllScopeFrom");
        senderDomains = senderDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (frequencyCap < 0) {
            throw new IllegalArgumentException("frequencyCap must be >= 0 (0 turns the cap off), was " + frequencyCap);
        }
    }

    /**
     * Whether at {@code now} a revocation of one message type revokes all robocall and robotext
     * consent: from the first instant of {@link #revokeAllScopeFrom} anywhere (00:00 at UTC+14:00).
     */
    public boolean revokeAllScopeAt(Instant now) {
        return !now.isBefore(revokeAllScopeFrom.atStartOfDay(EARLIEST_OFFSET).toInstant());
    }

    public static PolicySettings defaults(Set<String> senderDomains) {
        return new PolicySettings(senderDomains, 0, Duration.ofDays(7), Duration.ofHours(24));
    }
}
