package dev.outreach.web.console;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.outreach.gateway.Actor;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Server-side console sessions. The cookie carries only a random id; the API key the person
 * signed in with is never stored in the browser. Sessions end after eight idle hours.
 */
public final class ConsoleSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cache<String, ConsoleSession> sessions = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(8))
            .maximumSize(10_000)
            .build();

    public ConsoleSession open(Actor actor) {
        ConsoleSession s = new ConsoleSession(randomToken(), actor, randomToken());
        sessions.put(s.id(), s);
        return s;
    }

    public Optional<ConsoleSession> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(sessions.getIfPresent(id));
    }

    public void close(String id) {
        if (id != null) {
            sessions.invalidate(id);
        }
    }

    private static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
