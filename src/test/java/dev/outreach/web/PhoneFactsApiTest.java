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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What calls, texts and leads can now say, end to end through the real API on a fixed clock
 * (Wednesday 2026-11-25, 10:00 on the US east coast): a call's subject and dialer recorded on its
 * touch and counted by the state caps, a lead's line type, and the dated revoke-all scope.
 */
class PhoneFactsApiTest {

    static final Instant NOW = Instant.parse("2026-11-25T15:00:00Z");

    @TempDir
    static Path dir;
    static RunningGateway gw;
    static String crm;

    @BeforeAll
    static void start() throws Exception {
        Path registry = Files.createDirectories(dir.resolve("lists/national-dnc"));
        Files.writeString(registry.resolve("as-of.txt"), "2026-11-20\n");
        Files.writeString(registry.resolve("full-305.txt"), "3055550301\n3055550302\n");
        gw = RunningGateway.start(dir, Map.of(), new MutableClock(NOW));
        crm = gw.key("crm", "INTEGRATION");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static Reply lead(String json) {
        return gw.post("/api/v1/leads", crm, json);
    }

    private static void created(String id, String phone, String region, String extra) {
        Reply r = lead("{\"id\":\"" + id + "\",\"phone\":\"" + phone + "\",\"region\":\"" + region + "\","
                + "\"source\":\"REFERRAL\",\"owner\":\"rep-1\"" + extra + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static Reply call(String leadId, String dialer, String subject) {
        return gw.post("/api/v1/calls", crm, "{\"leadId\":\"" + leadId + "\",\"purpose\":\"TELEMARKETING\","
                + "\"dialer\":\"" + dialer + "\"" + (subject == null ? "" : ",\"subject\":\"" + subject + "\"") + "}");
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

    private static void problemNaming(Reply r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
    }

    private static void writtenCallConsent(String phone) {
        Reply consent = gw.post("/api/v1/consents", crm, "{\"phone\":\"" + phone + "\",\"channel\":\"CALL\","
                + "\"kind\":\"TCPA_WRITTEN\",\"evidence\":{\"text\":\"I agree to autodialed sales calls from Acme at "
                + "this number; consent is not a condition of purchase.\",\"source\":\"web form /signup\","
                + "\"capturedAt\":\"2026-11-20T15:00:00Z\",\"signedHow\":\"WEB_FORM\"}}");
        assertThat(consent.status()).as(consent.body()).isEqualTo(201);
    }

    @Test
    void aSubjectTooLongOrWithControlCharactersIsA400NamingSubjectOnCallsTextsAndChecks() {
        created("subj-bad", "305-555-0160", "FL", "");
        String tooLong = "x".repeat(121);

        problemNaming(call("subj-bad", "MANUAL", tooLong), "subject");
        problemNaming(call("subj-bad", "MANUAL", "roof\\nrepair"), "subject");
        problemNaming(gw.post("/api/v1/sms", crm, "{\"leadId\":\"subj-bad\",\"purpose\":\"MARKETING\",\"body\":\"Hi\","
                + "\"subject\":\"a\\tb\"}"), "subject");
        problemNaming(gw.post("/api/v1/checks", crm, "{\"channel\":\"CALL\",\"leadId\":\"subj-bad\","
                + "\"purpose\":\"TELEMARKETING\",\"dialer\":\"MANUAL\",\"subject\":\"" + tooLong + "\"}"), "subject");
        assertThat(gw.get("/api/v1/leads/subj-bad/touches", crm).json().path("touches")).isEmpty();
    }

    @Test
    void floridasCapCountsTheSameSubjectAndTheTouchRecordsSubjectAndDialer() {
        created("fl-subjects", "305-555-0170", "FL", "");
        for (int i = 0; i < 3; i++) {
            Reply roof = call("fl-subjects", "MANUAL", "Roof repair");
            assertThat(roof.text("decision")).as(roof.body()).isEqualTo("ALLOW");
        }

        Reply solar = call("fl-subjects", "MANUAL", "Solar panels");
        Reply roofAgain = call("fl-subjects", "MANUAL", "roof  REPAIR");

        assertThat(solar.text("decision")).as(solar.body()).isEqualTo("ALLOW");
        assertThat(result(solar, "state.call-frequency").path("detail").asText()).contains("FL: 0 of 3");
        assertThat(roofAgain.text("decision")).isEqualTo("BLOCK");
        assertThat(blockingRules(roofAgain)).isEqualTo("state.call-frequency");
        assertThat(result(roofAgain, "state.call-frequency").path("detail").asText()).contains("FL: 3 of 3")
                .doesNotContainIgnoringCase("roof");
        JsonNode touches = gw.get("/api/v1/leads/fl-subjects/touches", crm).json().path("touches");
        // all five share the fixed clock's instant, so their order is not asserted
        assertThat(touches).hasSize(5);
        assertThat(touches).extracting(t -> t.path("subject").asText() + "/" + t.path("dialer").asText() + "/"
                + t.path("decision").asText()).containsExactlyInAnyOrder("Roof repair/MANUAL/ALLOW",
                "Roof repair/MANUAL/ALLOW", "Roof repair/MANUAL/ALLOW", "Solar panels/MANUAL/ALLOW",
                "roof  REPAIR/MANUAL/BLOCK");
    }

    @Test
    void thePolicyShowsWhichStateCapsCountPerSubject() {
        Reply policy = gw.get("/api/v1/policy", crm);

        assertThat(policy.status()).isEqualTo(200);
        Map<String, String> caps = new java.util.TreeMap<>();
        policy.json().path("states").forEach(s -> caps.put(s.path("state").asText(), s.path("frequencyCap").asText()));
        assertThat(caps.get("FL")).contains("counted per subject when one is stated");
        assertThat(caps.get("MD")).contains("counted per subject when one is stated");
        assertThat(caps.get("OK")).contains("counted per subject when one is stated");
        assertThat(caps.get("ME")).contains("AUTODIALED only").doesNotContain("per subject");
    }

    @Test
    void mainesCapIgnoresManualCallsAndBlocksTheSecondAutodialedOne() {
        created("me-calls", "207-555-0110", "ME", "");
        writtenCallConsent("207-555-0110");
        assertThat(call("me-calls", "MANUAL", null).text("decision")).isEqualTo("ALLOW");
        assertThat(call("me-calls", "MANUAL", null).text("decision")).isEqualTo("ALLOW");

        Reply firstAutodialed = call("me-calls", "AUTODIALED", null);
        Reply secondAutodialed = call("me-calls", "AUTODIALED", null);

        assertThat(firstAutodialed.text("decision")).as(firstAutodialed.body()).isEqualTo("ALLOW");
        assertThat(result(firstAutodialed, "state.call-frequency").path("detail").asText()).contains("ME: 0 of 1");
        assertThat(secondAutodialed.text("decision")).isEqualTo("BLOCK");
        assertThat(blockingRules(secondAutodialed)).isEqualTo("state.call-frequency");
        assertThat(secondAutodialed.text("nextAllowedAt")).isEqualTo("2026-11-25T23:00:00Z");
        JsonNode touches = gw.get("/api/v1/leads/me-calls/touches", crm).json().path("touches");
        assertThat(touches).extracting(t -> t.path("dialer").asText() + "/" + t.path("decision").asText())
                .containsExactlyInAnyOrder("MANUAL/ALLOW", "MANUAL/ALLOW", "AUTODIALED/ALLOW", "AUTODIALED/BLOCK");
    }

    @Test
    void aBusinessLineOnTheRegistryTakesASalesCallButNotAfterItAskedTheCompanyToStop() {
        created("biz", "305-555-0301", "FL", ",\"lineType\":\"business\"");
        assertThat(gw.get("/api/v1/leads/biz", crm).text("lineType")).isEqualTo("BUSINESS");

        Reply first = call("biz", "MANUAL", null);
        assertThat(first.text("decision")).as(first.body()).isEqualTo("ALLOW");
        assertThat(result(first, "tcpa.national-dnc").path("outcome").asText()).isEqualTo("NOT_APPLICABLE");
        Reply outcome = gw.post("/api/v1/calls/" + first.text("callId") + "/outcome", crm,
                "{\"outcome\":\"DNC_REQUESTED\"}");
        assertThat(outcome.status()).as(outcome.body()).isEqualTo(200);

        Reply next = call("biz", "MANUAL", null);
        assertThat(next.text("decision")).isEqualTo("BLOCK");
        assertThat(blockingRules(next)).isEqualTo("tcpa.company-dnc");
    }

    @Test
    void aNewNumberWithoutALineTypeIsUnknownAndTheRegistryAppliesAgain() {
        created("biz-moves", "305-555-0190", "FL", ",\"lineType\":\"BUSINESS\"");

        Reply patched = gw.call("PATCH", "/api/v1/leads/biz-moves", crm, "{\"phone\":\"305-555-0302\"}");
        Reply r = call("biz-moves", "MANUAL", null);

        assertThat(patched.json().path("lineType").asText()).isEqualTo("UNKNOWN");
        assertThat(r.text("decision")).isEqualTo("BLOCK");
        assertThat(blockingRules(r)).isEqualTo("tcpa.national-dnc");
    }

    @Test
    void anUnknownLineTypeOrAWirelessVerifiedLandlineIsA400NamingLineType() {
        problemNaming(lead("{\"id\":\"lt-bad\",\"phone\":\"305-555-0191\",\"lineType\":\"MOBILE\"}"), "lineType");
        problemNaming(lead("{\"id\":\"lt-bad\",\"phone\":\"305-555-0191\",\"lineType\":\"WIRELESS\","
                + "\"phoneVerifiedLandline\":true}"), "lineType");
        problemNaming(lead("{\"id\":\"lt-bad\",\"lineType\":\"RESIDENTIAL\"}"), "lineType");
        assertThat(gw.get("/api/v1/leads/lt-bad", crm).status()).isEqualTo(404);
    }

    @Test
    void anImportRowCarriesTheLineType() {
        Reply r = gw.call("POST", "/api/v1/leads/import", crm, "id,phone,region,lineType\nimp-biz,305-555-0192,FL,"
                + "BUSINESS\nimp-bad,305-555-0193,FL,FAX\n", "Content-Type", "text/csv; charset=utf-8");

        assertThat(r.status()).as(r.body()).isLessThan(300);
        assertThat(gw.get("/api/v1/leads/imp-biz", crm).text("lineType")).isEqualTo("BUSINESS");
        assertThat(r.body()).contains("lineType");
        assertThat(gw.get("/api/v1/leads/imp-bad", crm).status()).isEqualTo(404);
    }

    @Test
    void aRevocationOfTextsCoversAutodialedCallsOnlyFromTheRevokeAllDate() {
        created("revoker", "305-555-0195", "FL", "");
        for (String channel : new String[] {"CALL", "SMS"}) {
            Reply consent = gw.post("/api/v1/consents", crm, "{\"phone\":\"305-555-0195\",\"channel\":\"" + channel
                    + "\",\"kind\":\"TCPA_EXPRESS\",\"evidence\":{\"text\":\"Send me my appointment reminders\","
                    + "\"source\":\"front desk\",\"capturedAt\":\"2026-11-20T15:00:00Z\"}}");
            assertThat(consent.status()).as(consent.body()).isEqualTo(201);
        }
        Reply revoked = gw.post("/api/v1/consents/revocations", crm, "{\"phone\":\"305-555-0195\",\"channel\":\"SMS\","
                + "\"via\":\"api\"}");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

        Reply before = reminderCallAt("2027-01-30T09:59:59Z");
        Reply from = reminderCallAt("2027-01-30T10:00:00Z");

        assertThat(before.text("decision")).as(before.body()).isEqualTo("ALLOW");
        assertThat(result(before, "tcpa.consent").path("outcome").asText()).isEqualTo("PASS");
        assertThat(from.text("decision")).isEqualTo("BLOCK");
        assertThat(blockingRules(from)).isEqualTo("tcpa.consent");
        assertThat(result(from, "tcpa.consent").path("detail").asText()).contains("since 2027-01-31");
    }

    private static Reply reminderCallAt(String at) {
        return gw.post("/api/v1/checks", crm, "{\"channel\":\"CALL\",\"leadId\":\"revoker\",\"purpose\":\"INFORMATIONAL\","
                + "\"dialer\":\"AUTODIALED\",\"at\":\"" + at + "\"}");
    }
}
