package dev.outreach.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Decision;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.RuleResult;
import dev.outreach.policy.Verdict;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.Store;
import dev.outreach.store.jdbc.JdbcStore;
import dev.outreach.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit payload is written in one shape and read back typed by everyone; entries written before
 * (the chain hashes their text, so they are never rewritten) read the same way.
 */
class AuditPayloadTest {

    private static final Instant AT = Instant.parse("2026-12-04T15:00:00Z");
    private static final Instant LATER = Instant.parse("2026-12-05T14:00:00Z");

    @TempDir
    Path dir;

    private Store store;
    private AuditTrail trail;

    @BeforeEach
    void open() {
        store = JdbcStore.open("jdbc:sqlite:" + dir.resolve("audit.db"), null, null);
        trail = new AuditTrail(store.audit(), store.transactions(), new ObjectMapper(), new MutableClock(AT),
                new SimpleMeterRegistry());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aDecisionIsWrittenInTheDocumentedFieldOrderAndReadBackTyped() {
        Decision decided = blockedCall();
        Attempt attempt = new Attempt(Channel.CALL, Purpose.MARKETING, "+13055550100", "lead-1", "intro",
                Dialer.AUTODIALED, AT, false);
        Decision recorded = store.transactions().atomically("decide", () -> trail.record(trail.draft(decided,
                attempt, "key-1", "+13055550100", "ann (REP, key:k1)", "idem-1", Map.of("consentIds", List.of("c-9")))));

        AuditEntry entry = store.audit().find(recorded.auditId()).orElseThrow();
        assertThat(entry.payload()).isEqualTo("{\"purpose\":\"MARKETING\",\"template\":\"intro\",\"dialer\":\"AUTODIALED\","
                + "\"dryRun\":false,\"policyVersion\":\"r1-test\",\"decidedAt\":\"2026-12-04T15:00:00Z\","
                + "\"nextAllowedAt\":\"2026-12-05T14:00:00Z\",\"idempotencyKey\":\"idem-1\",\"evaluated\":["
                + "{\"rule\":\"tcpa.calling-hours\",\"outcome\":\"BLOCK\",\"detail\":\"21:00 in America/New_York\","
                + "\"citation\":\"47 CFR 64.1200(c)(1)\",\"nextAllowedAt\":\"2026-12-05T14:00:00Z\"},"
                + "{\"rule\":\"tcpa.consent\",\"outcome\":\"PASS\",\"detail\":\"written consent\","
                + "\"citation\":\"47 CFR 64.1200(a)(2)\",\"nextAllowedAt\":null}],"
                + "\"evidence\":{\"consentIds\":[\"c-9\"]}}");

        AuditPayload.Decision read = (AuditPayload.Decision) AuditPayload.of(entry);
        assertThat(read.purpose()).isEqualTo("MARKETING");
        assertThat(read.dialer()).isEqualTo("AUTODIALED");
        assertThat(read.dryRun()).isFalse();
        assertThat(read.policyVersion()).isEqualTo("r1-test");
        assertThat(read.decidedAt()).isEqualTo(AT);
        assertThat(read.nextAllowedAt()).isEqualTo(LATER);
        assertThat(read.idempotencyKey()).isEqualTo("idem-1");
        assertThat(read.blocking()).extracting(AuditPayload.EvaluatedRule::rule).containsExactly("tcpa.calling-hours");
        assertThat(read.evaluated()).hasSize(2);
        assertThat(read.evidence().path("consentIds").get(0).asText()).isEqualTo("c-9");
    }

    /**
     * Entries written before the payload was streamed hold the text of Jackson's tree; the chain and
     * the exports embed payloads as text, so the streamed text must be that same text, escapes included.
     */
    @Test
    void aStreamedDecisionPayloadIsTheTextOfItsJsonTree() throws Exception {
        RuleResult odd = RuleResult.block("gdpr.objection", "said \"stop\" \\ twice\n\u0001 from Zürich \uD83D\uDCDE",
                null);
        RuleResult missing = RuleResult.notApplicable("state.ebr", "applies to calls and texts only");
        Decision decided = new Decision(Verdict.BLOCK, Channel.EMAIL, "ann@example.de", List.of(odd),
                List.of(odd, missing), null, "r1-test", AT, true, null);
        Attempt attempt = new Attempt(Channel.EMAIL, Purpose.COMMERCIAL, "ann@example.de", null, null, null, AT, true);
        ObjectMapper json = new ObjectMapper();
        JsonNode evidence = json.readTree("{\"consentIds\":[],\"lists\":[{\"name\":\"é.txt\",\"rows\":10000000,"
                + "\"asOf\":null,\"share\":0.25}]}");

        String streamed = AuditPayload.Decision.of(decided, attempt, null, evidence).toJson();

        ObjectNode tree = json.createObjectNode();
        tree.put("purpose", "COMMERCIAL").putNull("template");
        tree.putNull("dialer");
        tree.put("dryRun", true).put("policyVersion", "r1-test").put("decidedAt", "2026-12-04T15:00:00Z");
        tree.putNull("nextAllowedAt");
        tree.putNull("idempotencyKey");
        ArrayNode rules = tree.putArray("evaluated");
        rules.addObject().put("rule", "gdpr.objection").put("outcome", "BLOCK").put("detail", odd.detail())
                .putNull("citation").putNull("nextAllowedAt");
        rules.addObject().put("rule", "state.ebr").put("outcome", "NOT_APPLICABLE").put("detail", missing.detail())
                .putNull("citation").putNull("nextAllowedAt");
        tree.set("evidence", evidence);
        assertThat(streamed).isEqualTo(tree.toString());
        assertThat(streamed).contains("\\\"stop\\\"", "\\u0001", "Zürich");
    }

    @Test
    void aChangeIsItsDetailMap() {
        AuditEntry entry = store.transactions().atomically("change", () -> trail.recordChange(AuditKind.LIST_LOADED,
                "system", null, null, null, Map.of("name", "phone/dnc.txt", "kind", "PHONE")));

        AuditPayload payload = AuditPayload.of(entry);
        assertThat(payload).isInstanceOf(AuditPayload.Change.class);
        assertThat(((AuditPayload.Change) payload).text("kind")).contains("PHONE");
        assertThat(((AuditPayload.Change) payload).text("absent")).isEmpty();
        assertThat(payload.policyVersion()).isNull();
    }

    @Test
    void aPayloadThatIsNotJsonIsUnreadableNotAnError() {
        assertThat(AuditPayload.of("DECISION", "not json {")).isEqualTo(new AuditPayload.Unreadable("not json {"));
        assertThat(AuditPayload.of("DECISION", "[1,2]")).isEqualTo(new AuditPayload.Unreadable("[1,2]"));
        assertThat(AuditPayload.of("KEY_CREATED", null).tree()).isNull();
    }

    @Test
    void aDecisionKindWithoutRuleResultsIsReadAsAChangeSoNothingIsInvented() {
        assertThat(AuditPayload.of("DECISION", "{\"note\":\"hand-made\"}")).isInstanceOf(AuditPayload.Change.class);
    }

    @Test
    void theOutlineReadsThePolicyVersionAndWhetherTheTextCanBeEmbedded() {
        assertThat(AuditPayload.outline("{\"a\":{\"policyVersion\":\"nested\"},\"policyVersion\":\"r2\"}"))
                .isEqualTo(new AuditPayload.Outline(true, "r2"));
        assertThat(AuditPayload.outline("{\"a\":1} trailing")).isEqualTo(new AuditPayload.Outline(false, null));
        assertThat(AuditPayload.outline("\"text\"")).isEqualTo(new AuditPayload.Outline(true, null));
        assertThat(AuditPayload.outline(null)).isEqualTo(new AuditPayload.Outline(false, null));
    }

    private static Decision blockedCall() {
        RuleResult hours = RuleResult.blockUntil("tcpa.calling-hours", "21:00 in America/New_York",
                "47 CFR 64.1200(c)(1)", LATER);
        RuleResult consent = RuleResult.pass("tcpa.consent", "written consent", "47 CFR 64.1200(a)(2)");
        return new Decision(Verdict.BLOCK, Channel.CALL, "+13055550100", List.of(hours), List.of(hours, consent),
                LATER, "r1-test", AT, false, null);
    }
}
