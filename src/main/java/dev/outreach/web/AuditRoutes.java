package dev.outreach.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.audit.AuditVerifier;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.audit.VerifyResult;
import dev.outreach.contact.EmailAddresses;
import dev.outreach.contact.PhoneNumbers;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Verdict;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.outreach.web.ApiRole.COMPLIANCE;

/** {@code /api/v1/audit}: search the chained log and verify it. */
final class AuditRoutes {

    private final AuditEntries audit;
    private final RecipientPseudonyms pseudonyms;
    private final ObjectMapper json;
    private final String defaultPhoneRegion;

    AuditRoutes(AuditEntries audit, RecipientPseudonyms pseudonyms, ObjectMapper json, String defaultPhoneRegion) {
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.json = json;
        this.defaultPhoneRegion = defaultPhoneRegion;
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/audit", this::search, COMPLIANCE);
        routes.get("/api/v1/audit/verify", this::verify, COMPLIANCE);
    }

    private void search(Context ctx) {
        int limit = Paging.limit(ctx, 100, 1000);
        AuditQuery query = new AuditQuery(instant(ctx, "from"), instant(ctx, "to"), subjectKey(ctx.queryParam("recipient")),
                ctx.queryParam("leadId"), upperEnum(ctx, "channel", Channel.class), upperEnum(ctx, "decision", Verdict.class),
                ctx.queryParam("rule"), ctx.queryParam("kind"), cursor(ctx), limit);
        List<AuditEntry> page = audit.page(query);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entries", page.stream().map(this::view).toList());
        out.put("nextCursor", page.size() == limit ? String.valueOf(page.get(page.size() - 1).seq()) : null);
        ctx.json(out);
    }

    private void verify(Context ctx) {
        VerifyResult r = AuditVerifier.verify(audit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", r.ok());
        out.put("entries", r.entries());
        if (!r.ok()) {
            out.put("firstBadEntry", Map.of("seq", r.firstBadSeq(), "id", String.valueOf(r.firstBadEntryId())));
            out.put("detail", r.detail());
        }
        ctx.json(out);
    }

    private Map<String, Object> view(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("id", e.id());
        m.put("at", e.at());
        m.put("kind", e.kind());
        m.put("actor", e.actor());
        m.put("recipient", e.subjectKey() == null ? null : audit.readableSubject(e.subjectKey()).orElse("[erased]"));
        m.put("recipientKey", e.subjectKey());
        m.put("leadId", e.leadId());
        m.put("channel", e.channel());
        m.put("decision", e.decision());
        m.put("rules", e.rules() == null || e.rules().isEmpty() ? List.of() : Arrays.asList(e.rules().split(",")));
        m.put("detail", parse(e.payload()));
        m.put("prevHash", e.prevHash());
        m.put("hash", e.hash());
        return m;
    }

    private Object parse(String payload) {
        try {
            return payload == null ? null : json.readTree(payload);
        } catch (JsonProcessingException e) {
            return payload;
        }
    }

    /** The recipient is typed plainly; the log holds only its pseudonym. */
    private String subjectKey(String recipient) {
        if (recipient == null || recipient.isBlank()) {
            return null;
        }
        if (recipient.contains("@")) {
            try {
                return pseudonyms.email(EmailAddresses.normalise(recipient));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("recipient", "is not a valid email address");
            }
        }
        try {
            return pseudonyms.phone(PhoneNumbers.toE164(recipient, defaultPhoneRegion));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("recipient", "must be an email address or a phone number");
        }
    }

    private static long cursor(Context ctx) {
        String raw = ctx.queryParam("cursor");
        if (raw == null) {
            return 0;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("cursor", "must be a cursor returned as nextCursor");
        }
    }

    private static Instant instant(Context ctx, String field) {
        String raw = ctx.queryParam(field);
        if (raw == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be an ISO-8601 instant with offset, e.g. 2026-11-27T14:05:00Z");
        }
    }

    private static <E extends Enum<E>> String upperEnum(Context ctx, String field, Class<E> type) {
        String raw = ctx.queryParam(field);
        return raw == null ? null : LeadRoutes.queryEnum(field, raw, type).name();
    }
}
