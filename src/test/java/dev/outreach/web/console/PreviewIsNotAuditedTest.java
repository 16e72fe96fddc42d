package dev.outreach.web.console;

import dev.outreach.store.AuditQuery;
import dev.outreach.web.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Opening a follow-up shows the live decision without recording it as a CHECK of the rep. */
class PreviewIsNotAuditedTest {

    @TempDir
    Path dir;

    @Test
    void openingAFollowUpWithItsLiveDecisionWritesNoAuditEntry() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of())) {
            String rep = gw.key("rep-9", "REP");
            assertThat(gw.post("/api/v1/leads", RunningGateway.ADMIN_KEY, "{\"id\":\"pv-1\",\"email\":"
                    + "\"pv@example.com\",\"firstName\":\"Ann\",\"company\":\"Globex\",\"country\":\"US\","
                    + "\"owner\":\"rep-9\",\"stage\":\"PRESENTATION\"}").status()).isEqualTo(201);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/ui/sign-in"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("apiKey=" + rep)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = signIn.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith(ConsoleAccess.COOKIE + "=")).findFirst().orElseThrow().split(";")[0];
            long before = checks(gw);

            HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                            URI.create(gw.baseUrl() + "/ui/follow-ups/pv-1?template=presentation-summary"))
                    .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("ALLOW");
            assertThat(checks(gw)).isEqualTo(before);
        }
    }

    private static long checks(RunningGateway gw) {
        return gw.gateway.store().audit().page(AuditQuery.all(1000)).stream()
                .filter(e -> e.kind().equals("CHECK")).count();
    }
}
