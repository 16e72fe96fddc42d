package dev.outreach.web;

import dev.outreach.policy.SuppressionReason;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.Gateway;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The consent ledger over HTTP: recording with evidence, revoking, and reading a lead's consents. */
class ConsentApiTest {

    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = Gateway.objectMapper();
    private static final String WORDING = "By signing, I agree that Acme may call and text me at the number above "
            + "with marketing messages using an automatic telephone dialing system. Consent is not a condition "
            + "of purchase.";
    private static RunningGateway gw;
    private static String integration;
    private static String compliance;
    private static String rep;

    @BeforeAll
    static void start() {
        gw = RunningGateway.start(dir, Map.of());
        integration = gw.key("crm-sync", "INTEGRATION");
        compliance = gw.key("compliance-officer", "COMPLIANCE");
        rep = gw.key("rep-anna", "REP");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static String json(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> evidence() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("text", WORDING);
        e.put("source", "web-form:pricing");
        e.put("capturedAt", "2026-03-01T10:15:00Z");
        e.put("ip", "203.0.113.7");
        e.put("userAgent", "Mozilla/5.0");
        e.put("url", "https://acme.example/pricing");
        e.put("signedHow", "WEB_FORM");
        return e;
    }

    private static Reply writtenConsent(String phone, String channel) {
        return gw.post("/api/v1/consents", compliance, json("phone", phone, "channel", channel, "kind", "TCPA_WRITTEN",
                "evidence", evidence()));
    }

    private static List<String> errorFields(Reply r) {
        List<String> fields = new ArrayList<>();
        r.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    private static List<JsonNode> phoneSuppressions(String e164) {
        Reply r = gw.get("/api/v1/suppressions?type=PHONE&limit=1000", compliance);
        assertThat(r.status()).isEqualTo(200);
        return StreamSupport.stream(r.json().path("suppressions").spliterator(), false)
                .filter(s -> s.path("value").asText().equals(e164)).toList();
    }

    @Test
    void recordingWrittenConsentAnswers201WithItsEvidence() {
        Reply r = writtenConsent("(305) 555-0110", "SMS");

        assertThat(r.status()).isEqualTo(201);
        JsonNode c = r.json();
        assertThat(c.path("id").asText()).isNotBlank();
        assertThat(c.path("channel").asText()).isEqualTo("SMS");
        assertThat(c.path("kind").asText()).isEqualTo("TCPA_WRITTEN");
        assertThat(c.path("phone").asText()).isEqualTo("+13055550110");
        assertThat(c.path("evidence").path("text").asText()).isEqualTo(WORDING);
        assertThat(c.path("evidence").path("source").asText()).isEqualTo("web-form:pricing");
        assertThat(c.path("evidence").path("capturedAt").asText()).isEqualTo("2026-03-01T10:15:00Z");
        assertThat(c.path("evidence").path("ip").asText()).isEqualTo("203.0.113.7");
        assertThat(c.path("evidence").path("url").asText()).isEqualTo("https://acme.example/pricing");
        assertThat(c.path("evidence").path("signedHow").asText()).isEqualTo("WEB_FORM");
        assertThat(c.path("revokedAt").isNull()).isTrue();
        assertThat(gw.gateway.store().consents().find(c.path("id").asText())).isPresent();
    }

    @Test
    void theAuditEntryNamesTheConsentButHoldsNoPersonalData() {
        String id = writtenConsent("+1 305 555 0111", "CALL").text("id");

        List<AuditEntry> recorded = gw.gateway.store().audit().page(AuditQuery.all(10_000)).stream().filter(e -> e.kind().equals("CONSENT_RECORDED")
                && e.payload().contains(id)).toList();

        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).payload()).doesNotContain("3055550111").doesNotContain("203.0.113.7")
                .doesNotContain("agree");
        assertThat(recorded.get(0).subjectKey()).isEqualTo(gw.gateway.base().pseudonyms().phone("+13055550111"));
    }

    @Test
    void writtenConsentWithoutItsEvidenceIsRefusedNamingEachMissingField() {
        Map<String, Object> partial = new LinkedHashMap<>();
        partial.put("url", "https://acme.example/pricing");
        Reply r = gw.post("/api/v1/consents", compliance, json("phone", "+13055550112", "channel", "CALL",
                "kind", "TCPA_WRITTEN", "evidence", partial));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(errorFields(r)).contains("evidence.text", "evidence.source", "evidence.capturedAt");

        Reply none = gw.post("/api/v1/consents", compliance, json("phone", "+13055550112", "channel", "CALL",
                "kind", "TCPA_WRITTEN"));
        assertThat(none.status()).isEqualTo(400);
        assertThat(errorFields(none)).contains("evidence");
    }

