package dev.outreach.web.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.store.AuditChain;
import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditExport;
import dev.outreach.audit.AuditPayload;
import dev.outreach.audit.AuditFilter;
import dev.outreach.config.TimeText;
import dev.outreach.audit.AuditUpkeep;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.audit.VerifyResult;
import dev.outreach.gateway.AccessKeys;
import dev.outreach.store.Touch;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Verdict;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.Outbox;
import dev.outreach.mail.StoredMessage;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.Touches;
import dev.outreach.gateway.Role;
import dev.outreach.web.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The compliance officer's audit pages: the search form with every filter of the audit API and its
 * result table, the CSV export of the same query (written by {@link AuditExport}, exactly as the
 * API's export), one entry in full (rule results, evidence, hashes and, for an email, the message
 * as sent), and the chain's verification against the signed checkpoints.
 */
public final class AuditPages {

    /** Entries per result page. */
    static final int PAGE_SIZE = 50;
    /** The filters of the search form, in the order of the API's query parameters. */
    static final List<String> FILTERS = List.of("from", "to", "recipient", "leadId", "channel", "decision", "rule",
            "actor", "kind", "order");
    /** The entry kinds the gateway writes, offered as suggestions in the kind filter. */
    /** Every kind the log can hold, for the kind filter. */
    static final List<String> KINDS = java.util.Arrays.stream(AuditKind.values()).map(Enum::name).toList();
    private static final int EXPORT_BUFFER = 64 * 1024;
    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss", Locale.ENGLISH);

    private final Pages pages;
    private final AuditEntries audit;
    private final AuditExport export;
    private final AuditFilter filter;
    private final AuditUpkeep upkeep;
    private final Touches touches;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final AccessKeys keys;

    public AuditPages(Pages pages, AuditEntries audit, RecipientPseudonyms pseudonyms,
                      AuditUpkeep upkeep, Touches touches, Outbox outbox, ObjectMapper json,
                      String defaultPhoneRegion) {
        this(pages, audit, pseudonyms, upkeep, touches, outbox, json, defaultPhoneRegion, null);
    }

    /** @param keys names the actors of entries (a key's name and role); null shows them as stored */
    public AuditPages(Pages pages, AuditEntries audit, RecipientPseudonyms pseudonyms,
                      AuditUpkeep upkeep, Touches touches, Outbox outbox, ObjectMapper json,
                      String defaultPhoneRegion, AccessKeys keys) {
        this.pages = pages;
        this.audit = audit;
        this.export = new AuditExport(audit);
        this.filter = new AuditFilter(pseudonyms, defaultPhoneRegion, TimeText.Form.OFFSET_OR_UTC);
        this.upkeep = upkeep;
        this.touches = touches;
        this.outbox = outbox;
        this.json = json;
        this.keys = keys;
    }

    /** The literal paths first, so "chain" and "export.csv" are never taken for an entry id. */
    public void register(ConsolePageTable routes) {
        routes.get("/ui/audit", this::search, Role.COMPLIANCE);
        routes.get("/ui/audit/chain", this::chain, Role.COMPLIANCE);
        routes.get("/ui/audit/export.csv", this::exportCsv, Role.COMPLIANCE);
        routes.get("/ui/audit/{id}", this::entry, Role.COMPLIANCE);
    }

    // ---------------------------------------------------------------- search

