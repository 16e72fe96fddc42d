package dev.outreach.web;

import dev.outreach.policy.SuppressionReason;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.Gateway;
import dev.outreach.lead.Lead;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.SuppressionEntry;
import dev.outreach.testing.MutableClock;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GDPR over HTTP, on a fixed clock: jurisdiction and lawful basis decide marketing email, the
 * objection route stops marketing on every channel, and the storage-limitation report lists
 * inactive leads before anything is purged.
 */
class GdprApiTest {

    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = Gateway.objectMapper();
    private static final Instant START = Instant.parse("2026-11-27T14:05:00Z");
    private static final MutableClock CLOCK = new MutableClock(START);
    private static final Pattern TOKEN = Pattern.compile("/u/([A-Za-z0-9_-]+)>");
    private static RunningGateway gw;
    private static String integration;
    private static String compliance;
    private static String rep;

    @BeforeAll
    static void start() {
        gw = RunningGateway.start(dir, Map.of(), CLOCK);
        integration = gw.key("crm-sync", "INTEGRATION");
        compliance = gw.key("dpo", "COMPLIANCE");
        rep = gw.key("rep-1", "REP");
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

    private static void createLead(Object... fields) {
        Reply r = gw.post("/api/v1/leads", integration, json(fields));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** A commercial follow-up (or the transactional closing confirmation) to the lead. */
    private static Reply send(String leadId, String template) {
        // a day apart, so policy.duplicate never interferes
        CLOCK.advance(Duration.ofDays(2));
        Map<String, Object> data = gw.gateway.email().templates().find(template).orElseThrow().declaredFieldsOf(Map.of(
                "repName", "Bob Rep", "company", "Firma", "productName", "Widgets", "orderReference", "SO-1",
                "purchaseSummary", "10 seats"));
        return gw.post("/api/v1/emails", integration, json("leadId", leadId, "template", template, "data", data));
    }

    private static JsonNode evaluated(Reply decision, String rule) {
        for (JsonNode r : decision.json().path("evaluated")) {
            if (r.path("rule").asText().equals(rule)) {
                return r;
            }
        }
        throw new AssertionError(rule + " not evaluated: " + decision.body());
    }

    private static List<String> reasons(Reply decision) {
        List<String> out = new ArrayList<>();
        decision.json().path("reasons").forEach(r -> out.add(r.path("rule").asText()));
        return out;
    }

    private static Reply consent(String leadId, String kind) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("text", "Yes, Acme may email me news about its products. I can withdraw at any time.");
        evidence.put("source", "web-form:newsletter");
        evidence.put("capturedAt", CLOCK.instant().minus(Duration.ofHours(1)).toString());
        evidence.put("ip", "203.0.113.9");
        Reply r = gw.post("/api/v1/consents", compliance, json("leadId", leadId, "channel", "EMAIL", "kind", kind,
                "evidence", evidence));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    @Test
    void aGermanLeadNeedsConsentForCommercialEmailAndLosesItOnWithdrawal() {
        createLead("id", "de-1", "email", "anna@firma.example", "firstName", "Anna", "country", "DE",
                "owner", "rep-1");

        Reply before = send("de-1", "lead-qualification-schedule-call");
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(before.text("decision")).isEqualTo("BLOCK");
        assertThat(reasons(before)).containsExactly("gdpr.lawful-basis");
        assertThat(evaluated(before, "gdpr.lawful-basis").path("detail").asText()).contains("lead country DE")
                .contains("needs prior consent");
        assertThat(evaluated(before, "gdpr.lawful-basis").path("citation").asText())
                .isEqualTo("GDPR Art 6(1)(a); Directive 2002/58/EC Art 13(1)");

        String consentId = consent("de-1", "GDPR").text("id");
        Reply allowed = send("de-1", "lead-qualification-schedule-call");
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(202);
        assertThat(allowed.text("decision")).isEqualTo("ALLOW");
        assertThat(evaluated(allowed, "gdpr.lawful-basis").path("detail").asText())
                .startsWith("GDPR consent " + consentId + " for EMAIL");

        Reply withdrawn = gw.post("/api/v1/consents/revocations", integration,
                json("email", "anna@firma.example", "channel", "EMAIL"));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        Reply after = send("de-1", "lead-qualification-schedule-call");
        assertThat(after.text("decision")).isEqualTo("BLOCK");
        assertThat(reasons(after)).contains("gdpr.lawful-basis");
        assertThat(evaluated(after, "gdpr.lawful-basis").path("detail").asText()).contains("withdrawn");
    }

    @Test
    void transactionalEmailToAProtectedPersonReliesOnTheContract() {
        createLead("id", "de-2", "email", "jonas@firma.example", "firstName", "Jonas", "country", "DE");

        Reply r = send("de-2", "closing-confirmation");

        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(evaluated(r, "gdpr.lawful-basis").path("outcome").asText()).isEqualTo("PASS");
        assertThat(evaluated(r, "gdpr.lawful-basis").path("detail").asText()).startsWith("transactional message");
    }

    @Test
    void anEmailOptInIsReadFromTheLedgerAndCounts() {
        createLead("id", "ie-1", "email", "aoife@shop.example", "firstName", "Aoife", "country", "IE");
        consent("ie-1", "EMAIL_OPT_IN");

        Reply r = send("ie-1", "lead-qualification-schedule-call");

        assertThat(r.text("decision")).as(r.body()).isEqualTo("ALLOW");
        assertThat(evaluated(r, "gdpr.lawful-basis").path("detail").asText()).startsWith("EMAIL_OPT_IN consent");
    }

    @Test
    void aFrenchCustomerGetsCommercialEmailUnderTheSoftOptInUntilTheyUnsubscribe() throws Exception {
        createLead("id", "fr-1", "email", "claire@boutique.example", "firstName", "Claire", "country", "FR",
                "stage", "CLOSING");
        Reply won = gw.post("/api/v1/leads/fr-1/stage", integration, json("stage", "POST_SALE", "outcome", "WON"));
        assertThat(won.status()).as(won.body()).isEqualTo(200);

        Reply allowed = send("fr-1", "post-sale-check-in");
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(202);
        JsonNode basis = evaluated(allowed, "gdpr.lawful-basis");
        assertThat(basis.path("outcome").asText()).isEqualTo("PASS");
        assertThat(basis.path("detail").asText())
                .startsWith("soft opt-in: an existing customer (lead fr-1 outcome WON)");
        assertThat(basis.path("citation").asText()).isEqualTo("Directive 2002/58/EC Art 13(2); UK PECR reg 22");

        String mime = new String(gw.gateway.store().outbox().find(allowed.text("messageId")).orElseThrow().mime(),
                StandardCharsets.UTF_8);
        Matcher token = TOKEN.matcher(mime);
        assertThat(token.find()).as("List-Unsubscribe header in %s", mime).isTrue();
        Reply unsubscribed = gw.call("POST", "/u/" + token.group(1), null, "List-Unsubscribe=One-Click",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(unsubscribed.status()).isEqualTo(200);

        Reply blocked = send("fr-1", "post-sale-check-in");
        assertThat(blocked.text("decision")).isEqualTo("BLOCK");
        assertThat(reasons(blocked)).contains("gdpr.lawful-basis", "gdpr.objection", "canspam.suppression");
        assertThat(evaluated(blocked, "gdpr.lawful-basis").path("detail").asText())
                .contains("no soft opt-in: the address unsubscribed or objected");
        String key = gw.gateway.base().pseudonyms().email("claire@boutique.example");
        assertThat(gw.gateway.store().suppressions().findByKey("EMAIL", key)).extracting(SuppressionEntry::reason)
                .as("a protected person's unsubscribe is also an objection").contains(SuppressionReason.UNSUBSCRIBE, SuppressionReason.OBJECTION);
    }

    @Test
    void aLeadRecordedAsUsButWithAUkNumberIsProtected() {
        createLead("id", "us-uk", "email", "sam@example.com", "country", "US", "phone", "+44 7400 123456");
        createLead("id", "us-us", "email", "pat@example.com", "country", "US", "phone", "+1 305 555 0123");

        Reply uk = gw.post("/api/v1/checks", integration, json("channel", "EMAIL", "leadId", "us-uk",
                "purpose", "COMMERCIAL"));
        Reply us = gw.post("/api/v1/checks", integration, json("channel", "EMAIL", "leadId", "us-us",
                "purpose", "COMMERCIAL"));

        assertThat(uk.text("decision")).as(uk.body()).isEqualTo("BLOCK");
        assertThat(reasons(uk)).containsExactly("gdpr.lawful-basis");
        assertThat(evaluated(uk, "gdpr.lawful-basis").path("detail").asText())
                .contains("phone number region GB (+44) (EEA/UK); lead country US disagrees");
        assertThat(us.text("decision")).as(us.body()).isEqualTo("ALLOW");
        assertThat(evaluated(us, "gdpr.lawful-basis").path("outcome").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(evaluated(us, "gdpr.lawful-basis").path("detail").asText())
                .isEqualTo("not protected by the GDPR or UK GDPR: lead country US (also phone number region US (+1)): "
                        + "outside the EEA and UK");
    }

    @Test
    void anObjectionStopsMarketingOnEveryChannelAndIsAudited() {
        createLead("id", "obj-1", "email", "lena@firma.example", "phone", "+49 151 12345678", "firstName", "Lena",
                "country", "DE", "owner", "rep-1");
        consent("obj-1", "GDPR");

        Reply objected = gw.post("/api/v1/subjects/object", rep, json("leadId", "obj-1", "via", "call"));

        assertThat(objected.status()).as(objected.body()).isEqualTo(200);
        assertThat(objected.json().path("suppressions")).hasSize(2);
        List<String> types = new ArrayList<>();
        objected.json().path("suppressions").forEach(s -> {
            types.add(s.path("type").asText());
            assertThat(s.path("reason").asText()).isEqualTo("OBJECTION");
        });
        assertThat(types).containsExactlyInAnyOrder("EMAIL", "PHONE");

        Reply commercial = send("obj-1", "lead-qualification-schedule-call");
        assertThat(reasons(commercial)).as("an objection also withdraws consent to marketing")
                .containsExactlyInAnyOrder("gdpr.objection", "gdpr.lawful-basis");
        Reply transactional = send("obj-1", "closing-confirmation");
        assertThat(transactional.status()).as(transactional.body()).isEqualTo(202);
        String phoneKey = gw.gateway.base().pseudonyms().phone("+4915112345678");
        assertThat(gw.gateway.store().suppressions().findByKey("PHONE", phoneKey))
                .extracting(SuppressionEntry::reason).containsExactly(SuppressionReason.OBJECTION);

        Reply again = gw.post("/api/v1/subjects/object", compliance, json("email", "Lena@Firma.example"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("suppressions")).isEmpty();
        assertThat(again.json().path("alreadyOnFile")).hasSize(2);

        List<AuditEntry> audited = gw.gateway.store().audit().page(new AuditQuery(null, null, null, "obj-1", null,
                null, null, "SUBJECT_OBJECTED", 0, 10));
        assertThat(audited).hasSize(2);
        assertThat(audited.get(0).payload()).doesNotContain("lena@firma.example").doesNotContain("+4915112345678");
    }

    @Test
    void aRepMayRecordAnObjectionOnlyForTheirOwnLeads() {
        createLead("id", "obj-2", "email", "max@firma.example", "country", "DE", "owner", "rep-2");

        Reply r = gw.post("/api/v1/subjects/object", rep, json("leadId", "obj-2"));

        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void subjectRequestsNameExactlyOneValidIdentifier() {
        assertThat(gw.post("/api/v1/subjects/export", compliance, "{}").status()).isEqualTo(400);
        Reply both = gw.post("/api/v1/subjects/erase", compliance, json("email", "a@b.example", "leadId", "x"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("give only one of email, phone, leadId");
        Reply badEmail = gw.post("/api/v1/subjects/export", compliance, json("email", "not an address"));
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().path("errors").get(0).path("field").asText()).isEqualTo("email");
        assertThat(gw.post("/api/v1/subjects/export", compliance, json("leadId", "no-such-lead")).status())
                .isEqualTo(404);
    }

    @Test
    void onlyComplianceAndAdminMayExportOrErase() {
        for (String path : List.of("/api/v1/subjects/export", "/api/v1/subjects/erase")) {
            assertThat(gw.post(path, rep, json("email", "nobody@firma.example")).status()).as(path).isEqualTo(403);
            assertThat(gw.post(path, integration, json("email", "nobody@firma.example")).status()).as(path)
                    .isEqualTo(403);
        }
        assertThat(gw.post("/api/v1/subjects/export", RunningGateway.ADMIN_KEY, json("email", "nobody@firma.example"))
                .status()).isEqualTo(200);
        assertThat(gw.get("/api/v1/subjects/inactive", integration).status()).isEqualTo(403);
    }

    @Test
    void inactiveLeadsAreReportedFirstAndAnonymisedByThePurgeWithAnAuditEntry() {
        MutableClock clock = new MutableClock(START);
        try (RunningGateway own = RunningGateway.start(dir.resolve("retention"), Map.of(), clock)) {
            String officer = own.key("dpo", "COMPLIANCE");
            String crm = own.key("crm", "INTEGRATION");
            assertThat(own.post("/api/v1/leads", crm, json("id", "idle-1", "email", "old@firma.example",
                    "firstName", "Olga", "country", "AT")).status()).isEqualTo(201);
            clock.advance(Duration.ofDays(700));
            assertThat(own.post("/api/v1/leads", crm, json("id", "busy-1", "email", "new@firma.example",
                    "country", "AT")).status()).isEqualTo(201);
            clock.advance(Duration.ofDays(31));

            Reply report = own.get("/api/v1/subjects/inactive", officer);

            assertThat(report.status()).as(report.body()).isEqualTo(200);
            assertThat(report.text("retention")).isEqualTo("PT17520H");
            assertThat(report.json().path("leads")).singleElement().satisfies(l -> {
                assertThat(l.path("leadId").asText()).isEqualTo("idle-1");
                assertThat(l.path("lastActivityAt").asText()).isEqualTo(START.toString());
            });
            assertThat(report.body()).doesNotContain("old@firma.example").doesNotContain("Olga");
            assertThat(own.gateway.store().leads().find("idle-1").orElseThrow().email())
                    .as("the report changes nothing").isEqualTo("old@firma.example");

            own.gateway.subjectRights().inactiveLeads().purge("test", Integer.MAX_VALUE);

            Lead purged = own.gateway.store().leads().find("idle-1").orElseThrow();
            assertThat(purged.email()).isNull();
            assertThat(purged.firstName()).isNull();
            assertThat(purged.country()).isEqualTo("AT");
            assertThat(own.gateway.store().leads().find("busy-1").orElseThrow().email()).isEqualTo("new@firma.example");
            assertThat(own.gateway.store().audit().page(new AuditQuery(null, null, null, "idle-1", null, null, null,
                    "LEAD_ANONYMISED", 0, 10))).hasSize(1);
            assertThat(own.gateway.store().audit().page(new AuditQuery(null, null, null, null, null, null, null,
                    "INACTIVE_LEADS_PURGED", 0, 10))).hasSize(1);
            assertThat(own.get("/api/v1/subjects/inactive", officer).json().path("leads")).isEmpty();
        }
    }
}
