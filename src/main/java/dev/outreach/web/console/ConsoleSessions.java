package dev.outreach.web.console;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.outreach.gateway.AccessKeys;
import dev.outreach.gateway.Actor;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Server-side console sessions. The cookie carries only a random id; the API key the person
 * signed in with is never stored in the browser. A session ends after {@code idle} without a
 * request, after {@code lifetime} in any case, and as soon as its key is revoked: revocation on
 * this instance closes its sessions at once, and every request re-checks the key (the answer is
 * cached for at most {@link #KEY_CHECK_CACHE}) so a revocation on another instance counts too.
 */
public final class ConsoleSessions {

    /** How long "this key is still active" may be believed without asking the store again. */
    static final Duration KEY_CHECK_CACHE = Duration.ofSeconds(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccessKeys keys;
    private final Clock clock;
    private final Duration lifetime;
    private final Cache<String, ConsoleSession> sessions;
    private final Cache<String, Boolean> activeKeys;

    public ConsoleSessions(AccessKeys keys, Clock clock, Duration idle, Duration lifetime) {
        this.keys = keys;
        this.clock = clock;
        this.lifetime = lifetime;
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        this.sessions = Caffeine.newBuilder().ticker(ticker).expireAfterAccess(idle).maximumSize(10_000).build();
        this.activeKeys = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(KEY_CHECK_CACHE).maximumSize(10_000)
                .build();
        keys.onRevoke(this::closeForKey);
    }

    public ConsoleSession open(Actor.KeyHolder actor, String clientIp, String userAgent) {
        ConsoleSession s = new ConsoleSession(randomToken(), actor, randomToken(), UUID.randomUUID().toString(),
                clock.instant(), clientIp, userAgent);
        sessions.put(s.id(), s);
        activeKeys.put(actor.keyId(), true);
        return s;
    }

    /** The live session for a cookie: not idle too long, not older than the lifetime, its key still active. */
    public Optional<ConsoleSession> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        ConsoleSession s = sessions.getIfPresent(id);
        if (s == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(expiresAt(s)) || !keyActive(s.actor().keyId())) {
            sessions.invalidate(id);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    public Instant expiresAt(ConsoleSession s) {
        return s.signedInAt().plus(lifetime);
    }

    private boolean keyActive(String keyId) {
        return activeKeys.get(keyId, keys::isActive);
    }

    /** Live sessions, oldest sign-in first. */
    public List<ConsoleSession> list() {
        Instant now = clock.instant();
        return sessions.asMap().values().stream().filter(s -> now.isBefore(expiresAt(s)))
                .sorted(Comparator.comparing(ConsoleSession::signedInAt)).toList();
    }

    public Optional<ConsoleSession> byPublicId(String publicId) {
        return list().stream().filter(s -> s.publicId().equals(publicId)).findFirst();
    }

    public void close(String id) {
        if (id != null) {
            sessions.invalidate(id);
        }
    }

    /** Ends every session signed in with this key (it was revoked). */
    public void closeForKey(String keyId) {
        activeKeys.invalidate(keyId);
        sessions.asMap().values().removeIf(s -> s.actor().keyId().equals(keyId));
    }

    private static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
