package dev.outreach.web;

import dev.outreach.audit.AuditExport;
import dev.outreach.audit.AuditFilter;
import dev.outreach.audit.AuditUpkeep;
import dev.outreach.audit.Checkpoint;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.audit.VerifyResult;
import dev.outreach.config.TimeText;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditQuery;
import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.outreach.gateway.Role.COMPLIANCE;

/** {@code /api/v1/audit}: search the chained log, export it, and verify it. */
final class AuditRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRoutes.class);

    private static final int EXPORT_BUFFER = 64 * 1024;

    private final AuditExport export;
    private final AuditFilter filter;
    private final AuditUpkeep upkeep;

    AuditRoutes(AuditEntries audit, RecipientPseudonyms pseudonyms, AuditUpkeep upkeep, String defaultPhoneRegion) {
        this.export = new AuditExport(audit);
        this.filter = new AuditFilter(pseudonyms, defaultPhoneRegion, TimeText.Form.WITH_OFFSET);
        this.upkeep = upkeep;
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/audit", this::search, COMPLIANCE);
        routes.get("/api/v1/audit/export", this::export, COMPLIANCE);
        routes.get("/api/v1/audit/verify", this::verify, COMPLIANCE);
    }

    /** A page of entries written exactly as the export writes each line, so the two always agree. */
    private void search(Context ctx) {
        int limit = Paging.limit(ctx, 100, 1000);
        AuditQuery query = query(ctx, limit);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        export.writePage(query, body);
        ctx.contentType("application/json").result(body.toByteArray());
    }

    /**
     * Streams every entry matching the search filters as CSV or JSON lines. Everything is validated
     * before the first byte, since a streamed response cannot turn into an error afterwards.
     */
    private void export(Context ctx) throws IOException {
        String rawFormat = ctx.queryParam("format");
        if (rawFormat == null) {
            throw ProblemException.badRequest("format", "is required: csv or jsonl");
        }
        AuditExport.Format format;
        try {
            format = AuditExport.Format.parse(rawFormat);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("format", e.getMessage());
        }
        AuditQuery query = query(ctx, 0);
        ctx.status(200).contentType(format.contentType())
                .header("Content-Disposition", "attachment; filename=\"audit-export." + format.extension() + "\"")
                .header("Cache-Control", "no-store");
        try {
            OutputStream out = new BufferedOutputStream(ctx.outputStream(), EXPORT_BUFFER);
            long rows = export.write(query, format, out);
            out.flush();
            LOG.info("audit export: {} entries as {}", rows, format);
        } catch (RuntimeException | IOException e) {
            if (!ctx.res().isCommitted()) {
                throw e; // nothing sent yet: an ordinary problem response
            }
            abort(ctx, e);
        }
    }

    /**
     * Cuts the connection of a streamed export that failed half way, so the client sees a broken
     * transfer, never a complete-looking file with rows missing (or an error appended to it).
     */
    private static void abort(Context ctx, Exception cause) {
        LOG.warn("audit export stopped after the response began ({}); the transfer is aborted", cause.toString());
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request != null) {
            request.getServletChannel().abort(cause);
        }
    }

    private void verify(Context ctx) {
        VerifyResult r = upkeep.verify();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", r.ok());
        out.put("entries", r.entries());
        if (!r.ok()) {
            Map<String, Object> bad = null;
            if (r.firstBadSeq() != null) {
                bad = new LinkedHashMap<>();
                bad.put("seq", r.firstBadSeq());
                bad.put("id", r.firstBadEntryId());
            }
            out.put("firstBadEntry", bad);
            out.put("detail", r.detail());
        }
        out.put("lastCheckpoint", checkpoint(r.lastCheckpoint()));
        out.put("checkpoints", r.checkpoints());
        out.put("prunedThroughSeq", r.prunedThroughSeq());
        ctx.json(out);
    }

    private static Map<String, Object> checkpoint(Checkpoint c) {
        if (c == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", c.seq());
        m.put("at", c.at().toString());
        return m;
    }

    /** The filters shared by search and export (read by {@link AuditFilter}); {@code limit} 0 for an export. */
    private AuditQuery query(Context ctx, int limit) {
        AuditFilter.Parsed parsed = filter.parse(ctx::queryParam);
        if (!parsed.ok()) {
            throw ProblemException.invalid(parsed.errors().stream()
                    .map(e -> new FieldError(e.field(), e.message())).toList());
        }
        return parsed.query().after(cursor(ctx)).withLimit(limit);
    }

    private static long cursor(Context ctx) {
        String raw = ctx.queryParam("cursor");
        if (raw == null) {
            return 0;
        }
        try {
            long seq = Long.parseLong(raw);
            if (seq < 0) {
                throw ProblemException.badRequest("cursor", "must be a cursor returned as nextCursor");
            }
            return seq;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("cursor", "must be a cursor returned as nextCursor");
        }
    }
}
