package dev.outreach.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.testing.MutableClock;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Call and text clearance through the real API on a fixed clock (Wednesday 2026-11-25, 10:00 in
 * Florida), with a real national registry download on disk.
 */
class CallsApiTest {

    static final Instant NOW = Instant.parse("2026-11-25T15:00:00Z");

    @TempDir
    static Path dir;
    static RunningGateway gw;
    static String crm;

    @BeforeAll
    static void start() throws Exception {
        Path registry = Files.createDirectories(dir.resolve("lists/national-dnc"));
        Files.writeString(registry.resolve("as-of.txt"), "2026-11-20\n");
        Files.writeString(registry.resolve("full-305.txt"), "3055550101\n3055550102\n305,5550103\n3055550104\n");
        gw = RunningGateway.start(dir, Map.of(), new MutableClock(NOW));
        crm = gw.key("crm", "INTEGRATION");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static void lead(String id, String phone, String source, String createdAt) {
        Reply r = gw.post("/api/v1/leads", crm, "{\"id\":\"" + id + "\",\"phone\":\"" + phone + "\",\"region\":\"FL\","
                + "\"source\":\"" + source + "\",\"createdAt\":\"" + createdAt + "\",\"owner\":\"rep-1\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static Reply call(String leadId, String purpose, String dialer) {
        return gw.post("/api/v1/calls", crm, "{\"leadId\":\"" + leadId + "\",\"purpose\":\"" + purpose
                + "\",\"dialer\":\"" + dialer + "\"}");
    }

    private static JsonNode result(Reply r, String rule) {
        for (JsonNode n : r.json().path("evaluated")) {
            if (n.path("rule").asText().equals(rule)) {
                return n;
            }
        }
        throw new AssertionError(rule + " not evaluated: " + r.body());
    }

    private static String blockingRules(Reply r) {
        StringBuilder b = new StringBuilder();
        r.json().path("reasons").forEach(n -> b.append(b.length() == 0 ? "" : ",").append(n.path("rule").asText()));
        return b.toString();
    }

    @Test
    void registryNumberWithAnInquiryTwoMonthsAgoIsClearedNamingTheExemption() {
        lead("inq-2m", "(305) 555-0101", "INQUIRY", "2026-09-25T15:00:00Z");

        Reply r = call("inq-2m", "TELEMARKETING", "MANUAL");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.text("decision")).as(r.body()).isEqualTo("ALLOW");
        // Time-ordered (UUID version 7, from the decision's millisecond), so touches append to their id index.
        UUID callId = UUID.fromString(r.text("callId"));
        assertThat(callId.version()).isEqualTo(7);
        assertThat(callId.getMostSignificantBits() >>> 16).isEqualTo(Instant.parse(r.text("decidedAt")).toEpochMilli());
        assertThat(result(r, "tcpa.national-dnc").path("outcome").asText()).isEqualTo("PASS");
        assertThat(result(r, "tcpa.national-dnc").path("detail").asText()).containsIgnoringCase("inquiry");
    }

    @Test
    void registryNumberWithAnInquiryFourMonthsAgoIsBlocked() {
        lead("inq-4m", "+1 305 555 0102", "INQUIRY", "2026-07-25T15:00:00Z");

        Reply r = call("inq-4m", "TELEMARKETING", "MANUAL");

        assertThat(r.text("decision")).isEqualTo("BLOCK");
        assertThat(blockingRules(r)).isEqualTo("tcpa.national-dnc");
        assertThat(r.json().has("callId")).isFalse();
    }

    @Test
    void registryDataOlderThanThirtyOneDaysAtThePlannedInstantBlocks() {
        lead("fresh", "305-555-0199", "REFERRAL", "2026-11-01T15:00:00Z");

        Reply planned = gw.post("/api/v1/checks", crm, "{\"channel\":\"CALL\",\"leadId\":\"fresh\","
                + "\"purpose\":\"TELEMARKETING\",\"dialer\":\"MANUAL\",\"at\":\"2026-12-22T15:00:00Z\"}");

        assertThat(planned.text("decision")).as(planned.body()).isEqualTo("BLOCK");
        assertThat(blockingRules(planned)).isEqualTo("tcpa.dnc-data-fresh");
        assertThat(planned.json().path("dryRun").asBoolean()).isTrue();
    }

    @Test
    void aFloridaCallPlannedForEightThirtyPmIsBlockedUntilEightAmInTheLatestFloridaZone() {
        lead("fl-evening", "305-555-0150", "REFERRAL", "2026-11-01T15:00:00Z");

        Reply r = gw.post("/api/v1/checks", crm, "{\"channel\":\"CALL\",\"leadId\":\"fl-evening\","
                + "\"purpose\":\"TELEMARKETING\",\"dialer\":\"MANUAL\",\"at\":\"2026-11-26T01:30:00Z\"}");

        assertThat(r.text("decision")).isEqualTo("BLOCK");
        assertThat(blockingRules(r)).isEqualTo("state.calling-hours");
        // Florida spans Eastern and Central time (the panhandle), so 08:00 must have come in both: 08:00 CST.
        assertThat(r.text("nextAllowedAt")).isEqualTo("2026-11-26T14:00:00Z");
    }

    @Test
    void aStopReplyBlocksTheNextMarketingText() {
        lead("texter", "305-555-0160", "WEB_FORM", "2026-11-20T15:00:00Z");
        Reply consent = gw.post("/api/v1/consents", crm, "{\"phone\":\"305-555-0160\",\"channel\":\"SMS\","
                + "\"kind\":\"TCPA_WRITTEN\",\"evidence\":{\"text\":\"I agree to receive marketing texts from Acme "
                + "at this number; consent is not a condition of purchase.\",\"source\":\"web form /signup\","
                + "\"capturedAt\":\"2026-11-20T15:00:00Z\",\"signedHow\":\"WEB_FORM\"}}");
        assertThat(consent.status()).as(consent.body()).isEqualTo(201);
        Reply before = gw.post("/api/v1/sms", crm, "{\"leadId\":\"texter\",\"purpose\":\"MARKETING\",\"body\":\"Hi\"}");
        assertThat(before.text("decision")).as(before.body()).isEqualTo("ALLOW");
        assertThat(before.text("textId")).isNotBlank();

        Reply stop = gw.post("/api/v1/sms/inbound", crm, "{\"from\":\"+13055550160\",\"to\":\"+13055550000\","
                + "\"body\":\"Stop.\"}");
        assertThat(stop.status()).as(stop.body()).isEqualTo(200);

        Reply after = gw.post("/api/v1/sms", crm, "{\"leadId\":\"texter\",\"purpose\":\"MARKETING\",\"body\":\"Hi again\"}");
        assertThat(after.text("decision")).isEqualTo("BLOCK");
        assertThat(blockingRules(after)).contains("tcpa.company-dnc").contains("tcpa.consent");
    }

    @Test
    void oneInformationalConfirmationTextMayFollowARevocationWithinFiveMinutes() {
        lead("confirm", "305-555-0165", "WEB_FORM", "2026-11-20T15:00:00Z");
        gw.post("/api/v1/sms/inbound", crm, "{\"from\":\"+13055550165\",\"to\":\"+13055550000\",\"body\":\"STOP\"}");
        String confirmation = "{\"leadId\":\"confirm\",\"purpose\":\"INFORMATIONAL\",\"confirmation\":true,"
                + "\"body\":\"You will get no more texts from Acme.\"";

        Reply tooLate = gw.post("/api/v1/checks", crm, "{\"channel\":\"SMS\",\"leadId\":\"confirm\","
                + "\"purpose\":\"INFORMATIONAL\",\"confirmation\":true,\"at\":\"2026-11-25T15:06:00Z\"}");
        Reply first = gw.post("/api/v1/sms", crm, confirmation + "}");
        Reply second = gw.post("/api/v1/sms", crm, confirmation + "}");
        Reply ordinary = gw.post("/api/v1/sms", crm, "{\"leadId\":\"confirm\",\"purpose\":\"INFORMATIONAL\","
                + "\"body\":\"Your order shipped\"}");

        assertThat(tooLate.text("decision")).as(tooLate.body()).isEqualTo("BLOCK");
        assertThat(result(tooLate, "tcpa.consent").path("detail").asText()).contains("window has passed");
        assertThat(first.text("decision")).as(first.body()).isEqualTo("ALLOW");
        assertThat(result(first, "tcpa.consent").path("citation").asText()).isEqualTo("47 CFR 64.1200(a)(12)");
        assertThat(second.text("decision")).isEqualTo("BLOCK");
        assertThat(result(second, "tcpa.consent").path("detail").asText()).contains("already confirmed");
        assertThat(ordinary.text("decision")).isEqualTo("BLOCK");
        assertThat(blockingRules(ordinary)).contains("tcpa.consent");
    }

    @Test
    void onlyAnInformationalTextMayBeMarkedAsAConfirmation() {
        Reply r = gw.post("/api/v1/sms", crm, "{\"phone\":\"305-555-0166\",\"purpose\":\"MARKETING\","
                + "\"confirmation\":true,\"body\":\"Hi\"}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("confirmation");
    }

    @Test
    void aDoNotCallRequestLoggedAsACallOutcomeBlocksTheNextCall() {
        lead("dnc-outcome", "305-555-0170", "REFERRAL", "2026-11-01T15:00:00Z");
        Reply first = call("dnc-outcome", "TELEMARKETING", "MANUAL");
        assertThat(first.text("decision")).as(first.body()).isEqualTo("ALLOW");

        Reply outcome = gw.post("/api/v1/calls/" + first.text("callId") + "/outcome", crm,
                "{\"outcome\":\"DNC_REQUESTED\",\"durationSeconds\":40}");
        assertThat(outcome.status()).as(outcome.body()).isEqualTo(200);

        Reply next = call("dnc-outcome", "TELEMARKETING", "MANUAL");
        assertThat(next.text("decision")).isEqualTo("BLOCK");
        assertThat(blockingRules(next)).isEqualTo("tcpa.company-dnc");
        Reply touches = gw.get("/api/v1/leads/dnc-outcome/touches", crm);
        assertThat(touches.json().path("touches")).hasSize(2);
    }

    @Test
    void aVerifiedLandlineTakesALiveAutodialedCallWithoutConsentUntilItsNumberChanges() {
        Reply created = gw.post("/api/v1/leads", crm, "{\"id\":\"landline\",\"phone\":\"305-555-0180\","
                + "\"phoneVerifiedLandline\":true,\"region\":\"FL\",\"source\":\"REFERRAL\",\"owner\":\"rep-1\"}");
        assertThat(created.json().path("phoneVerifiedLandline").asBoolean()).isTrue();

        Reply landline = call("landline", "TELEMARKETING", "AUTODIALED");
        assertThat(landline.text("decision")).as(landline.body()).isEqualTo("ALLOW");
        assertThat(result(landline, "tcpa.consent").path("outcome").asText()).isEqualTo("NOT_APPLICABLE");

        Reply patched = gw.call("PATCH", "/api/v1/leads/landline", crm, "{\"phone\":\"305-555-0181\"}");
        assertThat(patched.json().path("phoneVerifiedLandline").asBoolean()).isFalse();
        Reply newNumber = call("landline", "TELEMARKETING", "AUTODIALED");
        assertThat(blockingRules(newNumber)).isEqualTo("tcpa.consent");
    }

    @Test
    void anUnparseableNumberIsA400NamingTheField() {
        Reply r = gw.post("/api/v1/calls", crm, "{\"phone\":\"12\",\"purpose\":\"TELEMARKETING\",\"dialer\":\"MANUAL\"}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("phone");
    }

    @Test
    void anOutcomeForAnUnknownCallIsA404() {
        Reply r = gw.post("/api/v1/calls/no-such-call/outcome", crm, "{\"outcome\":\"CONNECTED\"}");

        assertThat(r.status()).isEqualTo(404);
    }
}
