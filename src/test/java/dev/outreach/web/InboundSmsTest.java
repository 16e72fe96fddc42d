package dev.outreach.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Facts;
import dev.outreach.policy.Outcome;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.RuleResult;
import dev.outreach.policy.SuppressionHit;
import dev.outreach.policy.tcpa.CompanyDncRule;
import dev.outreach.policy.tcpa.ConsentRule;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static dev.outreach.web.ConsentApiTest.evidence;
import static dev.outreach.web.ConsentApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/sms/inbound}: texted revocations, flagged texts and their review. */
class InboundSmsTest {

    @TempDir
    static Path dir;

    private static final AtomicInteger NEXT_NUMBER = new AtomicInteger(200);
    private static RunningGateway gw;
    private static String integration;
    private static String compliance;

    @BeforeAll
    static void start() {
        gw = RunningGateway.start(dir, Map.of());
        integration = gw.key("carrier-webhook", "INTEGRATION");
        compliance = gw.key("compliance-officer", "COMPLIANCE");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    /** A number no other test uses, with a lead and written SMS consent on file; returns {e164, leadId, consentId}. */
    private static String[] consentedNumber() {
        String e164 = "+1305555" + String.format("%04d", NEXT_NUMBER.getAndIncrement());
        String leadId = "sms-lead-" + e164.substring(1);
        assertThat(gw.post("/api/v1/leads", integration, json("id", leadId, "phone", e164, "owner", "rep-x")).status())
                .isEqualTo(201);
        Reply consent = gw.post("/api/v1/consents", compliance, json("phone", e164, "channel", "SMS",
                "kind", "TCPA_WRITTEN", "evidence", evidence()));
        assertThat(consent.status()).isEqualTo(201);
        return new String[] {e164, leadId, consent.text("id")};
    }

    private static Reply inbound(String from, String body) {
        return gw.post("/api/v1/sms/inbound", integration, json("from", from, "to", "+18005550100", "body", body));
    }

    private static List<JsonNode> phoneSuppressions(String e164) {
        Reply r = gw.get("/api/v1/suppressions?type=PHONE&limit=1000", compliance);
        assertThat(r.status()).isEqualTo(200);
        return StreamSupport.stream(r.json().path("suppressions").spliterator(), false)
                .filter(s -> s.path("value").asText().equals(e164)).toList();
    }

    private static JsonNode leadConsent(String leadId, String consentId) {
        Reply r = gw.get("/api/v1/leads/" + leadId + "/consents", compliance);
        assertThat(r.status()).isEqualTo(200);
        return StreamSupport.stream(r.json().path("consents").spliterator(), false)
                .filter(c -> c.path("id").asText().equals(consentId)).findFirst().orElseThrow();
    }

    /** What the TCPA rules conclude for a marketing text to the number now, from the ledger's facts. */
    private static List<RuleResult> marketingTextVerdicts(String e164) {
        String key = gw.gateway.base().pseudonyms().phone(e164);
        List<SuppressionHit> dnc = gw.gateway.store().suppressions().findByKey("PHONE", key).stream()
                .map(e -> new SuppressionHit(e.reason(), "runtime:" + e.source(), "NUMBER")).toList();
        PhoneFacts phone = new PhoneFacts(e164, true, Set.of(ZoneId.of("America/New_York")), Set.of("FL"), true,
                LocalDate.now(), false, dnc, gw.gateway.permissions().consents().lastDncRequestAt(key),
                gw.gateway.permissions().consents().factsFor(key, Channel.SMS), List.of());
        Attempt text = new Attempt(Channel.SMS, Purpose.MARKETING, e164, null, null, null, null, false);
        Facts facts = Facts.none().withPhone(phone);
        Instant now = gw.gateway.clock().instant();
        return List.of(new ConsentRule().evaluate(text, facts, now), new CompanyDncRule().evaluate(text, facts, now));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop", "STOP!", "Stop.", "quit", "QUIT", "end", "End!!", "revoke", "Revoke.",
            "opt out", " Opt Out. ", "OPT-OUT", "cancel", "Cancel?", "unsubscribe", "UNSUBSCRIBE!!!", "\tstop\n",
            "\"Stop\"", "ＳＴＯＰ"})
    void aKeywordRevokesConsentAndListsTheNumberBeforeTheAnswer(String body) {
        String[] n = consentedNumber();

        Reply r = inbound(n[0], body);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("revoked").asBoolean()).isTrue();
        assertThat(r.json().path("reading").asText()).isEqualTo("REVOCATION");
        Instant revokedAt = Instant.parse(r.json().path("revokedAt").asText());
        assertThat(Instant.parse(r.json().path("confirmationAllowedUntil").asText()))
                .isEqualTo(revokedAt.plus(Duration.ofMinutes(5)));
        assertThat(r.json().path("confirmationsAllowed").asInt()).isEqualTo(1);
        assertThat(phoneSuppressions(n[0])).singleElement().satisfies(s -> {
            assertThat(s.path("reason").asText()).isEqualTo("DNC_REQUEST");
            assertThat(s.path("source").asText()).isEqualTo("sms-keyword");
        });
        JsonNode consent = leadConsent(n[1], n[2]);
        assertThat(Instant.parse(consent.path("revokedAt").asText())).isEqualTo(revokedAt);
        assertThat(consent.path("revokedVia").asText()).isEqualTo("sms-keyword");
        assertThat(marketingTextVerdicts(n[0])).allSatisfy(v -> assertThat(v.outcome()).isEqualTo(Outcome.BLOCK));
    }

    @Test
    void theRevocationAndItsConfirmationWindowAreAudited() {
        String[] n = consentedNumber();
        inbound(n[0], "STOP");

        String key = gw.gateway.base().pseudonyms().phone(n[0]);
        List<String> kinds = gw.gateway.store().audit().page(dev.outreach.store.AuditQuery.all(10_000)).stream()
                .filter(e -> key.equals(e.subjectKey())).map(dev.outreach.store.AuditEntry::kind).toList();
        assertThat(kinds).contains("SUPPRESSION_ADDED", "CONSENT_REVOKED", "INBOUND_TEXT_REVOCATION");
        assertThat(gw.gateway.store().audit().page(dev.outreach.store.AuditQuery.all(10_000)).stream()
                .filter(e -> e.kind().equals("INBOUND_TEXT_REVOCATION") && key.equals(e.subjectKey()))
                .findFirst().orElseThrow().payload()).contains("confirmationAllowedUntil").doesNotContain(n[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"please stpo texting me", "Please STOP texting me", "unsubscibe", "No mas", "¡Basta!",
            "Arrêter", "arreter svp", "stopp", "remove me from your list", "I want to opt out now"})
    void wordingAReasonablePersonReadsAsStopRevokesAtOnceWithoutReview(String body) {
        String[] n = consentedNumber();

        Reply r = inbound(n[0], body);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("revoked").asBoolean()).isTrue();
        assertThat(r.json().path("reading").asText()).as(body).isEqualTo("REVOCATION");
        assertThat(r.json().path("reviewId").isMissingNode() || r.json().path("reviewId").isNull()).isTrue();
        assertThat(leadConsent(n[1], n[2]).path("revokedAt").isNull()).isFalse();
        assertThat(marketingTextVerdicts(n[0])).allSatisfy(v -> assertThat(v.outcome()).isEqualTo(Outcome.BLOCK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"can you cancel my subscription", "it's the end of the month", "stop by at noon?",
            "cancel the meeting?"})
    void ambiguousWordingIsFlaggedAndTheNumberBlockedForMarketingUntilAPersonDecides(String body) {
        String[] n = consentedNumber();

        Reply r = inbound(n[0], body);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("revoked").asBoolean()).isTrue();
        assertThat(r.json().path("reading").asText()).isEqualTo("REVIEW");
        assertThat(r.json().path("reviewStatus").asText()).isEqualTo("OPEN");
        String reviewId = r.json().path("reviewId").asText();
        JsonNode open = gw.get("/api/v1/revocation-reviews?status=OPEN&limit=1000", compliance).json().path("reviews");
        assertThat(open).anySatisfy(rv -> {
            assertThat(rv.path("id").asText()).isEqualTo(reviewId);
            assertThat(rv.path("phone").asText()).isEqualTo(n[0]);
            assertThat(rv.path("body").asText()).isEqualTo(body);
            assertThat(rv.path("status").asText()).isEqualTo("OPEN");
            assertThat(rv.path("receivedAt").asText()).isNotBlank();
        });
        assertThat(phoneSuppressions(n[0])).singleElement()
                .satisfies(s -> assertThat(s.path("source").asText()).isEqualTo("review"));
        assertThat(leadConsent(n[1], n[2]).path("revokedAt").isNull()).isFalse();
        assertThat(marketingTextVerdicts(n[0])).allSatisfy(v -> assertThat(v.outcome()).isEqualTo(Outcome.BLOCK));
    }

    @Test
    void clearingAReviewRemovesItsDoNotCallEntryAndReinstatesTheConsent() {
        String[] n = consentedNumber();
        String reviewId = inbound(n[0], "can you cancel my subscription").text("reviewId");

        Reply cleared = gw.post("/api/v1/revocation-reviews/" + reviewId + "/clear", compliance, "{}");

        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.text("status")).isEqualTo("CLEARED");
        assertThat(cleared.text("clearedAt")).isNotBlank();
        assertThat(cleared.json().path("suppressionRemoved").asBoolean()).isTrue();
        assertThat(cleared.json().path("consentsReinstated").asInt()).isEqualTo(1);
        assertThat(phoneSuppressions(n[0])).isEmpty();
        assertThat(leadConsent(n[1], n[2]).path("revokedAt").isNull()).isTrue();
        assertThat(gw.gateway.permissions().consents().lastDncRequestAt(gw.gateway.base().pseudonyms().phone(n[0]))).isNull();
        assertThat(marketingTextVerdicts(n[0])).allSatisfy(v -> assertThat(v.outcome()).isEqualTo(Outcome.PASS));
        assertThat(gw.get("/api/v1/revocation-reviews?status=OPEN&limit=1000", compliance).json().path("reviews"))
                .noneSatisfy(rv -> assertThat(rv.path("id").asText()).isEqualTo(reviewId));

        Reply again = gw.post("/api/v1/revocation-reviews/" + reviewId + "/clear", compliance, "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(gw.post("/api/v1/revocation-reviews/no-such-review/clear", compliance, "{}").status())
                .isEqualTo(404);
    }

    @Test
    void clearingAReviewLiftsNothingElse() {
        String[] n = consentedNumber();
        String reviewId = inbound(n[0], "it's the end of the month").text("reviewId");
        assertThat(inbound(n[0], "STOP").json().path("reading").asText()).isEqualTo("REVOCATION");

        Reply cleared = gw.post("/api/v1/revocation-reviews/" + reviewId + "/clear", compliance, "{}");

        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().path("consentsReinstated").asInt()).isZero();
        assertThat(phoneSuppressions(n[0])).singleElement()
                .satisfies(s -> assertThat(s.path("source").asText()).isEqualTo("sms-keyword"));
        assertThat(leadConsent(n[1], n[2]).path("revokedVia").asText()).isEqualTo("sms-keyword");
        assertThat(marketingTextVerdicts(n[0])).allSatisfy(v -> assertThat(v.outcome()).isEqualTo(Outcome.BLOCK));
    }

    @Test
    void withTwoOpenReviewsClearingOneKeepsTheNumberRevoked() {
        String[] n = consentedNumber();
        String first = inbound(n[0], "stop by at noon?").text("reviewId");
        inbound(n[0], "cancel the meeting?");

        gw.post("/api/v1/revocation-reviews/" + first + "/clear", compliance, "{}");

        assertThat(phoneSuppressions(n[0])).singleElement()
                .satisfies(s -> assertThat(s.path("source").asText()).isEqualTo("review"));
        assertThat(leadConsent(n[1], n[2]).path("revokedAt").isNull()).isFalse();
        assertThat(marketingTextVerdicts(n[0])).allSatisfy(v -> assertThat(v.outcome()).isEqualTo(Outcome.BLOCK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Thanks, see you Tuesday", "Yes please send the brochure", "", "Who is this?"})
    void anOrdinaryTextChangesNothing(String body) {
        String[] n = consentedNumber();

        Reply r = inbound(n[0], body);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("revoked").asBoolean()).isFalse();
        assertThat(r.json().path("reading").asText()).isEqualTo("NONE");
        assertThat(r.json().path("confirmationAllowedUntil").isNull()).isTrue();
        assertThat(phoneSuppressions(n[0])).isEmpty();
        assertThat(leadConsent(n[1], n[2]).path("revokedAt").isNull()).isTrue();
    }

    @Test
    void aBadSenderNumberIsA400NamingFrom() {
        Reply bad = inbound("not-a-number", "STOP");
        Reply missing = gw.post("/api/v1/sms/inbound", integration, json("to", "+18005550100", "body", "STOP"));

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("from");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").get(0).path("field").asText()).isEqualTo("from");
    }

    @Test
    void onlyIntegrationKeysPostInboundTextsAndOnlyComplianceReviews() {
        assertThat(gw.post("/api/v1/sms/inbound", compliance, json("from", "+13055550999", "body", "hi")).status())
                .isEqualTo(403);
        assertThat(gw.post("/api/v1/sms/inbound", null, json("from", "+13055550999", "body", "hi")).status())
                .isEqualTo(401);
        assertThat(gw.get("/api/v1/revocation-reviews", integration).status()).isEqualTo(403);
        assertThat(gw.get("/api/v1/revocation-reviews?status=MAYBE", compliance).status()).isEqualTo(400);
    }
}
