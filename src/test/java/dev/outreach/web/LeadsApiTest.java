package dev.outreach.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.Gateway;
import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.Stage;
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

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/leads}: creating, reading, listing, changing and moving leads, and their touches. */
class LeadsApiTest {

    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = Gateway.objectMapper();
    private static RunningGateway gw;
    private static String integration;
    private static String compliance;

    @BeforeAll
    static void start() {
        gw = RunningGateway.start(dir, Map.of());
        integration = gw.key("crm-sync", "INTEGRATION");
        compliance = gw.key("compliance-officer", "COMPLIANCE");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void createNormalisesEmailAndPhoneAndStartsAtLeadGeneration() {
        Reply created = gw.post("/api/v1/leads", integration, json(
                "id", "create-1", "email", "  Ann.Lee@Example.COM ", "phone", "(305) 555-0123",
                "firstName", "Ann", "lastName", "Lee", "company", "Initech", "country", "us", "region", "fl",
                "timeZone", "America/New_York", "owner", "rep-create", "source", "WEB_FORM"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        JsonNode lead = created.json();
        assertThat(lead.path("id").asText()).isEqualTo("create-1");
        assertThat(lead.path("email").asText()).isEqualTo("ann.lee@example.com");
        assertThat(lead.path("phone").asText()).isEqualTo("+13055550123");
        assertThat(lead.path("country").asText()).isEqualTo("US");
        assertThat(lead.path("region").asText()).isEqualTo("FL");
        assertThat(lead.path("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(lead.path("stage").asText()).isEqualTo("LEAD_GENERATION");
        assertThat(lead.path("outcome").isNull()).isTrue();
        assertThat(lead.path("owner").asText()).isEqualTo("rep-create");
        assertThat(lead.path("source").asText()).isEqualTo("WEB_FORM");

        Lead stored = gw.gateway.store().leads().find("create-1").orElseThrow();
        assertThat(stored.email()).isEqualTo("ann.lee@example.com");
        assertThat(stored.phone()).isEqualTo("+13055550123");
        assertThat(stored.stage()).isEqualTo(Stage.LEAD_GENERATION);
        assertThat(stored.firstName()).isEqualTo("Ann");
        assertThat(stored.company()).isEqualTo("Initech");
    }

    @Test
    void createWithoutIdGeneratesOneThatReadsBack() {
        Reply created = gw.post("/api/v1/leads", integration, json("email", "no-id@example.com", "owner", "rep-x"));

        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(id).isNotBlank();
        Reply read = gw.get("/api/v1/leads/" + id, integration);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("email")).isEqualTo("no-id@example.com");
        assertThat(read.text("stage")).isEqualTo("LEAD_GENERATION");
        assertThat(read.text("source")).isEqualTo("OTHER");
    }

    @Test
    void getReturnsEveryStoredField() {
        gw.post("/api/v1/leads", integration, json("id", "get-1", "email", "bo@example.com", "phone", "+1 646 555 0142",
                "firstName", "Bo", "company", "Globex", "stage", "ENGAGEMENT", "owner", "rep-get",
                "qualification", Map.of("need", true, "budget", false, "authority", true, "timeline", false,
                        "fit", true)));

        Reply read = gw.get("/api/v1/leads/get-1", integration);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("id")).isEqualTo("get-1");
        assertThat(read.text("email")).isEqualTo("bo@example.com");
        assertThat(read.text("phone")).isEqualTo("+16465550142");
        assertThat(read.text("firstName")).isEqualTo("Bo");
        assertThat(read.text("company")).isEqualTo("Globex");
        assertThat(read.text("stage")).isEqualTo("ENGAGEMENT");
        assertThat(read.text("owner")).isEqualTo("rep-get");
        JsonNode q = read.json().path("qualification");
        assertThat(List.of(q.path("need").asBoolean(), q.path("budget").asBoolean(), q.path("authority").asBoolean(),
                q.path("timeline").asBoolean(), q.path("fit").asBoolean()))
                .containsExactly(true, false, true, false, true);
    }

    @Test
    void getOfAnUnknownLeadIs404Problem() {
        Reply read = gw.get("/api/v1/leads/no-such-lead", integration);

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.contentType()).startsWith("application/problem+json");
        assertThat(read.json().path("status").asInt()).isEqualTo(404);
    }

    @Test
    void listFiltersByStageAndByOwner() {
        create("list-a1", "list-a1@example.com", "LEAD_GENERATION", "rep-list-a");
        create("list-a2", "list-a2@example.com", "PRESENTATION", "rep-list-a");
        create("list-a3", "list-a3@example.com", "PRESENTATION", "rep-list-a");
        create("list-b1", "list-b1@example.com", "PRESENTATION", "rep-list-b");

        assertThat(ids(gw.get("/api/v1/leads?owner=rep-list-a", integration)))
                .containsExactly("list-a1", "list-a2", "list-a3");
        assertThat(ids(gw.get("/api/v1/leads?owner=rep-list-a&stage=PRESENTATION", integration)))
                .containsExactly("list-a2", "list-a3");
        assertThat(ids(gw.get("/api/v1/leads?owner=rep-list-b&stage=presentation", integration)))
                .containsExactly("list-b1");
        assertThat(ids(gw.get("/api/v1/leads?stage=PRESENTATION", integration)))
                .contains("list-a2", "list-a3", "list-b1").doesNotContain("list-a1");
        assertThat(ids(gw.get("/api/v1/leads?owner=rep-list-b&stage=LEAD_GENERATION", integration))).isEmpty();
    }

    @Test
    void patchChangesOnlyTheGivenFieldsAndNormalisesThem() {
        create("patch-1", "patch-1@example.com", "ENGAGEMENT", "rep-patch");

        Reply patched = gw.call("PATCH", "/api/v1/leads/patch-1", integration,
                json("company", "Umbrella", "phone", "(212) 555-0199", "email", "Patch-1.New@Example.com"));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.text("company")).isEqualTo("Umbrella");
        assertThat(patched.text("phone")).isEqualTo("+12125550199");
        assertThat(patched.text("email")).isEqualTo("patch-1.new@example.com");
        Lead stored = gw.gateway.store().leads().find("patch-1").orElseThrow();
        assertThat(stored.company()).isEqualTo("Umbrella");
        assertThat(stored.phone()).isEqualTo("+12125550199");
        assertThat(stored.email()).isEqualTo("patch-1.new@example.com");
        assertThat(stored.firstName()).isEqualTo("First");
        assertThat(stored.stage()).isEqualTo(Stage.ENGAGEMENT);
        assertThat(stored.owner()).isEqualTo("rep-patch");
    }

    @Test
    void patchCannotChangeTheStageAndLeavesTheLeadAsItWas() {
        create("patch-2", "patch-2@example.com", "ENGAGEMENT", "rep-patch");

        Reply patched = gw.call("PATCH", "/api/v1/leads/patch-2", integration,
                json("stage", "CLOSING", "company", "Changed"));

        assertProblem(patched, 400, "stage");
        Lead stored = gw.gateway.store().leads().find("patch-2").orElseThrow();
        assertThat(stored.stage()).isEqualTo(Stage.ENGAGEMENT);
        assertThat(stored.company()).isEqualTo("Acme");
        assertThat(gw.gateway.store().leads().transitions("patch-2")).hasSize(1);
    }

    @Test
    void stageTransitionsAreAllKeptWithTheirTimes() {
        gw.post("/api/v1/leads", integration, json("id", "stages-1", "email", "stages-1@example.com",
                "owner", "rep-stages", "createdAt", "2026-01-05T09:00:00Z"));

        Reply qualified = gw.post("/api/v1/leads/stages-1/stage", integration,
                json("stage", "LEAD_QUALIFICATION", "at", "2026-01-06T10:15:00Z"));
        Reply presented = gw.post("/api/v1/leads/stages-1/stage", integration,
                json("stage", "PRESENTATION", "at", "2026-01-09T15:30:00+01:00"));

        assertThat(qualified.status()).isEqualTo(200);
        assertThat(qualified.text("stage")).isEqualTo("LEAD_QUALIFICATION");
        assertThat(presented.status()).isEqualTo(200);
        assertThat(presented.text("stage")).isEqualTo("PRESENTATION");
        assertThat(Instant.parse(presented.text("stageEnteredAt"))).isEqualTo(Instant.parse("2026-01-09T14:30:00Z"));

        Reply history = gw.get("/api/v1/leads/stages-1/stages", integration);
        assertThat(history.status()).isEqualTo(200);
        List<String> moves = new ArrayList<>();
        for (JsonNode t : history.json().path("transitions")) {
            moves.add(t.path("from").asText("-") + ">" + t.path("to").asText() + "@" + Instant.parse(t.path("at").asText()));
        }
        assertThat(moves).containsExactly(
                "->LEAD_GENERATION@2026-01-05T09:00:00Z",
                "LEAD_GENERATION>LEAD_QUALIFICATION@2026-01-06T10:15:00Z",
                "LEAD_QUALIFICATION>PRESENTATION@2026-01-09T14:30:00Z");
        assertThat(gw.get("/api/v1/leads/stages-1", integration).text("stage")).isEqualTo("PRESENTATION");
    }

    @Test
    void stageTransitionWithoutTimeIsStampedNow() {
        create("stages-2", "stages-2@example.com", "LEAD_GENERATION", "rep-stages");
        Instant before = Instant.now().minusSeconds(1);

        gw.post("/api/v1/leads/stages-2/stage", integration, json("stage", "ENGAGEMENT"));

        JsonNode transitions = gw.get("/api/v1/leads/stages-2/stages", integration).json().path("transitions");
        assertThat(transitions).hasSize(2);
        assertThat(transitions.get(1).path("to").asText()).isEqualTo("ENGAGEMENT");
        assertThat(Instant.parse(transitions.get(1).path("at").asText())).isBetween(before, Instant.now().plusSeconds(1));
    }

    @Test
    void wonBeforeClosingIsRefusedNamingOutcomeAndChangesNothing() {
        create("won-1", "won-1@example.com", "NEGOTIATION", "rep-won");

        Reply early = gw.post("/api/v1/leads/won-1/stage", integration, json("stage", "NEGOTIATION", "outcome", "WON"));

        assertProblem(early, 422, "outcome");
        Lead unchanged = gw.gateway.store().leads().find("won-1").orElseThrow();
        assertThat(unchanged.stage()).isEqualTo(Stage.NEGOTIATION);
        assertThat(unchanged.outcome()).isNull();
        assertThat(gw.gateway.store().leads().transitions("won-1")).hasSize(1);
    }

    @Test
    void wonIsRecordedAtClosingAndAfter() {
        create("won-2", "won-2@example.com", "NEGOTIATION", "rep-won");
        create("won-3", "won-3@example.com", "CLOSING", "rep-won");

        Reply atClosing = gw.post("/api/v1/leads/won-2/stage", integration, json("stage", "CLOSING", "outcome", "WON"));
        Reply postSale = gw.post("/api/v1/leads/won-3/stage", integration, json("stage", "POST_SALE", "outcome", "won"));

        assertThat(atClosing.status()).isEqualTo(200);
        assertThat(atClosing.text("outcome")).isEqualTo("WON");
        assertThat(postSale.status()).isEqualTo(200);
        assertThat(gw.gateway.store().leads().find("won-2").orElseThrow().outcome()).isEqualTo(LeadOutcome.WON);
        assertThat(gw.gateway.store().leads().find("won-3").orElseThrow().outcome()).isEqualTo(LeadOutcome.WON);
        JsonNode last = gw.get("/api/v1/leads/won-2/stages", integration).json().path("transitions").get(1);
        assertThat(last.path("to").asText()).isEqualTo("CLOSING");
        assertThat(last.path("outcome").asText()).isEqualTo("WON");
    }

    @Test
    void lostMayEndAnEarlyStage() {
        create("lost-1", "lost-1@example.com", "LEAD_QUALIFICATION", "rep-won");

        Reply lost = gw.post("/api/v1/leads/lost-1/stage", integration,
                json("stage", "LEAD_QUALIFICATION", "outcome", "LOST"));

        assertThat(lost.status()).isEqualTo(200);
        assertThat(gw.gateway.store().leads().find("lost-1").orElseThrow().outcome()).isEqualTo(LeadOutcome.LOST);
    }

    @Test
    void duplicateIdIs409NamingIdAndKeepsTheFirstLead() {
        create("dup-1", "dup-1@example.com", "LEAD_GENERATION", "rep-dup");

        Reply again = gw.post("/api/v1/leads", integration, json("id", "dup-1", "email", "someone-else@example.com",
                "owner", "rep-dup"));

        assertProblem(again, 409, "id");
        assertThat(gw.gateway.store().leads().find("dup-1").orElseThrow().email()).isEqualTo("dup-1@example.com");
        assertThat(gw.gateway.store().leads().findByEmail("someone-else@example.com")).isEmpty();
    }

    @Test
    void duplicateEmailIs409NamingEmail() {
        create("dup-2", "dup-2@example.com", "LEAD_GENERATION", "rep-dup");

        Reply again = gw.post("/api/v1/leads", integration, json("id", "dup-3", "email", "DUP-2@example.com",
                "owner", "rep-dup"));

        assertProblem(again, 409, "email");
        assertThat(gw.gateway.store().leads().find("dup-3")).isEmpty();
    }

    @Test
    void touchesListAllowedAndBlockedEmailsWithTheStageAtThatMoment() {
        create("touch-1", "touch-1@example.com", "PRESENTATION", "rep-touch");

        Reply sent = gw.post("/api/v1/emails", integration, json("leadId", "touch-1",
                "template", "presentation-summary", "data", Map.of("repName", "Sam Carter")));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.text("decision")).isEqualTo("ALLOW");
        assertThat(sent.text("status")).isEqualTo("QUEUED");
        String messageId = sent.text("messageId");

        assertThat(gw.post("/api/v1/leads/touch-1/stage", integration, json("stage", "NEGOTIATION")).status())
                .isEqualTo(200);
        Reply suppressed = gw.post("/api/v1/suppressions", compliance,
                json("type", "EMAIL", "value", "Touch-1@Example.com", "reason", "UNSUBSCRIBE"));
        assertThat(suppressed.status()).as(suppressed.body()).isEqualTo(201);

        Reply blocked = gw.post("/api/v1/emails", integration, json("leadId", "touch-1",
                "template", "negotiation-check-in", "data", Map.of("repName", "Sam Carter")));
        assertThat(blocked.status()).as(blocked.body()).isEqualTo(200);
        assertThat(blocked.text("decision")).isEqualTo("BLOCK");
        assertThat(rules(blocked.json().path("reasons"))).containsExactly("canspam.suppression");
        assertThat(blocked.json().has("messageId")).isFalse();

        Reply touches = gw.get("/api/v1/leads/touch-1/touches", integration);
        assertThat(touches.status()).isEqualTo(200);
        JsonNode list = touches.json().path("touches");
        assertThat(list).hasSize(2);
        JsonNode allowed = list.get(0);
        assertThat(allowed.path("channel").asText()).isEqualTo("EMAIL");
        assertThat(allowed.path("decision").asText()).isEqualTo("ALLOW");
        assertThat(allowed.path("stage").asText()).isEqualTo("PRESENTATION");
        assertThat(allowed.path("template").asText()).isEqualTo("presentation-summary");
        assertThat(allowed.path("reference").asText()).isEqualTo(messageId);
        assertThat(allowed.path("blockedBy")).isEmpty();
        assertThat(allowed.path("auditId").asText()).isEqualTo(sent.text("auditId"));
        JsonNode refused = list.get(1);
        assertThat(refused.path("decision").asText()).isEqualTo("BLOCK");
        assertThat(refused.path("stage").asText()).isEqualTo("NEGOTIATION");
        assertThat(refused.path("template").asText()).isEqualTo("negotiation-check-in");
        assertThat(refused.path("reference").isNull()).isTrue();
        assertThat(rules(refused.path("blockedBy"))).containsExactly("canspam.suppression");
        assertThat(refused.path("auditId").asText()).isEqualTo(blocked.text("auditId"));
        assertThat(Instant.parse(refused.path("at").asText())).isAfterOrEqualTo(Instant.parse(allowed.path("at").asText()));
        assertThat(refused.has("recipient")).isFalse();
    }

    // ---------------------------------------------------------------- helpers

    private static void create(String id, String email, String stage, String owner) {
        Reply r = gw.post("/api/v1/leads", integration, json("id", id, "email", email, "stage", stage, "owner", owner,
                "firstName", "First", "company", "Acme", "country", "US"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static List<String> ids(Reply list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().path("leads").forEach(l -> ids.add(l.path("id").asText()));
        return ids;
    }

    private static List<String> rules(JsonNode reasons) {
        List<String> out = new ArrayList<>();
        reasons.forEach(r -> out.add(r.isTextual() ? r.asText() : r.path("rule").asText()));
        return out;
    }

    static void assertProblem(Reply r, int status, String... fields) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("status").asInt()).isEqualTo(status);
        List<String> named = new ArrayList<>();
        r.json().path("errors").forEach(e -> named.add(e.path("field").asText()));
        assertThat(named).containsExactly(fields);
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
}
