package dev.outreach.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.contact.EmailAddresses;
import dev.outreach.contact.PhoneNumbers;
import dev.outreach.gateway.InactiveLeadPurge;
import dev.outreach.gateway.SubjectErasure;
import dev.outreach.gateway.SubjectExporting;
import dev.outreach.gateway.SubjectObjection;
import dev.outreach.gateway.SubjectRef;
import dev.outreach.lead.Lead;
import dev.outreach.store.InactiveLead;
import dev.outreach.store.Leads;
import dev.outreach.store.SuppressionEntry;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.outreach.gateway.Role.COMPLIANCE;
import static dev.outreach.gateway.Role.INTEGRATION;
import static dev.outreach.gateway.Role.REP;

/**
 * Data-subject rights: {@code POST /api/v1/subjects/export} (access and portability),
 * {@code POST /api/v1/subjects/erase} (erasure), {@code POST /api/v1/subjects/object} (objection to
 * direct marketing) and {@code GET /api/v1/subjects/inactive} (the storage-limitation report). Each
 * request names the subject by exactly one of {@code email}, {@code phone} and {@code leadId}.
 *
 * <p>Export and erasure responses are never kept for Idempotency-Key replays: an export is the
 * person's data and an erasure receipt must not sit beside a hash of the request that named them.
 * Both are safe to repeat (a repeated erasure finds nothing left and says so).
 */
final class SubjectRoutes {

    private static final Pattern VIA = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final SubjectExporting exporting;
    private final SubjectErasure erasure;
    private final SubjectObjection objection;
    private final InactiveLeadPurge inactive;
    private final Leads leads;
    private final ObjectMapper json;
    private final Idempotency idempotency;
    private final String defaultPhoneRegion;

    SubjectRoutes(SubjectExporting exporting, SubjectErasure erasure, SubjectObjection objection,
                  InactiveLeadPurge inactive, Leads leads, ObjectMapper json, Idempotency idempotency,
                  String defaultPhoneRegion) {
        this.exporting = exporting;
        this.erasure = erasure;
        this.objection = objection;
        this.inactive = inactive;
        this.leads = leads;
        this.json = json;
        this.idempotency = idempotency;
        this.defaultPhoneRegion = defaultPhoneRegion;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/subjects/export", this::export, COMPLIANCE);
        routes.post("/api/v1/subjects/erase", this::erase, COMPLIANCE);
        routes.post("/api/v1/subjects/object", this::object, COMPLIANCE, INTEGRATION, REP);
        routes.get("/api/v1/subjects/inactive", this::inactive, COMPLIANCE);
    }

    private void export(Context ctx) {
        SubjectRef ref = subject(JsonBody.parse(json, ctx.body()));
        Map<String, Object> document = exporting.export(ref, RequestActor.of(ctx).auditName()).document(json);
        ctx.header("Cache-Control", "no-store").json(document);
    }

    private void erase(Context ctx) {
        SubjectRef ref = subject(JsonBody.parse(json, ctx.body()));
        SubjectErasure.ErasureReceipt r = erasure.erase(ref, RequestActor.of(ctx).auditName());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("receiptId", r.receiptId());
        m.put("erasedAt", r.erasedAt());
        m.put("erased", r.erased());
        m.put("kept", r.kept());
        m.put("storage", r.storage());
        m.put("auditId", r.auditEntryId());
        ctx.json(m);
    }

    private void object(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        String via = body.text("via");
        via = via == null ? "api" : via.trim();
        if (!VIA.matcher(via).matches()) {
            body.error("via", "must be 1-64 letters, digits, '.', '_', ':' or '-' naming how the objection came");
        }
        SubjectRef ref = subject(body);
        if (ref.leadId() != null) {
            Lead lead = leads.find(ref.leadId()).orElseThrow(() -> ProblemException.notFound("lead"));
            RequestActor.requireLeadAccess(ctx, lead);
        }
        String how = via;
        idempotency.respond(ctx, () -> {
            SubjectObjection.Objection o = objection.object(ref, how, RequestActor.of(ctx).auditName());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("objected", true);
            m.put("objectedAt", o.objectedAt());
            m.put("suppressions", o.added().stream().map(SubjectRoutes::view).toList());
            m.put("alreadyOnFile", o.alreadyOnFile().stream().map(SubjectRoutes::view).toList());
            return new Idempotency.Outcome(200, m);
        });
    }

    private void inactive(Context ctx) {
        InactiveLeadPurge.Report report = inactive.report(Paging.limit(ctx, 1000, 10_000));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("retention", report.retention().toString());
        m.put("cutoff", report.cutoff());
        m.put("count", report.leads().size());
        m.put("truncated", report.truncated());
        m.put("leads", report.leads().stream().map(SubjectRoutes::view).toList());
        ctx.json(m);
    }

    /** Reads exactly one of email, phone and leadId, normalised; 400 naming the field otherwise. */
    private SubjectRef subject(JsonBody body) {
        List<String> present = Stream.of("email", "phone", "leadId").filter(body::has).toList();
        SubjectRef ref = null;
        if (present.size() != 1) {
            body.error("email", present.isEmpty() ? "one of email, phone, leadId is required"
                    : "give only one of email, phone, leadId, not " + String.join(" and ", present));
        } else {
            String field = present.get(0);
            String value = switch (field) {
                case "email" -> body.convert("email", body.text("email"), EmailAddresses::normalise);
                case "phone" -> body.convert("phone", body.text("phone"),
                        raw -> PhoneNumbers.toE164(raw, defaultPhoneRegion));
                default -> body.requiredText("leadId");
            };
            if (value != null) {
                ref = switch (field) {
                    case "email" -> SubjectRef.email(value);
                    case "phone" -> SubjectRef.phone(value);
                    default -> SubjectRef.lead(value);
                };
            }
        }
        body.validate();
        return ref;
    }

    private static Map<String, Object> view(SuppressionEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("type", e.type());
        m.put("value", e.value() == null ? "[erased]" : e.value());
        m.put("reason", e.reason());
        m.put("source", e.source());
        m.put("createdAt", e.createdAt());
        return m;
    }

    private static Map<String, Object> view(InactiveLead l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("leadId", l.leadId());
        m.put("stage", l.stage());
        m.put("outcome", l.outcome());
        m.put("lastActivityAt", l.lastActivityAt());
        return m;
    }
}
