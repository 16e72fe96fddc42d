package dev.outreach.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.contact.EmailAddresses;
import dev.outreach.contact.PhoneNumbers;
import dev.outreach.gateway.ConsentKind;
import dev.outreach.gateway.ConsentLedger;
import dev.outreach.gateway.Funnel;
import dev.outreach.lead.Lead;
import dev.outreach.policy.Channel;
import dev.outreach.store.Consent;
import dev.outreach.store.ConsentEvidence;
import dev.outreach.store.SuppressionEntry;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.outreach.gateway.Role.COMPLIANCE;
import static dev.outreach.gateway.Role.INTEGRATION;
import static dev.outreach.gateway.Role.REP;

/**
 * The consent ledger: {@code POST /api/v1/consents} records a consent with its evidence,
 * {@code POST /api/v1/consents/revocations} takes it back (and suppresses the number or address
 * before answering), {@code GET /api/v1/leads/{id}/consents} lists the consents of a lead's current
 * number and address.
 */
final class ConsentRoutes {

    private static final Pattern VIA = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int MAX_TEXT = 10_000;
    private static final int MAX_FIELD = 2_000;

    private final ConsentLedger ledger;
    private final Funnel funnel;
    private final ObjectMapper json;
    private final Idempotency idempotency;
    private final Clock clock;
    private final String defaultPhoneRegion;

    ConsentRoutes(ConsentLedger ledger, Funnel funnel, ObjectMapper json, Idempotency idempotency, Clock clock,
                  String defaultPhoneRegion) {
        this.ledger = ledger;
        this.funnel = funnel;
        this.json = json;
        this.idempotency = idempotency;
        this.clock = clock;
        this.defaultPhoneRegion = defaultPhoneRegion;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/consents", this::record, COMPLIANCE, INTEGRATION);
        routes.post("/api/v1/consents/revocations", this::revoke, COMPLIANCE, INTEGRATION, REP);
        routes.get("/api/v1/leads/{id}/consents", this::forLead, REP, INTEGRATION, COMPLIANCE);
    }

    private void record(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        Channel channel = body.requiredEnum("channel", Channel.class);
        ConsentKind kind = body.requiredEnum("kind", ConsentKind.class);
        if (channel != null && kind != null && !kind.fits(channel)) {
            body.error("channel", kind + " consent covers " + kind.channels() + ", not " + channel);
        }
        String subject = onlyOne(body, "leadId", "email", "phone");
        String value = subject == null ? null : switch (subject) {
            case "email" -> body.convert("email", body.text("email"), EmailAddresses::normalise);
            case "phone" -> body.convert("phone", body.text("phone"), raw -> PhoneNumbers.toE164(raw, defaultPhoneRegion));
            default -> body.requiredText("leadId");
        };
        if (channel != null && value != null && !subject.equals("leadId")) {
            boolean email = subject.equals("email");
            if (email != (channel == Channel.EMAIL)) {
                body.error(subject, "a " + channel + " consent needs " + (channel == Channel.EMAIL ? "an email address"
                        : "a phone number"));
            }
        }
        ConsentEvidence evidence = evidence(body, kind);
        body.validate();
        String leadId = subject.equals("leadId") ? value : null;
        String recipient = leadId == null ? value : leadValue(leadId, channel);
        idempotency.respond(ctx, () -> new Idempotency.Outcome(201,
                view(ledger.record(channel, kind, recipient, evidence, leadId, RequestActor.of(ctx)))));
    }

    private String leadValue(String leadId, Channel channel) {
        Lead lead = funnel.find(leadId).orElseThrow(() -> ProblemException.notFound("lead"));
        String value = channel == Channel.EMAIL ? lead.email() : lead.phone();
        if (value == null) {
            throw ProblemException.unprocessable("leadId", "the lead has no " + (channel == Channel.EMAIL
                    ? "email address" : "phone number") + " for a " + channel + " consent");
        }
        return value;
    }

    /** Reads {@code evidence}; for TCPA_WRITTEN its text, source and capturedAt are required. */
    private ConsentEvidence evidence(JsonBody body, ConsentKind kind) {
        JsonNode node = body.node("evidence");
        boolean written = kind == ConsentKind.TCPA_WRITTEN;
        if (node == null || node.isNull()) {
            if (written) {
                body.error("evidence", "is required for TCPA_WRITTEN consent: text, source and capturedAt");
            }
            return new ConsentEvidence(null, null, clock.instant(), null, null, null, null);
        }
        if (!node.isObject()) {
            body.error("evidence", "must be an object with text, source, capturedAt and optionally ip, userAgent, "
                    + "url, signedHow");
            return null;
        }
        String text = evidenceText(body, node, "text", written, MAX_TEXT);
        String source = evidenceText(body, node, "source", written, 200);
        String captured = evidenceText(body, node, "capturedAt", written, 100);
        Instant capturedAt = null;
        if (captured != null) {
            try {
                capturedAt = OffsetDateTime.parse(captured).toInstant();
            } catch (DateTimeParseException e) {
                body.error("evidence.capturedAt", "must be an ISO-8601 instant with offset, e.g. 2026-11-27T14:05:00Z");
            }
        }
        String signedHow = evidenceText(body, node, "signedHow", false, 50);
        if (signedHow != null) {
            signedHow = signedHow.trim().toUpperCase(Locale.ROOT);
            if (!ConsentLedger.SIGNED_HOW.contains(signedHow)) {
                body.error("evidence.signedHow", "must be one of " + ConsentLedger.SIGNED_HOW.stream().sorted().toList());
            }
        }
        return new ConsentEvidence(text, source, capturedAt == null ? clock.instant() : capturedAt,
                evidenceText(body, node, "ip", false, 100), evidenceText(body, node, "userAgent", false, 1000),
                evidenceText(body, node, "url", false, MAX_FIELD), signedHow);
    }