    @Test
    void expressConsentNeedsNoWrittenEvidence() {
        Reply r = gw.post("/api/v1/consents", integration, json("phone", "+13055550113", "channel", "SMS",
                "kind", "TCPA_EXPRESS"));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("evidence").path("capturedAt").asText()).isNotBlank();
    }

    @Test
    void aConsentsChannelMustFitItsKind() {
        Reply tcpaEmail = gw.post("/api/v1/consents", compliance, json("email", "ann@example.com", "channel", "EMAIL",
                "kind", "TCPA_EXPRESS"));
        Reply optInSms = gw.post("/api/v1/consents", compliance, json("phone", "+13055550114", "channel", "SMS",
                "kind", "EMAIL_OPT_IN"));
        Reply gdprSms = gw.post("/api/v1/consents", compliance, json("phone", "+13055550114", "channel", "SMS",
                "kind", "GDPR"));
        Reply emailOnPhone = gw.post("/api/v1/consents", compliance, json("phone", "+13055550114", "channel", "EMAIL",
                "kind", "GDPR"));

        assertThat(tcpaEmail.status()).isEqualTo(400);
        assertThat(errorFields(tcpaEmail)).contains("channel");
        assertThat(optInSms.status()).isEqualTo(400);
        assertThat(errorFields(optInSms)).contains("channel");
        assertThat(gdprSms.status()).isEqualTo(201);
        assertThat(emailOnPhone.status()).isEqualTo(400);
        assertThat(errorFields(emailOnPhone)).contains("phone");
    }

    @Test
    void badInputIsA400NamingTheField() {
        Reply phone = gw.post("/api/v1/consents", compliance, json("phone", "12", "channel", "SMS",
                "kind", "TCPA_EXPRESS"));
        Reply kind = gw.post("/api/v1/consents", compliance, json("phone", "+13055550115", "channel", "SMS",
                "kind", "VERBAL"));
        Reply channel = gw.post("/api/v1/consents", compliance, json("phone", "+13055550115", "channel", "FAX",
                "kind", "TCPA_EXPRESS"));
        Reply both = gw.post("/api/v1/consents", compliance, json("phone", "+13055550115", "email", "a@example.com",
                "channel", "SMS", "kind", "TCPA_EXPRESS"));
        Map<String, Object> future = evidence();
        future.put("capturedAt", Instant.now().plusSeconds(86_400).toString());
        Reply later = gw.post("/api/v1/consents", compliance, json("phone", "+13055550115", "channel", "SMS",
                "kind", "TCPA_WRITTEN", "evidence", future));
        Map<String, Object> signed = evidence();
        signed.put("signedHow", "TELEPATHY");
        Reply how = gw.post("/api/v1/consents", compliance, json("phone", "+13055550115", "channel", "SMS",
                "kind", "TCPA_WRITTEN", "evidence", signed));

        assertThat(List.of(phone, kind, channel, both, later, how)).allSatisfy(r -> assertThat(r.status()).isEqualTo(400));
        assertThat(errorFields(phone)).containsExactly("phone");
        assertThat(errorFields(kind)).containsExactly("kind");
        assertThat(errorFields(channel)).containsExactly("channel");
        assertThat(errorFields(both)).containsExactly("leadId");
        assertThat(errorFields(later)).containsExactly("evidence.capturedAt");
        assertThat(errorFields(how)).containsExactly("evidence.signedHow");
    }

    @Test
    void onlyComplianceAndIntegrationMayRecordConsent() {
        Reply r = gw.post("/api/v1/consents", rep, json("phone", "+13055550116", "channel", "SMS",
                "kind", "TCPA_EXPRESS"));

        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void consentBelongsToTheNumberNotTheLead() {
        gw.post("/api/v1/leads", integration, json("id", "consent-lead-1", "phone", "+13055550117",
                "email", "lee@example.com", "owner", "rep-anna"));
        Reply byLead = gw.post("/api/v1/consents", compliance, json("leadId", "consent-lead-1", "channel", "CALL",
                "kind", "TCPA_WRITTEN", "evidence", evidence()));
        gw.post("/api/v1/consents", compliance, json("leadId", "consent-lead-1", "channel", "EMAIL",
                "kind", "EMAIL_OPT_IN"));
        assertThat(byLead.status()).isEqualTo(201);
        assertThat(byLead.json().path("phone").asText()).isEqualTo("+13055550117");

        Reply before = gw.get("/api/v1/leads/consent-lead-1/consents", rep);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().path("consents")).hasSize(2);

        Reply patched = gw.call("PATCH", "/api/v1/leads/consent-lead-1", integration, json("phone", "+13055550118"));
        assertThat(patched.status()).isEqualTo(200);

        JsonNode after = gw.get("/api/v1/leads/consent-lead-1/consents", compliance).json().path("consents");
        assertThat(after).hasSize(1);
        assertThat(after.get(0).path("kind").asText()).isEqualTo("EMAIL_OPT_IN");
        assertThat(gw.gateway.permissions().consents().factsFor(gw.gateway.base().pseudonyms().phone("+13055550117"), null)).hasSize(1);
    }

    @Test
    void aRepReadsOnlyTheConsentsOfItsOwnLeads() {
        gw.post("/api/v1/leads", integration, json("id", "consent-lead-2", "phone", "+13055550119", "owner", "rep-bo"));

        assertThat(gw.get("/api/v1/leads/consent-lead-2/consents", rep).status()).isEqualTo(403);
        assertThat(gw.get("/api/v1/leads/consent-lead-2/consents", integration).status()).isEqualTo(200);
        assertThat(gw.get("/api/v1/leads/nobody/consents", compliance).status()).isEqualTo(404);
    }

    @Test
    void aRevocationOverTheApiRevokesTheConsentAndPutsTheNumberOnTheCompanyList() {
        String id = writtenConsent("+13055550120", "CALL").text("id");

        Reply r = gw.post("/api/v1/consents/revocations", rep, json("phone", "305-555-0120", "channel", "CALL",
                "via", "phone-call"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("revoked").asBoolean()).isTrue();
        assertThat(r.json().path("consentsRevoked").asInt()).isEqualTo(1);
        assertThat(r.json().path("suppression").path("reason").asText()).isEqualTo("DNC_REQUEST");
        Instant revokedAt = Instant.parse(r.json().path("revokedAt").asText());
        assertThat(gw.gateway.store().consents().find(id).orElseThrow().revokedAt()).isEqualTo(revokedAt);
        assertThat(phoneSuppressions("+13055550120")).anySatisfy(s -> {
            assertThat(s.path("reason").asText()).isEqualTo("DNC_REQUEST");
            assertThat(s.path("source").asText()).isEqualTo("phone-call");
        });
        assertThat(gw.gateway.permissions().consents().lastDncRequestAt(gw.gateway.base().pseudonyms().phone("+13055550120")))
                .isEqualTo(revokedAt);
    }

    @Test
    void anEmailRevocationRevokesEmailConsentAndUnsubscribesTheAddress() {
        String id = gw.post("/api/v1/consents", compliance, json("email", "Opt.In@Example.com", "channel", "EMAIL",
                "kind", "EMAIL_OPT_IN")).text("id");

        Reply r = gw.post("/api/v1/consents/revocations", integration, json("email", "opt.in@example.com",
                "via", "email-reply"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("suppression").path("reason").asText()).isEqualTo("UNSUBSCRIBE");
        assertThat(gw.gateway.store().consents().find(id).orElseThrow().revokedVia()).isEqualTo("email-reply");
        assertThat(gw.gateway.permissions().suppressions().emailHits("opt.in@example.com", true))
                .anySatisfy(h -> assertThat(h.reason()).isEqualTo(SuppressionReason.UNSUBSCRIBE));
    }

    @Test
    void aRevocationNeedsOneValidSubjectAndAPlainVia() {
        Reply none = gw.post("/api/v1/consents/revocations", compliance, json("channel", "SMS"));
        Reply badPhone = gw.post("/api/v1/consents/revocations", compliance, json("phone", "not a number"));
        Reply emailChannel = gw.post("/api/v1/consents/revocations", compliance, json("phone", "+13055550121",
                "channel", "EMAIL"));
        Reply reserved = gw.post("/api/v1/consents/revocations", compliance, json("phone", "+13055550121",
                "via", "review:abc"));

        assertThat(none.status()).isEqualTo(400);
        assertThat(errorFields(none)).containsExactly("phone");
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(errorFields(badPhone)).containsExactly("phone");
        assertThat(emailChannel.status()).isEqualTo(400);
        assertThat(errorFields(emailChannel)).containsExactly("channel");
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(errorFields(reserved)).containsExactly("via");
        assertThat(phoneSuppressions("+13055550121")).isEmpty();
    }

    @Test
    void aRetriedRecordingWithTheSameIdempotencyKeyStoresOneConsent() {
        String body = json("phone", "+13055550122", "channel", "SMS", "kind", "TCPA_WRITTEN", "evidence", evidence());
        Reply first = gw.call("POST", "/api/v1/consents", compliance, body, "Content-Type", "application/json",
                "Idempotency-Key", "consent-retry-1");
        Reply again = gw.call("POST", "/api/v1/consents", compliance, body, "Content-Type", "application/json",
                "Idempotency-Key", "consent-retry-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(gw.gateway.store().consents().findByKey(gw.gateway.base().pseudonyms().phone("+13055550122"))).hasSize(1);
    }
}
