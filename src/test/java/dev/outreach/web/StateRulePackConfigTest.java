package dev.outreach.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.config.ConfigKey;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code policy.state-rules} replaces the built-in state rule pack, and decisions say which pack judged them. */
class StateRulePackConfigTest {

    @TempDir
    Path dir;

    @Test
    void aConfiguredRulePackIsTheOneDecisionsAreJudgedBy() throws Exception {
        String builtIn;
        try (InputStream in = getClass().getResourceAsStream("/policy/state-rules.yaml")) {
            builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path custom = dir.resolve("state-rules.yaml");
        Files.writeString(custom, builtIn.replaceFirst("(?m)^version: .*$", "version: 2026-12-01.local"));

        try (RunningGateway gw = RunningGateway.start(dir.resolve("gw"),
                Map.of(ConfigKey.POLICY_STATE_RULES, custom.toString()))) {
            String key = gw.key("crm", "INTEGRATION");
            Reply r = gw.post("/api/v1/checks", key, "{\"channel\":\"CALL\",\"phone\":\"(305) 555-0123\","
                    + "\"purpose\":\"TELEMARKETING\",\"dialer\":\"MANUAL\"}");

            JsonNode days = null;
            for (JsonNode n : r.json().path("evaluated")) {
                if (n.path("rule").asText().equals("state.calling-days")) {
                    days = n;
                }
            }
            assertThat(days).as(r.body()).isNotNull();
            assertThat(days.path("detail").asText()).contains("2026-12-01.local");
        }
    }
}