    private static String evidenceText(JsonBody body, JsonNode evidence, String field, boolean required, int max) {
        JsonNode n = evidence.get(field);
        String name = "evidence." + field;
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            if (required) {
                body.error(name, "is required for TCPA_WRITTEN consent");
            }
            return null;
        }
        if (!n.isTextual()) {
            body.error(name, "must be a string");
            return null;
        }
        if (n.asText().length() > max) {
            body.error(name, "must be at most " + max + " characters");
            return null;
        }
        return n.asText();
    }

    /** Names the one field present among {@code fields}; records an error (and returns null) otherwise. */
    private static String onlyOne(JsonBody body, String... fields) {
        List<String> present = Stream.of(fields).filter(body::has).toList();
        if (present.size() == 1) {
            return present.get(0);
        }
        body.error(fields[0], present.isEmpty() ? "one of " + String.join(", ", fields) + " is required"
                : "give only one of " + String.join(", ", fields) + ", not " + String.join(" and ", present));
        return null;
    }

    private void revoke(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        String subject = onlyOne(body, "phone", "email");
        Channel channel = body.enumValue("channel", Channel.class, null);
        String via = body.text("via");
        via = via == null ? "api" : via.trim();
        if (!VIA.matcher(via).matches()) {
            body.error("via", "must be 1-64 letters, digits, '.', '_', ':' or '-' naming how the request came");
        } else if (via.startsWith(Consent.PROVISIONAL_PREFIX)) {
            body.error("via", "'" + Consent.PROVISIONAL_PREFIX + "' is reserved for revocations awaiting review");
        }
        String value = null;
        if ("phone".equals(subject)) {
            value = body.convert("phone", body.text("phone"), raw -> PhoneNumbers.toE164(raw, defaultPhoneRegion));
            if (channel == Channel.EMAIL) {
                body.error("channel", "a phone number's consent is for CALL or SMS");
            }
        } else if ("email".equals(subject)) {
            value = body.convert("email", body.text("email"), EmailAddresses::normalise);
            if (channel != null && channel != Channel.EMAIL) {
                body.error("channel", "an email address's consent is for EMAIL");
            }
        }
        body.validate();
        String recipient = value;
        String how = via;
        idempotency.respond(ctx, () -> {
            ConsentLedger.Revocation r = subject.equals("phone")
                    ? ledger.revokePhone(recipient, channel, how, RequestActor.of(ctx))
                    : ledger.revokeEmail(recipient, how, RequestActor.of(ctx));
            return new Idempotency.Outcome(200, view(r));
        });
    }

    private void forLead(Context ctx) {
        Lead lead = funnel.find(ctx.pathParam("id")).orElseThrow(() -> ProblemException.notFound("lead"));
        RequestActor.requireLeadAccess(ctx, lead);
        ctx.json(Map.of("leadId", lead.id(), "consents", ledger.forLead(lead).stream().map(ConsentRoutes::view)
                .toList()));
    }

    static Map<String, Object> view(Consent c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("channel", c.channel().name());
        m.put("kind", c.kind());
        m.put(c.channel() == Channel.EMAIL ? "email" : "phone", c.value() == null ? "[erased]" : c.value());
        m.put("evidence", c.evidence()); // a record: serialised field by field, as the person agreed
        m.put("createdAt", c.createdAt());
        m.put("revokedAt", c.revokedAt());
        m.put("revokedVia", c.revokedVia());
        return m;
    }

    private static Map<String, Object> view(ConsentLedger.Revocation r) {
        SuppressionEntry s = r.suppression();
        Map<String, Object> suppression = new LinkedHashMap<>();
        suppression.put("id", s.id());
        suppression.put("type", s.type());
        suppression.put("value", s.value());
        suppression.put("reason", s.reason());
        suppression.put("source", s.source());
        suppression.put("createdAt", s.createdAt());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("revoked", true);
        m.put("channel", r.channel() == null ? "ALL" : r.channel().name());
        m.put("revokedAt", r.revokedAt());
        m.put("consentsRevoked", r.consentsRevoked());
        m.put("suppression", suppression);
        return m;
    }
}
