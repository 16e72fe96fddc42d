package dev.outreach.mail;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a transiently failed message again: exponential backoff (first delay, doubled after
 * each further failure, capped), and a limit on attempts after which the message is given up.
 * RFC 5321 §4.5.4.1 asks for at least 30 minutes between retries to one destination and at least
 * 4-5 days before giving up; we are a client handing mail to our own relay, which owns the long
 * retry, so the default is shorter: 30 s, 1 min, 2 min … capped at 1 h, 12 attempts (about 5 h).
 *
 * @param firstDelay  delay after the first failed attempt
 * @param maxDelay    cap for every later delay
 * @param maxAttempts attempts in total; the message fails after this many
 */
public record RetrySchedule(Duration firstDelay, Duration maxDelay, int maxAttempts) {

    public RetrySchedule {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("need 0 < firstDelay <= maxDelay, was " + firstDelay + " and " + maxDelay);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    public static RetrySchedule standard() {
        return new RetrySchedule(Duration.ofSeconds(30), Duration.ofHours(1), 12);
    }

    /**
     * @param failedAttempts attempts made so far, all failed (at least 1)
     * @return how long to wait before the next attempt, or empty when no attempt is left
     */
    public Optional<Duration> delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1, was " + failedAttempts);
        }
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        // Beyond 2^30 the cap has long been reached; the bound keeps multipliedBy from overflowing.
        Duration doubled = firstDelay.multipliedBy(1L << Math.min(failedAttempts - 1, 30));
        return Optional.of(doubled.compareTo(maxDelay) > 0 ? maxDelay : doubled);
    }
}
