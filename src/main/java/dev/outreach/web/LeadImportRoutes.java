package dev.outreach.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.outreach.gateway.Actor;
import dev.outreach.gateway.LeadImport;
import dev.outreach.store.IdempotencyRecords;
import dev.outreach.store.StoredResponse;
import io.javalin.http.Context;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.outreach.web.ApiRole.INTEGRATION;

/**
 * {@code POST /api/v1/leads/import}: a CSV file of leads (header row first), streamed from the
 * request body with constant memory. Every row is validated as {@code POST /api/v1/leads} validates
 * a body; the answer lists the rejected lines. With an {@code Idempotency-Key}, a retry of the same
 * file gets the first answer back and imports nothing twice (the body is hashed as it streams).
 */
final class LeadImportRoutes {

    private static final Set<String> CSV_TYPES = Set.of("text/csv");

    private final LeadImport leadImport;
    private final LeadFields fields;
    private final IdempotencyRecords records;
    private final ObjectMapper json;
    private final Clock clock;
    private final Cache<String, Object> locks = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();

    LeadImportRoutes(LeadImport leadImport, LeadFields fields, IdempotencyRecords records, ObjectMapper json,
                     Clock clock) {
        this.leadImport = leadImport;
        this.fields = fields;
        this.records = records;
        this.json = json;
        this.clock = clock;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/leads/import", this::importLeads, INTEGRATION);
    }

    private void importLeads(Context ctx) throws IOException {
        String type = ctx.contentType();
        String mediaType = type == null ? null : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (mediaType == null || !CSV_TYPES.contains(mediaType)) {
            throw new ProblemException(415, "Unsupported media type", "Content-Type must be text/csv, was "
                    + (mediaType == null || mediaType.isEmpty() ? "missing" : printable(mediaType)),
                    List.of(new FieldError("Content-Type", "must be text/csv")));
        }
        Actor actor = RequestActor.of(ctx);
        String key = Idempotency.keyOf(ctx);
        MessageDigest digest = sha256();
        InputStream body = new DigestInputStream(ctx.bodyInputStream(), digest);
        if (key == null) {
            respond(ctx, 200, run(body, actor));
            return;
        }
        String scoped = actor.keyId() + " " + ctx.method() + " " + ctx.path() + " " + key;
        synchronized (locks.get(scoped, k -> new Object())) {
            Optional<StoredResponse> earlier = records.find(scoped);
            if (earlier.isPresent()) {
                body.transferTo(OutputStream.nullOutputStream());
                if (!earlier.get().requestHash().equals(HexFormat.of().formatHex(digest.digest()))) {
                    throw ProblemException.unprocessable("Idempotency-Key",
                            "was already used with a different request body");
                }
                ctx.status(earlier.get().status()).contentType(earlier.get().contentType())
                        .header("Idempotent-Replayed", "true").result(earlier.get().body());
                return;
            }
            Map<String, Object> outcome = run(body, actor);
            body.transferTo(OutputStream.nullOutputStream());
            String text = serialise(outcome);
            records.saveIfAbsent(new StoredResponse(scoped, HexFormat.of().formatHex(digest.digest()), 200,
                    "application/json", text, clock.instant()));
            ctx.status(200).contentType("application/json").result(text);
        }
    }

    private Map<String, Object> run(InputStream body, Actor actor) {
        LeadImport.Result r = leadImport.run(new BufferedReader(new InputStreamReader(body, StrictText.utf8Decoder())),
                new LeadCsvRows(fields, actor), actor, rows -> { });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("imported", r.imported());
        out.put("rejected", r.rejected());
        out.put("errors", r.errors().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", e.line());
            m.put("field", e.field());
            m.put("message", e.message());
            return m;
        }).toList());
        out.put("errorsNotListed", r.errorsNotListed());
        out.put("complete", r.complete());
        return out;
    }

    private static String printable(String mediaType) {
        return mediaType.length() <= 100 && mediaType.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? mediaType
                : "an unreadable media type";
    }

    private void respond(Context ctx, int status, Map<String, Object> body) {
        ctx.status(status).contentType("application/json").result(serialise(body));
    }

    private String serialise(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
