package dev.outreach.web.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.config.ConfigKey;
import dev.outreach.testing.MutableClock;
import dev.outreach.web.Problem;
import dev.outreach.web.RunningGateway;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Console sessions on the real server: a revoked key ends its sessions at once (and a revocation the
 * instance did not see itself within the key-check cache), idle and absolute lifetimes, the ADMIN's
 * list and end, audited sign-in and sign-out, the failed sign-in throttle, and audit actors that name
 * people and are found by name or key id, in the API and the console.
 */
class ConsoleSessionTest {

    private static final Instant START = Instant.parse("2026-11-27T09:00:00Z");
    private static final String UA = "HardenTest/1.0 (console)";

    @TempDir
    Path dir;
    MutableClock clock;
    RunningGateway gw;

    @BeforeEach
    void start() {
        clock = new MutableClock(START);
        gw = RunningGateway.start(dir, Map.of(ConfigKey.CONSOLE_SESSION_IDLE, "PT8H",
                ConfigKey.CONSOLE_SESSION_LIFETIME, "PT12H"), clock);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private record Key(String id, String plaintext) {
    }

    private Key key(String name, String role) {
        Reply r = gw.post("/api/v1/keys", RunningGateway.ADMIN_KEY, "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        assertThat(r.status()).isEqualTo(201);
        return new Key(r.text("id"), r.text("key"));
    }

    private Reply signIn(String apiKey) {
        return gw.call("POST", "/ui/sign-in", null, "apiKey=" + URLEncoder.encode(apiKey, StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "User-Agent", UA);
    }

    private int auditPage(String cookie) {
        return gw.call("GET", "/ui/audit", null, null, "Cookie", cookie).status();
    }

    /** Signs in and returns the session cookie ("og_session=..."). */
    private String signInCookie(String apiKey) {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        try {
            java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(gw.baseUrl() + "/ui/sign-in"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("User-Agent", UA)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("apiKey="
                            + URLEncoder.encode(apiKey, StandardCharsets.UTF_8))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
            return r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRevokedKeyEndsItsConsoleSessionOnTheVeryNextRequest() {
        Key officer = key("olga", "COMPLIANCE");
        String cookie = signInCookie(officer.plaintext());
        assertThat(auditPage(cookie)).isEqualTo(200);

        assertThat(gw.call("DELETE", "/api/v1/keys/" + officer.id(), RunningGateway.ADMIN_KEY, null).status())
                .isEqualTo(204);

        Reply after = gw.call("GET", "/ui/audit", null, null, "Cookie", cookie);
        assertThat(after.status()).isEqualTo(303);
        assertThat(gw.get("/api/v1/sessions", RunningGateway.ADMIN_KEY).json().path("sessions")).isEmpty();
    }

    @Test
    void aRevocationThisInstanceDidNotSeeEndsTheSessionOnceTheKeyCheckCacheExpires() {
        Key officer = key("olga", "COMPLIANCE");
        String cookie = signInCookie(officer.plaintext());
        // Another instance sharing the database revokes the key: only the store knows.
        gw.gateway.store().apiKeys().revoke(officer.id(), clock.instant());

        clock.advance(ConsoleSessions.KEY_CHECK_CACHE.plusMillis(1));

        assertThat(auditPage(cookie)).isEqualTo(303);
    }

    @Test
    void aSessionEndsAfterItsAbsoluteLifetimeHoweverActiveAndAfterEightIdleHours() {
        Key officer = key("olga", "COMPLIANCE");
        String busy = signInCookie(officer.plaintext());
        for (int hour = 1; hour < 12; hour++) {
            clock.advance(Duration.ofHours(1));
            assertThat(auditPage(busy)).as("hour %d", hour).isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(59));
        assertThat(auditPage(busy)).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        assertThat(auditPage(busy)).as("12 h after sign-in").isEqualTo(303);

        String idle = signInCookie(officer.plaintext());
        clock.advance(Duration.ofHours(8).minusSeconds(1));
        assertThat(auditPage(idle)).isEqualTo(200);
        clock.advance(Duration.ofHours(8).plusSeconds(1));
        assertThat(auditPage(idle)).as("8 h without a request").isEqualTo(303);
    }

    @Test
    void anAdminListsSessionsWithKeyNameRoleIpAndSignInTimeAndEndsOne() {
        Key ann = key("ann", "REP");
        Key olga = key("olga", "COMPLIANCE");
        String annCookie = signInCookie(ann.plaintext());
        clock.advance(Duration.ofMinutes(1));
        String olgaCookie = signInCookie(olga.plaintext());

        Reply list = gw.get("/api/v1/sessions", RunningGateway.ADMIN_KEY);
        assertThat(list.status()).isEqualTo(200);
        JsonNode sessions = list.json().path("sessions");
        assertThat(sessions).hasSize(2);
        JsonNode first = sessions.get(0);
        assertThat(first.path("keyName").asText()).isEqualTo("ann");
        assertThat(first.path("keyId").asText()).isEqualTo(ann.id());
        assertThat(first.path("role").asText()).isEqualTo("REP");
        assertThat(first.path("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(first.path("userAgent").asText()).isEqualTo(UA);
        assertThat(first.path("signedInAt").asText()).isEqualTo(START.toString());
        assertThat(first.path("expiresAt").asText()).isEqualTo(START.plus(Duration.ofHours(12)).toString());
        assertThat(list.body()).doesNotContain(annCookie.split("=", 2)[1]);

        assertThat(gw.call("DELETE", "/api/v1/sessions/" + sessions.get(1).path("id").asText(),
                RunningGateway.ADMIN_KEY, null).status()).isEqualTo(204);
        assertThat(auditPage(olgaCookie)).isEqualTo(303);
        assertThat(gw.call("GET", "/ui/follow-ups", null, null, "Cookie", annCookie).status()).isEqualTo(200);

        Reply unknown = gw.call("DELETE", "/api/v1/sessions/no-such-session", RunningGateway.ADMIN_KEY, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith(Problem.CONTENT_TYPE);
        assertThat(gw.get("/api/v1/sessions", ann.plaintext()).status()).isEqualTo(403);
        assertThat(gw.get("/api/v1/sessions", olga.plaintext()).status()).isEqualTo(403);
        JsonNode ended = gw.get("/api/v1/audit?kind=SESSION_ENDED", RunningGateway.ADMIN_KEY).json().path("entries");
        assertThat(ended).singleElement().satisfies(e -> assertThat(e.path("detail").path("keyName").asText())
                .isEqualTo("olga"));
    }

    @Test
    void signInAndSignOutAreAuditedWithKeyNameRoleClientIpAndUserAgent() {
        Key ann = key("ann", "REP");
        String cookie = signInCookie(ann.plaintext());
        String page = gw.call("GET", "/ui/follow-ups", null, null, "Cookie", cookie).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        assertThat(gw.call("POST", "/ui/sign-out", null, "csrf=" + csrf.group(1), "Content-Type",
                "application/x-www-form-urlencoded", "Cookie", cookie).status()).isEqualTo(303);
        assertThat(signIn("og_not-a-key").status()).isEqualTo(401);

        for (String kind : List.of("SIGNED_IN", "SIGNED_OUT")) {
            JsonNode entry = gw.get("/api/v1/audit?kind=" + kind, RunningGateway.ADMIN_KEY).json().path("entries").get(0);
            assertThat(entry.path("actor").asText()).as(kind).isEqualTo("ann (REP, key:" + ann.id() + ")");
            JsonNode detail = entry.path("detail");
            assertThat(detail.path("keyName").asText()).isEqualTo("ann");
            assertThat(detail.path("keyId").asText()).isEqualTo(ann.id());
            assertThat(detail.path("role").asText()).isEqualTo("REP");
            assertThat(detail.path("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(detail.path("userAgent").asText()).isEqualTo(UA);
        }
        JsonNode refused = gw.get("/api/v1/audit?kind=SIGN_IN_REFUSED", RunningGateway.ADMIN_KEY).json()
                .path("entries").get(0);
        assertThat(refused.path("detail").path("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(refused.toString()).doesNotContain("og_not-a-key");
        assertThat(gw.get("/api/v1/audit/verify", RunningGateway.ADMIN_KEY).json().path("ok").asBoolean()).isTrue();
    }

    @Test
    void repeatedFailedSignInsFromOneAddressAreAnswered429WithRetryAfterUntilTheWindowPasses() {
        Key ann = key("ann", "REP");
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("wrong-" + i).status()).as("failure %d", i + 1).isEqualTo(401);
        }
        clock.advance(Duration.ofMinutes(5));
        Reply throttled = signIn(ann.plaintext());
        assertThat(throttled.status()).as("even a valid key waits").isEqualTo(429);
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        try {
            java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(gw.baseUrl() + "/ui/sign-in"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("apiKey=wrong")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(429);
            long retryAfter = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).as("the rest of the 15 min window").isBetween(599L, 601L);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        clock.advance(Duration.ofMinutes(10));
        assertThat(signIn(ann.plaintext()).status()).as("after the window").isEqualTo(303);
    }

    @Test
    void theAuditLogNamesThePersonAndFindsThemByNameOrKeyIdInTheApiAndTheConsole() {
        Key ann = key("ann", "INTEGRATION");
        Key bob = key("bob", "INTEGRATION");
        assertThat(gw.post("/api/v1/checks", ann.plaintext(), "{\"channel\":\"EMAIL\",\"email\":\"kim@example.com\","
                + "\"purpose\":\"COMMERCIAL\"}").status()).isEqualTo(200);
        assertThat(gw.post("/api/v1/checks", bob.plaintext(), "{\"channel\":\"EMAIL\",\"email\":\"kim@example.com\","
                + "\"purpose\":\"COMMERCIAL\"}").status()).isEqualTo(200);

        for (String term : List.of("ann", ann.id(), "key:" + ann.id(), "ann (INTEGRATION, key:" + ann.id() + ")")) {
            JsonNode entries = gw.get("/api/v1/audit?kind=CHECK&actor=" + URLEncoder.encode(term, StandardCharsets.UTF_8),
                    RunningGateway.ADMIN_KEY).json().path("entries");
            List<String> actors = new ArrayList<>();
            entries.forEach(e -> actors.add(e.path("actor").asText()));
            assertThat(actors).as(term).containsExactly("ann (INTEGRATION, key:" + ann.id() + ")");
        }
        assertThat(gw.get("/api/v1/audit?kind=CHECK&actor=an", RunningGateway.ADMIN_KEY).json().path("entries"))
                .as("a name is matched whole").isEmpty();

        Key olga = key("olga", "COMPLIANCE");
        String cookie = signInCookie(olga.plaintext());
        String page = gw.call("GET", "/ui/audit?kind=CHECK&actor=ann", null, null, "Cookie", cookie).body();
        assertThat(page).contains("ann (INTEGRATION, key:" + ann.id() + ")").doesNotContain("bob (INTEGRATION");
    }
}
