package dev.outreach.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.RuleResult;
import dev.outreach.store.AuditEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an audit entry records beyond its columns, typed. {@link AuditTrail} writes it; the console,
 * the exports, retention, reports and events read it through {@link #of(AuditEntry)}, so the JSON
 * shape is known in one place. Entries are never rewritten (the chain hashes their text), so reading
 * is lenient: a payload that is not what its kind promises is {@link Unreadable}, never an error.
 */
public sealed interface AuditPayload {

    /** One rule's result as the decision recorded it. */
    record EvaluatedRule(String rule, String outcome, String detail, String citation, Instant nextAllowedAt) {

        public boolean blocked() {
            return "BLOCK".equals(outcome);
        }
    }

    /**
     * A decision or a dry-run check.
     *
     * @param evidence what the decision relied upon beyond the rule results (consent ids, list
     *                 versions, registry version, location, candidate zones), as written
     * @param written  the whole payload as written, for fields a later version added
     */
    record Decision(String purpose, String template, String dialer, boolean dryRun, String policyVersion,
                    Instant decidedAt, Instant nextAllowedAt, String idempotencyKey, List<EvaluatedRule> evaluated,
                    JsonNode evidence, JsonNode written) implements AuditPayload {

        public Decision {
            evaluated = List.copyOf(evaluated);
        }

        /** The fields a decision payload has, in the order they are written. */
        public static final List<String> FIELDS = List.of("purpose", "template", "dialer", "dryRun", "policyVersion",
                "decidedAt", "nextAllowedAt", "idempotencyKey", "evaluated", "evidence");

        static Decision of(dev.outreach.policy.Decision decision, Attempt attempt, String idempotencyKey,
                           JsonNode evidence) {
            List<EvaluatedRule> evaluated = new ArrayList<>();
            for (RuleResult r : decision.evaluated()) {
                evaluated.add(new EvaluatedRule(r.rule(), r.outcome().name(), r.detail(), r.citation(),
                        r.nextAllowedAt()));
            }
            return new Decision(attempt.purpose().name(), attempt.template(),
                    attempt.dialer() == null ? null : attempt.dialer().name(), decision.dryRun(),
                    decision.policyVersion(), decision.decidedAt(), decision.nextAllowedAt(), idempotencyKey,
                    evaluated, evidence, MissingNode.getInstance());
        }

        /**
         * The payload's JSON text, fields in {@link #FIELDS} order (what the chain hashes). Written as
         * a stream, not built as a tree first: every check and send writes one, and the tree was a
         * tenth of a check's CPU. The bytes are those of the tree's text ({@code AuditPayloadTest}).
         */
        String toJson() {
            // Jackson's own string writer: StringWriter appends to a synchronised StringBuffer.
            SegmentedStringWriter text = new SegmentedStringWriter(new BufferRecycler());
            try {
                try (JsonGenerator payload = PayloadJson.MAPPER.createGenerator(text)) {
                    write(payload);
                }
                return text.getAndClear();
            } catch (IOException e) {
                throw new UncheckedIOException("writing to a string cannot fail", e);
            }
        }

        private void write(JsonGenerator payload) throws IOException {
            payload.writeStartObject();
            payload.writeStringField("purpose", purpose);
            payload.writeStringField("template", template);
            payload.writeStringField("dialer", dialer);
            payload.writeBooleanField("dryRun", dryRun);
            payload.writeStringField("policyVersion", policyVersion);
            payload.writeStringField("decidedAt", text(decidedAt));
            payload.writeStringField("nextAllowedAt", text(nextAllowedAt));
            payload.writeStringField("idempotencyKey", idempotencyKey);
            payload.writeArrayFieldStart("evaluated");
            for (EvaluatedRule r : evaluated) {
                payload.writeStartObject();
                payload.writeStringField("rule", r.rule());
                payload.writeStringField("outcome", r.outcome());
                payload.writeStringField("detail", r.detail());
                payload.writeStringField("citation", r.citation());
                payload.writeStringField("nextAllowedAt", text(r.nextAllowedAt()));
                payload.writeEndObject();
            }
            payload.writeEndArray();
            payload.writeFieldName("evidence");
            payload.writeTree(evidence == null ? NullNode.getInstance() : evidence);
            payload.writeEndObject();
        }

        /** The rules that blocked, with what they said. */
        public List<EvaluatedRule> blocking() {
            return evaluated.stream().filter(EvaluatedRule::blocked).toList();
        }

        private static Decision read(JsonNode p) {
            List<EvaluatedRule> evaluated = new ArrayList<>();
            for (JsonNode r : p.path("evaluated")) {
                evaluated.add(new EvaluatedRule(text(r, "rule"), text(r, "outcome"), text(r, "detail"),
                        text(r, "citation"), instant(r, "nextAllowedAt")));
            }
            return new Decision(text(p, "purpose"), text(p, "template"), text(p, "dialer"),
                    p.path("dryRun").asBoolean(false), text(p, "policyVersion"), instant(p, "decidedAt"),
                    instant(p, "nextAllowedAt"), text(p, "idempotencyKey"), evaluated, p.path("evidence"), p);
        }
    }

    /** A change (suppression added, list loaded, key created...): its detail map, free of personal data. */
    record Change(JsonNode detail) implements AuditPayload {

        /** A field of the detail as text; empty when absent or null. */
        public Optional<String> text(String field) {
            return Optional.ofNullable(AuditPayload.text(detail, field));
        }
    }

    /** A payload that is absent or not the JSON its kind promises (hand-made or damaged entries). */
    record Unreadable(String text) implements AuditPayload {
    }

    /**
     * What an export needs of a payload without building its tree: whether the text is exactly one
     * JSON value (so it can be embedded byte for byte, which keeps the chain verifiable from the
     * export) and its top-level {@code policyVersion}.
     */
    record Outline(boolean oneJsonValue, String policyVersion) {
    }

    /** The payload's {@link Outline}, in one streaming pass. */
    static Outline outline(String payload) {
        if (payload == null) {
            return new Outline(false, null);
        }
        String policyVersion = null;
        try (JsonParser p = PayloadJson.MAPPER.getFactory().createParser(payload)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new Outline(false, null);
            }
            if (first == JsonToken.START_OBJECT) {
                for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (field.equals("policyVersion") && value == JsonToken.VALUE_STRING) {
                        policyVersion = p.getText();
                    }
                    p.skipChildren();
                }
            } else {
                p.skipChildren();
            }
            return new Outline(p.nextToken() == null, policyVersion);
        } catch (IOException e) {
            return new Outline(false, null);
        }
    }

    /** The payload of {@code entry}, typed by its kind. */
    static AuditPayload of(AuditEntry entry) {
        return of(entry.kind(), entry.payload());
    }

    static AuditPayload of(String kind, String payload) {
        if (payload == null) {
            return new Unreadable(null);
        }
        JsonNode tree;
        try {
            tree = PayloadJson.MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            return new Unreadable(payload);
        }
        if (tree == null || !tree.isObject()) {
            return new Unreadable(payload);
        }
        boolean decision = AuditKind.DECISION.name().equals(kind) || AuditKind.CHECK.name().equals(kind);
        return decision && tree.has("evaluated") ? Decision.read(tree) : new Change(tree);
    }

    /** The payload as a JSON tree for showing it whole; null when it is not JSON. */
    default JsonNode tree() {
        if (this instanceof Decision d) {
            return d.written().isMissingNode() ? readTree(d.toJson()) : d.written();
        }
        return this instanceof Change c ? c.detail() : null;
    }

    /** The policy version a decision was made under; null for other entries. */
    default String policyVersion() {
        return this instanceof Decision d ? d.policyVersion() : null;
    }

    private static JsonNode readTree(String text) {
        try {
            return PayloadJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String raw = text(node, field);
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
