package dev.outreach.policy.state;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Dialer;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A state's cap on solicitation touches to one number: at most {@code count} within {@code window}.
 *
 * @param channels the channels the cap covers and counts (Florida: calls and texts)
 * @param dialers the dialers the cap covers (Maine: AUTODIALED); empty means every call
 * @param scope what the statute counts, in words (e.g. "same subject, from any number")
 */
public record FrequencyCap(int count, Duration window, Set<Channel> channels, Set<Dialer> dialers, String scope) {

    public FrequencyCap {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        channels = Set.copyOf(channels);
        dialers = Set.copyOf(dialers);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("a cap must cover at least one channel");
        }
    }

    /**
     * Whether the attempt is the kind of touch the cap limits. A call whose dialer is not stated
     * is treated as covered: unknown fails closed.
     */
    public boolean covers(Attempt attempt) {
        return channels.contains(attempt.channel())
                && (dialers.isEmpty() || attempt.dialer() == null || dialers.contains(attempt.dialer()));
    }

    @Override
    public String toString() {
        return count + " " + touches() + (dialers.isEmpty() ? "" : " (" + sorted(dialers) + " only)") + " per "
                + describe(window) + " (" + scope + ")";
    }

    /** "CALL/SMS touches", for details. */
    String touches() {
        return sorted(channels) + " touches";
    }

    private static String sorted(Set<? extends Enum<?>> values) {
        return values.stream().sorted().map(Enum::name).collect(java.util.stream.Collectors.joining("/"));
    }

    static String describe(Duration d) {
        return d.toMinutesPart() == 0 && d.toSecondsPart() == 0 ? d.toHours() + " h" : d.toString();
    }
}
