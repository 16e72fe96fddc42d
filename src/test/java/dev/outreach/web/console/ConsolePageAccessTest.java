package dev.outreach.web.console;

import dev.outreach.gateway.Role;
import dev.outreach.web.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every page the console registered (not a hand-kept list): each answers with the console's
 * security headers, whatever the outcome; a role the page is not for is refused with the 403 page;
 * without a session a page sends the browser to sign in.
 */
class ConsolePageAccessTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    static Path dir;
    static RunningGateway gw;
    static final Map<Role, String> KEYS = new EnumMap<>(Role.class);
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        gw = RunningGateway.start(dir, Map.of());
        for (Role r : Role.values()) {
            KEYS.put(r, gw.key("walker-" + r.name().toLowerCase(), r.name()));
        }
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void everyConsolePageAnswersWithTheSecurityHeadersSignedInOrNot() throws Exception {
        List<ConsolePageTable.Page> pages = gw.server.consolePages();
        assertThat(pages).extracting(ConsolePageTable.Page::path)
                .contains("/ui", "/ui/sign-in", "/ui/audit", "/ui/follow-ups/{leadId}/send", "/ui/time-zone");
        for (ConsolePageTable.Page page : pages) {
            for (HttpResponse<String> answer : List.of(request(page, null), request(page, signIn(Role.ADMIN)))) {
                assertThat(answer.headers().firstValue("Content-Security-Policy"))
                        .as("%s %s", page.method(), page.path()).contains(ConsoleAccess.CSP);
                assertThat(answer.headers().firstValue("X-Frame-Options")).as(page.path()).contains("DENY");
                assertThat(answer.headers().firstValue("Cache-Control")).as(page.path()).contains("no-store");
                assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(page.path()).contains("nosniff");
            }
        }
    }

    @Test
    void aRoleAPageIsNotForIsRefusedWithTheForbiddenPageOnEveryRestrictedPage() throws Exception {
        List<String> refused = new ArrayList<>();
        for (ConsolePageTable.Page page : gw.server.consolePages()) {
            for (Role role : Role.values()) {
                if (page.roles().isEmpty() || page.roles().stream().anyMatch(role::satisfies)) {
                    continue;
                }
                HttpResponse<String> answer = request(page, signIn(role));
                assertThat(answer.statusCode()).as("%s %s as %s", page.method(), page.path(), role).isEqualTo(403);
                assertThat(answer.body()).as(page.path()).contains("id=\"forbidden-title\"")
                        .contains("a " + role.name() + " key");
                refused.add(page.method() + " " + page.path() + " " + role);
            }
        }
        assertThat(refused).contains("GET /ui/audit REP", "GET /ui/audit/export.csv INTEGRATION",
                "GET /ui/events COMPLIANCE", "POST /ui/follow-ups/{leadId}/send COMPLIANCE", "GET /ui/lists REP");
    }

    @Test
    void withoutASessionEveryRestrictedPageSendsTheBrowserToSignIn() throws Exception {
        int checked = 0;
        for (ConsolePageTable.Page page : gw.server.consolePages()) {
            if (page.roles().isEmpty() || !page.method().equals("GET")) {
                continue; // a POST without a session is refused by the CSRF check first
            }
            HttpResponse<String> answer = request(page, null);
            assertThat(answer.statusCode()).as(page.path()).isEqualTo(303);
            assertThat(answer.headers().firstValue("Location")).as(page.path()).contains("/ui/sign-in");
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
    }

    /** A new signed-in session with the key of the given role: its cookie and CSRF token. */
    private Session signIn(Role role) throws Exception {
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/ui/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("apiKey=" + URLEncoder.encode(KEYS.get(role),
                        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        // Every console page carries the token in its sign-out form; the 403 page does too.
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/ui/events"))
                .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("csrf token on the page for " + role).isTrue();
        return new Session(cookie, m.group(1));
    }

    private HttpResponse<String> request(ConsolePageTable.Page page, Session session) throws Exception {
        String path = page.path().replaceAll("\\{[^}]+}", "no-such-id");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.baseUrl() + path));
        if (session != null) {
            b.header("Cookie", session.cookie());
        }
        if (page.method().equals("POST")) {
            String form = session == null ? "" : "csrf=" + URLEncoder.encode(session.csrf(), StandardCharsets.UTF_8);
            b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.GET();
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Session(String cookie, String csrf) {
    }
}
