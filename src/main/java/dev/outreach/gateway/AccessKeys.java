package dev.outreach.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditTrail;
import dev.outreach.store.ApiKey;
import dev.outreach.store.ApiKeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys: 32 random bytes shown once; only their SHA-256 is stored. A fast hash suffices because
 * the keys are random and long, unlike passwords.
 *
 * <p>Every request authenticates, so a key found active is remembered for {@link #REMEMBERED} (by its
 * hash, never its plaintext). A revocation here forgets all of them at once; a key revoked by another
 * instance on the same database is refused here within that time, as console sessions are.
 * Unknown keys are not remembered, so a key created on another instance works at once.
 */
public final class AccessKeys {

    /** A key as issued: the plaintext exists only in this object, once. */
    public record Issued(ApiKey record, String plaintext) {
    }

    /** How long a key found active is trusted without asking the store again. */
    static final Duration REMEMBERED = Duration.ofSeconds(2);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "og_";

    private final ApiKeys keys;
    private final AuditTrail audit;
    private final Clock clock;
    private final Cache<String, ApiKey> activeByHash;
    private final List<java.util.function.Consumer<String>> revocationListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public AccessKeys(ApiKeys keys, AuditTrail audit, Clock clock) {
        this(keys, audit, clock, Ticker.systemTicker());
    }

    /** @param ticker what the remembered keys' time is measured with */
    AccessKeys(ApiKeys keys, AuditTrail audit, Clock clock, Ticker ticker) {
        this.activeByHash = Caffeine.newBuilder().expireAfterWrite(REMEMBERED).maximumSize(10_000).ticker(ticker)
                .build();
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    public Issued issue(String name, String role, Actor actor) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return store(name, role, PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret), actor);
    }

    /**
     * On the very first start (no active key) creates the ADMIN key: the given one (from
     * OUTREACH_ADMIN_KEY) or a random one. Returns the plaintext to print, or empty when keys exist.
     */
    public Optional<Issued> bootstrap(String presetKey) {
        if (keys.countActive() > 0) {
            return Optional.empty();
        }
        if (presetKey != null && !presetKey.isBlank()) {
            if (presetKey.length() < 20) {
                throw new IllegalArgumentException("OUTREACH_ADMIN_KEY must be at least 20 characters");
            }
            return Optional.of(store("bootstrap-admin", "ADMIN", presetKey.strip(), Actor.SYSTEM));
        }
        return Optional.of(issue("bootstrap-admin", "ADMIN", Actor.SYSTEM));
    }

    private Issued store(String name, String role, String plaintext, Actor actor) {
        ApiKey record = new ApiKey(UUID.randomUUID().toString(), name, role, hash(plaintext), clock.instant(), null);
        keys.create(record);
        audit.recordChange(AuditKind.KEY_CREATED, actor.auditName(), null, null, null,
                Map.of("keyId", record.id(), "name", name, "role", role));
        return new Issued(record, plaintext);
    }

    public Optional<ApiKey> authenticate(String plaintext) {
        if (plaintext == null || plaintext.isBlank()) {
            return Optional.empty();
        }
        String hash = hash(plaintext.strip());
        ApiKey remembered = activeByHash.getIfPresent(hash);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        Optional<ApiKey> found = keys.findActiveByHash(hash);
        found.ifPresent(key -> activeByHash.put(hash, key));
        return found;
    }

    public List<ApiKey> list() {
        return keys.list();
    }

    public boolean revoke(String id, Actor actor) {
        boolean revoked = keys.revoke(id, clock.instant());
        activeByHash.invalidateAll();
        if (revoked) {
            audit.recordChange(AuditKind.KEY_REVOKED, actor.auditName(), null, null, null, Map.of("keyId", id));
            revocationListeners.forEach(l -> l.accept(id));
        }
        return revoked;
    }

    /** Told the id of every key revoked here, right after the revocation is stored (console sessions end). */
    public void onRevoke(java.util.function.Consumer<String> listener) {
        revocationListeners.add(listener);
    }

    /** Whether the key with this id exists and is not revoked. */
    public boolean isActive(String id) {
        return keys.list().stream().anyMatch(k -> k.id().equals(id) && k.revokedAt() == null);
    }

    static String hash(String plaintext) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(plaintext.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
