package dev.outreach.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Purpose;
import dev.outreach.scrub.BatchChecking;
import dev.outreach.scrub.BatchDefaults;
import dev.outreach.scrub.BatchFormat;
import dev.outreach.scrub.BatchInput;
import dev.outreach.scrub.BatchReceipt;
import dev.outreach.scrub.InvalidBatchException;
import dev.outreach.scrub.NdjsonResults;
import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static dev.outreach.gateway.Role.INTEGRATION;

/**
 * {@code POST /api/v1/checks/batch}: list scrubbing. NDJSON or CSV in, NDJSON decisions out in the
 * same order, streamed as they are judged, one audit entry for the whole batch and a trailer line
 * naming it. Everything that can make the whole request fail is checked before the first byte of
 * the answer; after that, a failure cuts the connection rather than ending a complete-looking result.
 */
final class BatchCheckRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCheckRoutes.class);
    private static final int OUTPUT_BUFFER = 64 * 1024;

    private final BatchChecking batches;
    private final ObjectMapper json;
    private final Clock clock;

    BatchCheckRoutes(BatchChecking batches, ObjectMapper json, Clock clock) {
        this.batches = batches;
        this.json = json;
        this.clock = clock;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/checks/batch", this::batch, INTEGRATION);
    }

    private void batch(Context ctx) throws IOException {
        BatchFormat format = BatchFormat.ofContentType(ctx.contentType()).orElseThrow(() -> new ProblemException(415,
                "Unsupported media type", "Content-Type: must be application/x-ndjson or text/csv",
                List.of(new FieldError("Content-Type", "must be application/x-ndjson or text/csv"))));
        boolean full = fullDetail(ctx.queryParam("detail"));
        BatchDefaults defaults = defaults(ctx);
        BatchInput input;
        try {
            input = BatchInput.open(ctx.req().getInputStream(), format, defaults, json);
        } catch (InvalidBatchException e) {
            throw ProblemException.badRequest("body", e.getMessage());
        }
        ctx.status(200).contentType("application/x-ndjson").header("Cache-Control", "no-store");
        try {
            OutputStream out = new BufferedOutputStream(ctx.outputStream(), OUTPUT_BUFFER);
            BatchReceipt receipt = batches.run(input, defaults, RequestActor.of(ctx), new NdjsonResults(out, json, full));
            out.flush();
            LOG.info("batch check: {} rows, audit entry {}", receipt.summary().rows(), receipt.auditId());
        } catch (RuntimeException | IOException e) {
            if (!ctx.res().isCommitted()) {
                throw e;
            }
            abort(ctx, e);
        }
    }

    private static boolean fullDetail(String detail) {
        if (detail == null || detail.equals("compact")) {
            return false;
        }
        if (detail.equals("full")) {
            return true;
        }
        throw ProblemException.badRequest("detail", "must be compact or full");
    }

    /** Query parameters every line inherits; rows without {@code at} are judged at one instant, the batch's. */
    private BatchDefaults defaults(Context ctx) {
        Channel channel = enumParam(ctx, "channel", Channel.class);
        Purpose purpose = enumParam(ctx, "purpose", Purpose.class);
        Dialer dialer = enumParam(ctx, "dialer", Dialer.class);
        String template = ctx.queryParam("template");
        String rawAt = ctx.queryParam("at");
        Instant at;
        try {
            at = rawAt == null ? clock.instant() : OffsetDateTime.parse(rawAt).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("at", "must be an ISO-8601 instant with offset, e.g. 2026-11-27T14:05:00Z");
        }
        return new BatchDefaults(channel, purpose, template == null || template.isBlank() ? null : template, at, dialer);
    }

    private static <E extends Enum<E>> E enumParam(Context ctx, String name, Class<E> type) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A result cut short must look cut short: no trailer, a broken transfer. */
    private static void abort(Context ctx, Exception cause) {
        LOG.warn("batch check stopped after the response began ({}); the transfer is aborted", cause.toString());
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request != null) {
            request.getServletChannel().abort(cause);
        }
    }
}
