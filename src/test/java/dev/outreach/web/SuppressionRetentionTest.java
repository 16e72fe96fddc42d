package dev.outreach.web;

import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Suppressions the law says must be kept cannot be deleted through the API. */
class SuppressionRetentionTest {

    @TempDir
    Path dir;

    @Test
    void aDoNotCallRequestCannotBeDeletedWithinFiveYearsButAManualEntryCan() {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of())) {
            String compliance = gw.key("officer", "COMPLIANCE");
            Reply dnc = gw.post("/api/v1/suppressions", compliance,
                    "{\"type\":\"PHONE\",\"value\":\"(305) 555-0188\",\"reason\":\"DNC_REQUEST\"}");
            Reply manual = gw.post("/api/v1/suppressions", compliance,
                    "{\"type\":\"EMAIL\",\"value\":\"someone@example.org\",\"reason\":\"MANUAL\"}");
            assertThat(dnc.status()).as(dnc.body()).isEqualTo(201);

            Reply refused = gw.call("DELETE", "/api/v1/suppressions/" + dnc.text("id"), compliance, null);
            Reply removed = gw.call("DELETE", "/api/v1/suppressions/" + manual.text("id"), compliance, null);

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().path("detail").asText()).contains("five years");
            assertThat(removed.status()).isEqualTo(204);
            assertThat(gw.get("/api/v1/suppressions?type=PHONE", compliance).json().path("suppressions"))
                    .singleElement().satisfies(s -> assertThat(s.path("value").asText()).isEqualTo("+13055550188"));
        }
    }
}
