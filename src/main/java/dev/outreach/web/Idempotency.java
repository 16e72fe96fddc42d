package dev.outreach.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.outreach.gateway.ResponseMemory;
import dev.outreach.store.IdempotencyRecords;
import dev.outreach.store.StoredResponse;
import dev.outreach.store.Transactions;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
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
    private final Transactions transactions;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final Clock clock;
    /** Serialises concurrent requests with the same key within this instance. */
    private final Cache<String, Object> locks = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();

    Idempotency(IdempotencyRecords records, Transactions transactions, com.fasterxml.jackson.databind.ObjectMapper json,
                Clock clock) {
        this.records = records;
        this.transactions = transactions;
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

    /**
     * For a decision use case: the use case calls the {@link ResponseMemory} inside its own unit of
     * work, so the answer is stored in the same transaction as the decision it reports.
     */
    <R> void decide(Context ctx, Function<ResponseMemory<R>, R> action, Function<R, Outcome> view) {
        String key = keyOf(ctx);
        if (key == null) {
            write(ctx, view.apply(action.apply(ResponseMemory.none())));
            return;
        }
        String scoped = scoped(ctx, key);
        String requestHash = sha256(ctx.body());
        synchronized (locks.get(scoped, k -> new Object())) {
            Optional<StoredResponse> earlier = records.find(scoped);
            if (earlier.isPresent()) {
                replay(ctx, earlier.get(), requestHash);
                return;
            }
            AtomicReference<StoredResponse> stored = new AtomicReference<>();
            try {
                R result = action.apply(r -> stored.set(remember(scoped, requestHash, view.apply(r))));
                StoredResponse answer = stored.get();
                if (answer == null) {
                    write(ctx, view.apply(result));
                } else {
                    ctx.status(answer.status()).contentType(answer.contentType()).result(answer.body());
                }
            } catch (AnsweredElsewhere e) {
                replay(ctx, e.first, requestHash);
            }
        }
    }

    /**
     * For any other recording request: the handler's writes and the stored answer commit as one unit
     * of work, so a retry after a crash never repeats a change that was made.
     */
    void respond(Context ctx, Supplier<Outcome> handler) {
        String key = keyOf(ctx);
        if (key == null) {
            write(ctx, handler.get());
            return;
        }
        this.<Outcome>decide(ctx, memory -> transactions.atomically("idempotent request", () -> {
            Outcome outcome = handler.get();
            memory.remember(outcome);
            return outcome;
        }), outcome -> outcome);
    }

    /** Inside the unit of work: stores the answer, or rolls the unit back if another instance answered first. */
    private StoredResponse remember(String scoped, String requestHash, Outcome outcome) {
        StoredResponse mine = new StoredResponse(scoped, requestHash, outcome.status(), "application/json",
                new String(serialised(outcome.body()), StandardCharsets.UTF_8), clock.instant());
        StoredResponse kept = records.saveIfAbsent(mine);
        if (!kept.requestHash().equals(mine.requestHash()) || !kept.body().equals(mine.body())) {
            throw new AnsweredElsewhere(kept);
        }
        return kept;
    }

    /** Another instance stored an answer for the same key first; this request's writes are undone. */
    private static final class AnsweredElsewhere extends RuntimeException {
        private final transient StoredResponse first;

        AnsweredElsewhere(StoredResponse first) {
            super("idempotency key already answered", null, false, false);
            this.first = first;
        }
    }

    private static String scoped(Context ctx, String key) {
        return RequestActor.of(ctx).keyId() + " " + ctx.method() + " " + ctx.path() + " " + key;
    }

    private static void replay(Context ctx, StoredResponse earlier, String requestHash) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw ProblemException.unprocessable("Idempotency-Key", "was already used with a different request body");
        }
        ctx.status(earlier.status()).contentType(earlier.contentType()).header("Idempotent-Replayed", "true")
                .result(earlier.body());
    }

    private void write(Context ctx, Outcome outcome) {
        ctx.status(outcome.status()).contentType("application/json").result(serialised(outcome.body()));
    }

    /** As bytes: a check's answer is about 4 KB, and a string would be encoded again on the way out. */
    private byte[] serialised(Object body) {
        try {
            return json.writeValueAsBytes(body);
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
