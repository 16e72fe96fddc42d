package dev.outreach.policy.state;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.TouchFact;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A state's cap on solicitation touches to one number: at most {@code count} within {@code window}.
 *
 * @param channels the channels the cap covers and counts (Florida: calls and texts)
 * @param dialers the dialers the cap covers (Maine: AUTODIALED); empty means every call
 * @param scope what the statute counts, in words (e.g. "same subject, from any number")
 * @param perSubject the statute counts touches "on the same subject": when an attempt states its
 *                   subject, only earlier touches with the same subject, or with none stated, count
 */
public record FrequencyCap(int count, Duration window, Set<Channel> channels, Set<Dialer> dialers, String scope,
                           boolean perSubject) {

    /** A cap that counts every subject. */
    public FrequencyCap(int count, Duration window, Set<Channel> channels, Set<Dialer> dialers, String scope) {
        this(count, window, channels, dialers, scope, false);
    }

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

    /**
     * Whether an earlier touch counts against this cap for the attempt. A touch whose dialer was not
     * recorded counts as any dialer, and one whose subject was not stated as any subject: what is
     * unknown fails closed. Without a subject on the attempt every subject counts.
     */
    public boolean counts(TouchFact earlier, Attempt attempt) {
        return earlier.allowed() && channels.contains(earlier.channel())
                && (dialers.isEmpty() || earlier.dialer() == null || dialers.contains(earlier.dialer()))
                && (!perSubject || attempt.subject() == null || earlier.subject() == null
                    || sameSubject(attempt.subject(), earlier.subject()));
    }

    /** Subjects are the same when they match ignoring case and runs of white space. */
    static boolean sameSubject(String a, String b) {
        return normalised(a).equals(normalised(b));
    }

    private static String normalised(String subject) {
        return subject.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return count + " " + touches() + (dialers.isEmpty() ? "" : " (" + sorted(dialers) + " only)") + " per "
                + describe(window) + " (" + scope + ")" + (perSubject ? ", counted per subject when one is stated" : "");
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
