package dev.outreach.web;

import dev.outreach.gateway.Role;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.outreach.gateway.Actor;
import dev.outreach.gateway.LeadImport;
import dev.outreach.gateway.LeadImportJobs;
import dev.outreach.store.IdempotencyRecords;
import dev.outreach.store.StoredResponse;
import io.javalin.http.Context;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

import static dev.outreach.gateway.Role.INTEGRATION;

/**
 * {@code POST /api/v1/leads/import}: a CSV file of leads (header row first), streamed from the
 * request body with constant memory. Every row is validated as {@code POST /api/v1/leads} validates
 * a body; the answer lists the rejected lines. {@code ?mode=upsert} updates the leads whose id is
 * stored instead of rejecting those rows. With {@code ?background=true} the file is spooled to disk
 * and imported by a background job: the answer is 202 with the job, whose progress and result
 * {@code GET /api/v1/leads/import/jobs/{id}} shows and whose rejected lines
 * {@code GET /api/v1/leads/import/jobs/{id}/rejected} serves as CSV. With an {@code Idempotency-Key},
 * a retry of the same file gets the first answer back and imports nothing twice (the body is hashed
 * as it streams).
 */
final class LeadImportRoutes {

    private static final Set<String> CSV_TYPES = Set.of("text/csv");
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema REJECTED_LINES = CsvSchema.builder().addNumberColumn("line").addColumn("field")
            .addColumn("message").build().withHeader();

    private final LeadImport leadImport;
    private final LeadImportJobs jobs;
    private final LeadFields fields;
    private final IdempotencyRecords records;
    private final ObjectMapper json;
    private final Clock clock;
    private final Cache<String, Object> locks = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();

    /** The answer before it is sent (and, with a key, stored). */
    private record Answer(int status, Map<String, Object> body, String location) {
    }

    LeadImportRoutes(LeadImport leadImport, LeadImportJobs jobs, LeadFields fields, IdempotencyRecords records,
                     ObjectMapper json, Clock clock) {
        this.leadImport = leadImport;
        this.jobs = jobs;
        this.fields = fields;
        this.records = records;
        this.json = json;
        this.clock = clock;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/leads/import", this::importLeads, INTEGRATION);
        routes.get("/api/v1/leads/import/jobs/{id}", this::job, INTEGRATION);
        routes.get("/api/v1/leads/import/jobs/{id}/rejected", this::rejectedLines, INTEGRATION);
    }

    private void importLeads(Context ctx) throws IOException {
        String type = ctx.contentType();
        String mediaType = type == null ? null : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (mediaType == null || !CSV_TYPES.contains(mediaType)) {
            throw new ProblemException(415, "Unsupported media type", "Content-Type must be text/csv, was "
                    + (mediaType == null || mediaType.isEmpty() ? "missing" : printable(mediaType)),
                    List.of(new FieldError("Content-Type", "must be text/csv")));
        }
        LeadImport.Mode mode = mode(ctx);
        boolean background = background(ctx);
        Actor.KeyHolder actor = RequestActor.of(ctx);
        String key = Idempotency.keyOf(ctx);
        MessageDigest digest = sha256();
        InputStream body = new DigestInputStream(ctx.bodyInputStream(), digest);
        if (key == null) {
            respond(ctx, background ? startJob(body, actor, mode) : run(body, actor, mode));
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
            Answer answer = background ? startJob(body, actor, mode) : run(body, actor, mode);
            body.transferTo(OutputStream.nullOutputStream());
            String text = serialise(answer.body());
            records.saveIfAbsent(new StoredResponse(scoped, HexFormat.of().formatHex(digest.digest()), answer.status(),
                    "application/json", text, clock.instant()));
            respond(ctx, answer);
        }
    }

    private Answer run(InputStream body, Actor.KeyHolder actor, LeadImport.Mode mode) {
        LeadImport.Result r = leadImport.run(new BufferedReader(new InputStreamReader(body, StrictText.utf8Decoder())),
                new LeadCsvRows(fields), actor, mode, rows -> { });
        return new Answer(200, result(r), null);
    }

    /** Spools the body (the request ends with this handler) and hands the file to a background job. */
    private Answer startJob(InputStream body, Actor.KeyHolder actor, LeadImport.Mode mode) throws IOException {
        Path spooled = Files.createTempFile("lead-import-", ".csv");
        try {
            Files.copy(body, spooled, StandardCopyOption.REPLACE_EXISTING);
            LeadImportJobs.Snapshot job = jobs.start(spooled, new LeadCsvRows(fields), actor, mode);
            return new Answer(202, jobBody(job), jobPath(job.id()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spooled);
            throw e;
        }
    }

    private void job(Context ctx) {
        respond(ctx, new Answer(200, jobBody(visibleJob(ctx)), null));
    }

    private void rejectedLines(Context ctx) throws IOException {
        LeadImportJobs.Snapshot job = visibleJob(ctx);
        if (job.result() == null) {
            throw ProblemException.conflict("id", "the job has no result yet (status " + job.status() + ")");
        }
        ctx.status(200).contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"rejected-lines-" + job.id() + ".csv\"")
                .result(CSV.writer(REJECTED_LINES).writeValueAsString(job.result().errors()));
    }

    /** A job is visible to the key that started it and to ADMIN keys; to others it does not exist. */
    private LeadImportJobs.Snapshot visibleJob(Context ctx) {
        Actor.KeyHolder actor = RequestActor.of(ctx);
        return jobs.find(ctx.pathParam("id"))
                .filter(j -> j.ownerKeyId().equals(actor.keyId()) || RequestActor.role(ctx) == Role.ADMIN)
                .orElseThrow(() -> ProblemException.notFound("import job"));
    }

    private static LeadImport.Mode mode(Context ctx) {
        try {
            return LeadImport.Mode.parse(ctx.queryParam("mode"));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("mode", e.getMessage());
        }
    }

    private static boolean background(Context ctx) {
        String raw = ctx.queryParam("background");
        if (raw == null || raw.isBlank() || raw.equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.equalsIgnoreCase("true")) {
            return true;
        }
        throw ProblemException.badRequest("background", "must be true or false");
    }

    private static Map<String, Object> result(LeadImport.Result r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("imported", r.imported());
        out.put("updated", r.updated());
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

    private static Map<String, Object> jobBody(LeadImportJobs.Snapshot job) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", job.id());
        out.put("mode", job.mode().name().toLowerCase(Locale.ROOT));
        out.put("status", job.status().name());
        out.put("rowsRead", job.rowsRead());
        out.put("bytesRead", job.bytesRead());
        out.put("bytesTotal", job.bytesTotal());
        out.put("percent", job.percent());
        out.put("startedAt", job.startedAt());
        out.put("finishedAt", job.finishedAt());
        out.put("result", job.result() == null ? null : result(job.result()));
        out.put("failure", job.failure());
        out.put("rejectedLines", job.result() == null ? null : jobPath(job.id()) + "/rejected");
        return out;
    }

    private static String jobPath(String id) {
        return "/api/v1/leads/import/jobs/" + id;
    }

    private void respond(Context ctx, Answer answer) {
        if (answer.location() != null) {
            ctx.header("Location", answer.location());
        }
        ctx.status(answer.status()).contentType("application/json").result(serialise(answer.body()));
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
