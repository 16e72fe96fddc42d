package dev.outreach.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.outreach.store.IdempotencyRecords;
import dev.outreach.store.StoredResponse;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key}: a retry with the same key (same caller, same route) gets the first
 * response back and nothing happens twice. Same key with a different body is a 422, since the
 * caller has confused two requests.
 */
final class Idempotency {

    /** What a handler produced, before it is written to the response. */
    record Outcome(int status, Object body) {
    }

    private final IdempotencyRecords records;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final Clock clock;
    /** Serialises concurrent requests with the same key within this instance. */
    private final Cache<String, Object> locks = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();

    Idempotency(IdempotencyRecords records, com.fasterxml.jackson.databind.ObjectMapper json, Clock clock) {
        this.records = records;
        this.json = json;
        this.clock = clock;
    }

    static String keyOf(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > 200 || key.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw ProblemException.badRequest("Idempotency-Key", "must be 1-200 printable ASCII characters");
        }
        return key;
    }

    void respond(Context ctx, Supplier<Outcome> handler) {
        String key = keyOf(ctx);
        if (key == null) {
            write(ctx, handler.get());
            return;
        }
        String scoped = RequestActor.of(ctx).keyId() + " " + ctx.method() + " " + ctx.path() + " " + key;
        String requestHash = sha256(ctx.body());
        Object lock = locks.get(scoped, k -> new Object());
        synchronized (lock) {
            Optional<StoredResponse> earlier = records.find(scoped);
            if (earlier.isPresent()) {
                replay(ctx, earlier.get(), requestHash);
                return;
            }
            Outcome outcome = handler.get();
            String body = serialise(outcome.body());
            records.saveIfAbsent(new StoredResponse(scoped, requestHash, outcome.status(), "application/json", body,
                    clock.instant()));
            ctx.status(outcome.status()).contentType("application/json").result(body);
        }
    }

    private static void replay(Context ctx, StoredResponse earlier, String requestHash) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw ProblemException.unprocessable("Idempotency-Key", "was already used with a different request body");
        }
        ctx.status(earlier.status()).contentType(earlier.contentType()).header("Idempotent-Replayed", "true")
                .result(earlier.body());
    }

    private void write(Context ctx, Outcome outcome) {
        ctx.status(outcome.status()).contentType("application/json").result(serialise(outcome.body()));
    }

    private String serialise(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((s == null ? "" : s).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