    private void search(Context ctx) {
        ConsoleSession s = ConsoleAccess.session(ctx);
        Map<String, Object> model = searchModel(s, ctx);
        ActorNames actors = ActorNames.of(keys);
        Parsed parsed = parse(ctx, actors);
        List<String> errors = new ArrayList<>(parsed.errors());
        long cursor = cursor(ctx, errors);
        boolean oldestFirst = "oldest".equals(parsed.values().get("order"));
        List<Map<String, Object>> rows = List.of();
        String next = "";
        if (errors.isEmpty()) {
            List<AuditEntry> page = oldestFirst ? audit.page(parsed.query().after(cursor).withLimit(PAGE_SIZE))
                    : audit.pageNewestFirst(parsed.query().withLimit(PAGE_SIZE), cursor);
            Map<String, String> readable = audit.readableSubjects(page.stream().map(AuditEntry::subjectKey)
                    .filter(k -> k != null).distinct().toList());
            ZoneId zone = ViewerTime.zone(ctx);
            rows = page.stream().map(e -> row(e, readable, zone, actors)).toList();
            if (page.size() == PAGE_SIZE) {
                next = "/ui/audit?" + queryString(parsed.values(), page.get(page.size() - 1).seq());
            }
        } else {
            ctx.status(HttpStatus.BAD_REQUEST);
        }
        model.put("errors", errors);
        model.put("rows", rows);
        model.put("searched", errors.isEmpty());
        model.put("continued", cursor > 0);
        model.put("nextUrl", next);
        model.put("firstUrl", cursor > 0 ? "/ui/audit?" + queryString(parsed.values(), 0) : "");
        model.put("exportUrl", "/ui/audit/export.csv" + withQuestionMark(queryString(parsed.values(), 0)));
        model.put("oldestFirst", oldestFirst);
        Map<String, String> flipped = new LinkedHashMap<>(parsed.values());
        flipped.put("order", oldestFirst ? "newest" : "oldest");
        model.put("flipOrderUrl", "/ui/audit?" + queryString(flipped, 0));
        model.put("chain", Map.of());
        ctx.html(pages.render("console/audit", model));
    }

    /** The chain's verification, shown above the search form. */
    private void chain(Context ctx) {
        ConsoleSession s = ConsoleAccess.session(ctx);
        Map<String, Object> model = searchModel(s, ctx);
        model.put("errors", List.of());
        model.put("rows", List.of());
        model.put("searched", false);
        model.put("continued", false);
        model.put("nextUrl", "");
        model.put("firstUrl", "");
        model.put("exportUrl", "/ui/audit/export.csv");
        model.put("oldestFirst", false);
        model.put("flipOrderUrl", "/ui/audit?order=oldest");
        model.put("chain", chainModel(upkeep.verify()));
        ctx.html(pages.render("console/audit", model));
    }

