package dev.outreach.policy;

import java.time.Duration;
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
 */
public record PolicySettings(Set<String> senderDomains, int frequencyCap, Duration frequencyWindow,
                             Duration duplicateWindow) {

    public PolicySettings {
        Objects.requireNonNull(frequencyWindow, "frequencyWindow");
        Objects.requireNonNull(duplicateWindow, "duplicateWindow");
        senderDomains = senderDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (frequencyCap < 0) {
            throw new IllegalArgumentException("frequencyCap must be >= 0 (0 turns the cap off), was " + frequencyCap);
        }
    }

    public static PolicySettings defaults(Set<String> senderDomains) {
        return new PolicySettings(senderDomains, 0, Duration.ofDays(7), Duration.ofHours(24));
    }
}
