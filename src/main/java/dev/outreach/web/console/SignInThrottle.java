package dev.outreach.web.console;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows guessing of API keys at the console: after {@code limit} failed sign-ins from one client IP
 * within {@code window}, further attempts from that IP are refused (429 with Retry-After) until the
 * window that began with the first failure has passed. Counts live in a bounded Caffeine cache.
 */
public final class SignInThrottle {

    private record Failures(Instant since, int count) {
    }

    private final Clock clock;
    private final int limit;
    private final Duration window;
    private final Cache<String, Failures> failures;

    public SignInThrottle(Clock clock, int limit, Duration window) {
        this.clock = clock;
        this.limit = limit;
        this.window = window;
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        this.failures = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(window).maximumSize(100_000).build();
    }

    /** How long this IP must wait before it may try again, or empty when it may try now. */
    public Optional<Duration> retryAfter(String ip) {
        Failures f = failures.getIfPresent(ip);
        if (f == null || f.count() < limit) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), f.since().plus(window));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    public void failed(String ip) {
        Instant now = clock.instant();
        failures.asMap().merge(ip, new Failures(now, 1), (old, one) ->
                now.isBefore(old.since().plus(window)) ? new Failures(old.since(), old.count() + 1) : one);
    }
}