    /**
     * Every entry matching the filters (from the first, whatever page the officer is on), streamed
     * as the API's CSV export. Validated before the first byte: a streamed answer cannot become an
     * error page afterwards.
     */
    private void exportCsv(Context ctx) throws IOException {
        Parsed parsed = parse(ctx, ActorNames.of(keys));
        if (!parsed.errors().isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST).contentType("text/plain; charset=utf-8")
                    .result("The export was not started: " + String.join("; ", parsed.errors()));
            return;
        }
        AuditExport.Format format = AuditExport.Format.CSV;
        ctx.status(200).contentType(format.contentType())
                .header("Content-Disposition", "attachment; filename=\"audit-export." + format.extension() + "\"")
                .header("Cache-Control", "no-store");
        OutputStream out = new BufferedOutputStream(ctx.outputStream(), EXPORT_BUFFER);
        export.write(parsed.query(), format, out);
        out.flush();
    }

    private Map<String, Object> searchModel(ConsoleSession s, Context ctx) {
        Map<String, Object> model = ConsoleAccess.baseModel(s, ctx);
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : FILTERS) {
            String v = ctx.queryParam(f);
            values.put(f, v == null ? "" : v.strip());
        }
        model.put("f", values);
        model.put("channels", Arrays.stream(Channel.values()).map(Enum::name).toList());
        model.put("decisions", Arrays.stream(Verdict.values()).map(Enum::name).toList());
        model.put("kinds", KINDS);
        model.put("pageSize", PAGE_SIZE);
        return model;
    }

    private static Map<String, Object> row(AuditEntry e, Map<String, String> readable, ZoneId zone,
                                           ActorNames actors) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seq", e.seq());
        r.put("id", e.id());
        r.put("at", ViewerTime.of(e.at(), zone));
        r.put("kind", text(e.kind()));
        r.put("channel", text(e.channel()));
        r.put("recipient", e.subjectKey() == null ? "" : readable.getOrDefault(e.subjectKey(), AuditExport.ERASED));
        r.put("decision", text(e.decision()));
        r.put("rules", rules(e));
        r.put("actor", actors.name(e.actor()));
        r.put("actorRaw", text(e.actor()));
        return r;
    }

    private static Map<String, Object> chainModel(VerifyResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verified", true);
        m.put("ok", r.ok());
        m.put("entries", r.entries());
        m.put("firstBadSeq", r.firstBadSeq() == null ? "" : r.firstBadSeq().toString());
        m.put("firstBadId", text(r.firstBadEntryId()));
        m.put("detail", text(r.detail()));
        m.put("checkpointSeq", r.lastCheckpoint() == null ? "" : Long.toString(r.lastCheckpoint().seq()));
        m.put("checkpointAt", r.lastCheckpoint() == null ? "" : r.lastCheckpoint().at().toString());
        m.put("checkpoints", r.checkpoints());
        m.put("prunedThroughSeq", r.prunedThroughSeq() == null ? "" : r.prunedThroughSeq().toString());
        return m;
    }

    // ---------------------------------------------------------------- filters

    /** The typed filters, the query they make (no cursor, no limit), and what was wrong with them. */
    private record Parsed(Map<String, String> values, AuditQuery query, List<String> errors) {
    }

    /**
     * The same filters as the audit API, read by the same {@link AuditFilter}; an actor may also be
     * typed as a key's name. Times may also be typed without an offset (as a browser's date-time field
     * sends them), meaning UTC.
     */
    private Parsed parse(Context ctx, ActorNames actors) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : FILTERS) {
            String v = ctx.queryParam(f);
            if (v != null && !v.isBlank()) {
                values.put(f, v.strip());
            }
        }
        AuditFilter.Parsed parsed = filter.parse(f -> f.equals("actor") && values.containsKey(f)
                ? actors.filterValue(values.get(f)) : values.get(f));
        List<String> errors = parsed.errors().stream().map(AuditPages::sentence).toList();
        return new Parsed(values, parsed.query(), errors);
    }

    /** "From must be ...": the filter's label, then what it must be. */
    private static String sentence(AuditFilter.FieldError e) {
        String label = Character.toUpperCase(e.field().charAt(0)) + e.field().substring(1);
        return label + " " + e.message() + ".";
    }

    private static long cursor(Context ctx, List<String> errors) {
        String raw = ctx.queryParam("cursor");
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            long seq = Long.parseLong(raw.strip());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add("The page position (cursor) is not one this console produced; start the search again.");
        return 0;
    }

    /** The filters as a query string, with the cursor when positive. */
    private static String queryString(Map<String, String> values, long cursor) {
        StringBuilder q = new StringBuilder();
        values.forEach((k, v) -> q.append(q.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        if (cursor > 0) {
            q.append(q.isEmpty() ? "" : "&").append("cursor=").append(cursor);
        }
        return q.toString();
    }

    private static String withQuestionMark(String query) {
        return query.isEmpty() ? "" : "?" + query;
    }

    // ---------------------------------------------------------------- one entry

    private void entry(Context ctx) {
        ConsoleSession s = ConsoleAccess.session(ctx);
        Map<String, Object> model = ConsoleAccess.baseModel(s);
        String id = ctx.pathParam("id");
        Optional<AuditEntry> found = audit.find(id);
        if (found.isEmpty()) {
            model.put("missing", id);
            ctx.status(HttpStatus.NOT_FOUND).html(pages.render("console/audit-entry", model));
            return;
        }
        model.put("missing", "");
        model.putAll(entryModel(found.get()));
        ctx.html(pages.render("console/audit-entry", model));
    }

    private Map<String, Object> entryModel(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("id", e.id());
        m.put("at", e.at().toString());
        m.put("kind", text(e.kind()));
        m.put("actor", text(e.actor()));
        m.put("recipient", e.subjectKey() == null ? ""
                : audit.readableSubject(e.subjectKey()).orElse(AuditExport.ERASED));
        m.put("recipientKey", text(e.subjectKey()));
        m.put("leadId", text(e.leadId()));
        m.put("channel", text(e.channel()));
        m.put("decision", text(e.decision()));
        m.put("rules", rules(e));
        m.put("prevHash", e.prevHash());
        m.put("hash", e.hash());
        m.put("hashMatches", AuditChain.expectedHash(e).equals(e.hash()));

        AuditPayload payload = AuditPayload.of(e);
        boolean isDecision = payload instanceof AuditPayload.Decision;
        m.put("isDecision", isDecision);
        m.put("payloadText", prettyPayload(e.payload(), payload.tree()));
        m.put("evaluated", List.of());
        m.put("facts", List.of());
        m.put("evidence", List.of());
        m.put("lists", List.of());
        m.put("localTimes", List.of());
        m.put("details", List.of());
        m.put("message", Map.of());
        if (payload instanceof AuditPayload.Decision decision) {
            m.putAll(decisionModel(e, decision));
        } else if (payload instanceof AuditPayload.Change change) {
            List<Map<String, String>> details = new ArrayList<>();
            change.detail().properties().forEach(f -> details.add(pair(f.getKey(), valueText(f.getValue()))));
            m.put("details", details);
        }
        return m;
    }

    private Map<String, Object> decisionModel(AuditEntry e, AuditPayload.Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, String>> facts = new ArrayList<>();
        facts.add(pair("Policy version", text(d.policyVersion())));
        facts.add(pair("Idempotency key", text(d.idempotencyKey())));
        facts.add(pair("Purpose", text(d.purpose())));
        facts.add(pair("Template", text(d.template())));
        facts.add(pair("Dialer", text(d.dialer())));
        facts.add(pair("Dry run (check only)", Boolean.toString(d.dryRun())));
        facts.add(pair("Decided at (UTC)", text(d.decidedAt())));
        facts.add(pair("Next allowed at (UTC)", text(d.nextAllowedAt())));
        d.written().properties().forEach(f -> {
            if (!AuditPayload.Decision.FIELDS.contains(f.getKey())) {
                facts.add(pair(f.getKey(), valueText(f.getValue())));
            }
        });
        m.put("facts", facts);

        List<Map<String, String>> evaluated = new ArrayList<>();
        for (AuditPayload.EvaluatedRule r : d.evaluated()) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("rule", text(r.rule()));
            row.put("outcome", text(r.outcome()));
            row.put("detail", text(r.detail()));
            row.put("citation", text(r.citation()));
            row.put("nextAllowedAt", text(r.nextAllowedAt()));
            evaluated.add(row);
        }
        m.put("evaluated", evaluated);

        JsonNode evidence = d.evidence();
        List<Map<String, String>> rows = new ArrayList<>();
        List<Map<String, String>> lists = new ArrayList<>();
        if (evidence.isObject()) {
            evidence.properties().forEach(f -> {
                switch (f.getKey()) {
                    case "consentIds" -> rows.add(pair("Consent records relied on", f.getValue().isEmpty()
                            ? "none" : joined(f.getValue())));
                    case "lists" -> f.getValue().forEach(l -> lists.add(listRow(l)));
                    case "nationalDncRegistry" -> rows.add(pair("National DNC registry version",
                            registryText(f.getValue())));
                    case "location" -> rows.add(pair("Location", valueText(f.getValue())));
                    case "candidateZones" -> rows.add(pair("Candidate time zones", joined(f.getValue())));
                    case "candidateStates" -> rows.add(pair("Candidate states", joined(f.getValue())));
                    default -> rows.add(pair(f.getKey(), valueText(f.getValue())));
                }
            });
        }
        m.put("evidence", rows);
        m.put("lists", lists);
        m.put("localTimes", localTimes(d.decidedAt() == null ? e.at() : d.decidedAt(), evidence.path("candidateZones")));
        m.put("message", "EMAIL".equals(e.channel()) && "DECISION".equals(e.kind()) ? message(e) : Map.of());
        return m;
    }

    /** The recipient's wall-clock time in each candidate zone at the instant judged. */
    private static List<Map<String, String>> localTimes(Instant at, JsonNode zones) {
        List<Map<String, String>> out = new ArrayList<>();
        for (JsonNode z : zones) {
            try {
                ZoneId zone = ZoneId.of(z.asText());
                out.add(pair(zone.getId(), LOCAL_TIME.format(at.atZone(zone)) + " (UTC"
                        + at.atZone(zone).getOffset().getId().replace("Z", "+00:00") + ")"));
            } catch (DateTimeException e) {
                out.add(pair(z.asText(), "not a time zone this server knows"));
            }
        }
        return out;
    }

    private static Map<String, String> listRow(JsonNode l) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("name", str(l, "name"));
        row.put("kind", str(l, "kind"));
        row.put("sha256", str(l, "sha256"));
        row.put("asOf", str(l, "asOf"));
        List<String> other = new ArrayList<>();
        l.properties().forEach(f -> {
            if (!Set.of("name", "kind", "sha256", "asOf").contains(f.getKey())) {
                other.add(f.getKey() + ": " + valueText(f.getValue()));
            }
        });
        row.put("other", String.join("; ", other));
        return row;
    }

    private static String registryText(JsonNode reg) {
        if (!reg.isObject()) {
            return valueText(reg);
        }
        String asOf = str(reg, "asOf");
        return (asOf.isEmpty() ? "no registry data in force" : "as of " + asOf)
                + "; " + reg.path("numbers").asLong(0) + " numbers"
                + (str(reg, "sha256").isEmpty() ? "" : "; sha256 " + str(reg, "sha256"));
    }

    // ---------------------------------------------------------------- the email as sent

    /** The message an allowed email decision queued, found through its touch: headers and text part. */
    private Map<String, Object> message(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shown", true);
        m.put("messageId", "");
        m.put("status", "");
        m.put("headers", "");
        m.put("text", "");
        Optional<Touch> touch = e.subjectKey() == null ? Optional.empty()
                : touches.forRecipient(e.subjectKey()).stream().filter(t -> e.id().equals(t.auditId())).findFirst();
        String messageId = touch.map(Touch::reference).orElse(null);
        if (messageId == null) {
            m.put("note", Verdict.BLOCK.name().equals(e.decision())
                    ? "Nothing was sent: the decision blocked the message."
                    : "No message is recorded for this decision.");
            return m;
        }
        m.put("messageId", messageId);
        Optional<OutboxMessage> held = outbox.find(messageId);
        if (held.isEmpty() || held.get().mime() == null) {
            m.put("note", "The message is no longer held (erased on a data-subject request, or removed).");
            return m;
        }
        m.put("status", held.get().status().name());
        try {
            StoredMessage stored = StoredMessage.read(held.get().mime());
            m.put("headers", stored.headers());
            m.put("text", stored.text() == null ? "" : stored.text());
            m.put("note", stored.text() == null ? "The message has no text part." : "");
        } catch (StoredMessage.UnreadableMessageException ex) {
            m.put("note", "The stored message could not be read as MIME: " + ex.getMessage());
        }
        return m;
    }

    // ---------------------------------------------------------------- helpers

    private String prettyPayload(String raw, JsonNode parsed) {
        if (raw == null) {
            return "";
        }
        if (parsed == null) {
            return raw;
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(parsed);
        } catch (JsonProcessingException e) {
            return raw;
        }
    }

    private static List<String> rules(AuditEntry e) {
        return e.rules() == null || e.rules().isEmpty() ? List.of() : List.of(e.rules().split(","));
    }

    private static Map<String, String> pair(String label, String value) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("label", label);
        p.put("value", value);
        return p;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String str(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }

    private static String valueText(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }

    private static String joined(JsonNode array) {
        if (!array.isArray()) {
            return valueText(array);
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode element : array) {
            parts.add(valueText(element));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
