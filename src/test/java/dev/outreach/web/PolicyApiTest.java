package dev.outreach.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/policy} on the real server: every rule, every reference row's enforcement, the dialer rows. */
class PolicyApiTest {

    @TempDir
    static Path dir;
    private static RunningGateway gw;

    @BeforeAll
    static void start() {
        gw = RunningGateway.start(dir.resolve("gw"), Map.of());
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void anyAuthenticatedRoleReadsEveryRuleWithCitationConfidenceAndWhatItCannotKnow() {
        for (String role : List.of("REP", "INTEGRATION", "COMPLIANCE", "ADMIN")) {
            Reply r = gw.get("/api/v1/policy", gw.key("reader-" + role.toLowerCase(), role));
            assertThat(r.status()).as(role).isEqualTo(200);
        }
        JsonNode policy = gw.get("/api/v1/policy", gw.key("rep", "REP")).json();

        List<String> ids = new ArrayList<>();
        policy.path("rules").forEach(n -> ids.add(n.path("id").asText()));
        assertThat(ids).containsSubsequence("gdpr.lawful-basis", "casl.consent", "ch.uwg-consent", "au.spam-consent")
                .contains("state.written-consent", "state.ebr", "tcpa.calling-hours");
        assertThat(policy.path("rules")).allSatisfy(n -> {
            assertThat(n.path("citation").asText()).as(n.toString()).isNotBlank();
            assertThat(n.path("cannotKnow").asText()).as(n.toString()).isNotEqualTo("not documented");
        });
        assertThat(policy.path("policyVersion").asText()).isEqualTo(gw.gateway.policy().engine().policyVersion());
    }

    @Test
    void showsTheRowsOnlyTheDialerCanEnforce() {
        JsonNode policy = gw.get("/api/v1/policy", gw.key("crm", "INTEGRATION")).json();

        JsonNode abandoned = null;
        for (JsonNode n : policy.path("references")) {
            if (n.path("fact").asText().equals("abandoned calls")) {
                abandoned = n;
            }
        }
        assertThat(abandoned).isNotNull();
        assertThat(abandoned.path("enforcedBy").asText()).isEqualTo("dialer");
        JsonNode dc = null;
        for (JsonNode n : policy.path("states")) {
            if (n.path("state").asText().equals("DC")) {
                dc = n;
            }
        }
        assertThat(dc).isNotNull();
        assertThat(dc.path("enforcedElsewhere").get(0).path("fact").asText()).isEqualTo("phone may not ring > 15 times");
        assertThat(dc.path("enforcedElsewhere").get(0).path("enforcedBy").asText()).isEqualTo("dialer");
    }

    @Test
    void withoutAKeyTheAnswerIs401() {
        assertThat(gw.get("/api/v1/policy", null).status()).isEqualTo(401);
    }
}
