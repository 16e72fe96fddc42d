package dev.outreach.web.console;

import dev.outreach.store.Touch;
import dev.outreach.policy.Verdict;
import dev.outreach.report.FollowUp;
import dev.outreach.report.FollowUpStatus;
import dev.outreach.testing.MutableClock;
import dev.outreach.web.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rep console in a real browser against the real server: a rep signs in, opens an overdue
 * thank-you, sees the preview and the live decision, sends it and sees it leave the overdue list;
 * a suppressed address shows the BLOCK explained. Over plain HTTP: another rep's follow-up is a 403,
 * a send without the CSRF token or without a required field sends nothing, and the funnel page
 * draws its chart.
 *
 * <p>Now is Wednesday 11 March 2026 15:00 UTC; the leads came in on Tuesday at 09:00, 30 hours
 * ago, so their 24-hour thank-you was due at 09:00 today.
 */
class RepConsoleTest {

    private static final String TEMPLATE = "lead-generation-thank-you";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    static Path dir;
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-11T15:00:00Z"));
    static RunningGateway gw;
    static WebDriver browser;
    static String rep;
    static String otherRep;
    static String integration;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gw = RunningGateway.start(dir, Map.of(), CLOCK);
        rep = gw.key("rep-console", "REP");
        otherRep = gw.key("rep-other", "REP");
        integration = gw.key("crm-sync", "INTEGRATION");
        String compliance = gw.key("compliance-1", "COMPLIANCE");
        for (String id : List.of("rc-overdue", "rc-suppressed", "rc-csrf", "rc-missing")) {
            lead(rep, id, "2026-03-10T09:00:00Z");
        }
        lead(rep, "rc-due", "2026-03-11T14:00:00Z");
        lead(otherRep, "rc-other", "2026-03-10T09:00:00Z");
        RunningGateway.Reply suppressed = gw.post("/api/v1/suppressions", compliance,
                "{\"type\":\"EMAIL\",\"value\":\"rc-suppressed@example.com\",\"reason\":\"UNSUBSCRIBE\","
                        + "\"source\":\"test\"}");
        assertThat(suppressed.status()).as(suppressed.body()).isEqualTo(201);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void aRepOpensAnOverdueFollowUpSeesThePreviewAndDecisionSendsItAndItLeavesTheOverdueList() {
        signIn();
        WebElement row = browser.findElement(By.id("follow-up-rc-overdue"));
        assertThat(row.getAttribute("class")).contains("overdue");
        assertThat(browser.findElement(By.id("status-rc-overdue")).getText()).contains("OVERDUE").contains("6h 0m");
        assertThat(browser.findElement(By.id("status-rc-due")).getText()).isEqualTo("DUE");
        assertThat(browser.getPageSource()).as("another rep's lead").doesNotContain("rc-other");

        Browser.clickToLoad(browser, browser.findElement(By.id("open-rc-overdue")));

        assertThat(browser.findElement(By.id("lead-id")).getText()).isEqualTo("rc-overdue");
        assertThat(browser.findElement(By.id("preview-subject")).getText()).startsWith("Thank you for your interest");
        assertThat(browser.findElement(By.id("preview-text")).getText()).as("the rep's own name fills repName")
                .contains("rep-console");
        assertThat(browser.findElement(By.id("decision")).getText()).isEqualTo("ALLOW");
        assertThat(browser.findElement(By.id("rule-canspam-suppression")).getText()).contains("PASS")
                .contains("15 USC 7704(a)(4)");
        WebElement repName = browser.findElement(By.id("field-repName"));
        assertThat(repName.getAttribute("aria-required")).isEqualTo("true");
        assertThat(repName.getAttribute("value")).isEqualTo("rep-console");
        assertThat(browser.findElement(By.cssSelector("label[for='field-repName']")).getText())
                .startsWith("Your name").contains("(required)");
        assertThat(browser.findElement(By.cssSelector("label[for='field-repTitle']")).getText())
                .doesNotContain("required");

        repName.clear();
        repName.sendKeys("Sam Carter");
        Browser.clickToLoad(browser, browser.findElement(By.id("update-preview")));

        assertThat(browser.findElement(By.id("preview-text")).getText()).contains("Hi Ann").contains("Sam Carter");
        assertThat(browser.findElement(By.id("field-repName")).getAttribute("value")).isEqualTo("Sam Carter");
        browser.switchTo().frame(browser.findElement(By.id("preview-html")));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Hi Ann").contains("Sam Carter");
        browser.switchTo().defaultContent();

        Browser.clickToLoad(browser, browser.findElement(By.id("send")));

        assertThat(browser.findElement(By.id("result-title")).getText()).isEqualTo("Sent");
        assertThat(browser.findElement(By.id("decision")).getText()).isEqualTo("ALLOW");
        String messageId = browser.findElement(By.id("message-id")).getText();
        assertThat(messageId).isNotBlank();
        assertThat(gw.gateway.store().outbox().find(messageId)).isPresent();
        assertThat(touches("rc-overdue")).extracting(Touch::decision).containsExactly(Verdict.ALLOW);

        Browser.clickToLoad(browser, browser.findElement(By.id("back-to-list")));

        assertThat(browser.findElement(By.id("follow-ups-title")).getText()).isEqualTo("My follow-ups");
        assertThat(browser.getPageSource()).doesNotContain("id=\"follow-up-rc-overdue\"");
        assertThat(browser.findElement(By.id("follow-up-rc-suppressed")).getAttribute("class")).contains("overdue");
    }

    @Test
    void aSuppressedAddressShowsTheBlockExplainedOnTheFollowUpAndOnTheSendResult() {
        signIn();
        Browser.clickToLoad(browser, browser.findElement(By.id("open-rc-suppressed")));

        assertThat(browser.findElement(By.id("decision")).getText()).isEqualTo("BLOCK");
        assertThat(browser.findElement(By.id("blocking-rules")).getText()).isEqualTo("canspam.suppression");
        WebElement rule = browser.findElement(By.id("rule-canspam-suppression"));
        assertThat(rule.getAttribute("data-outcome")).isEqualTo("BLOCK");
        assertThat(rule.findElement(By.className("citation")).getText()).isEqualTo("15 USC 7704(a)(4)");
        assertThat(rule.getText()).contains("suppressed for commercial email");
        assertThat(browser.findElement(By.id("next-allowed-at")).getText()).contains("lifts only when its cause does");

        browser.findElement(By.id("field-repName")).clear();
        browser.findElement(By.id("field-repName")).sendKeys("Sam Carter");
        Browser.clickToLoad(browser, browser.findElement(By.id("send")));

        assertThat(browser.findElement(By.id("result-title")).getText()).isEqualTo("Blocked: not sent");
        assertThat(browser.findElement(By.id("decision")).getText()).isEqualTo("BLOCK");
        assertThat(browser.findElement(By.id("rule-canspam-suppression")).findElement(By.className("citation"))
                .getText()).isEqualTo("15 USC 7704(a)(4)");
        assertThat(browser.findElement(By.id("not-sent")).getText()).contains("Nothing was sent");
        assertThat(browser.getPageSource()).doesNotContain("id=\"message-id\"");
        assertThat(touches("rc-suppressed")).extracting(Touch::decision).containsExactly(Verdict.BLOCK);

        Browser.clickToLoad(browser, browser.findElement(By.id("back-to-list")));

        assertThat(browser.findElement(By.id("status-rc-suppressed")).getText()).contains("OVERDUE");
        assertThat(browser.findElement(By.id("blocked-rc-suppressed")).getText()).contains("canspam.suppression")
                .contains("once the cause is lifted");
    }

    @Test
    void aRepCannotOpenOrSendAnotherRepsFollowUp() {
        String session = session(rep);

        HttpResponse<String> open = request("GET", "/ui/follow-ups/rc-other", session, null);
        assertThat(open.statusCode()).isEqualTo(403);
        assertThat(open.body()).contains("belongs to another rep").doesNotContain("rc-other@example.com");

        String csrf = csrf(request("GET", "/ui/follow-ups/rc-due", session, null).body());
        HttpResponse<String> send = request("POST", "/ui/follow-ups/rc-other/send", session,
                form("csrf", csrf, "template", TEMPLATE, "data.repName", "Sam Carter"));
        assertThat(send.statusCode()).isEqualTo(403);
        assertThat(send.body()).contains("Nothing was sent");
        assertThat(touches("rc-other")).isEmpty();

        String otherSession = session(otherRep);
        assertThat(request("GET", "/ui/follow-ups/rc-other", otherSession, null).statusCode()).isEqualTo(200);
        HttpResponse<String> everyLead = request("GET", "/ui/follow-ups", session(integration), null);
        assertThat(everyLead.body()).as("INTEGRATION sees every rep's follow-ups")
                .contains("id=\"follow-up-rc-other\"").contains("id=\"follow-up-rc-due\"");
    }

    @Test
    void theSendFormWithoutItsCsrfTokenIsRefusedAndNothingIsSent() {
        String session = session(rep);

        HttpResponse<String> without = request("POST", "/ui/follow-ups/rc-csrf/send", session,
                form("template", TEMPLATE, "data.repName", "Sam Carter"));
        HttpResponse<String> forged = request("POST", "/ui/follow-ups/rc-csrf/send", session,
                form("csrf", "forged", "template", TEMPLATE, "data.repName", "Sam Carter"));

        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(without.body()).contains("CSRF");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(touches("rc-csrf")).isEmpty();
        assertThat(followUp("rc-csrf").status()).isEqualTo(FollowUpStatus.OVERDUE);
    }

    @Test
    void aMissingRequiredFieldIsNamedAndNothingIsSent() {
        String session = session(rep);
        String csrf = csrf(request("GET", "/ui/follow-ups/rc-missing", session, null).body());

        HttpResponse<String> send = request("POST", "/ui/follow-ups/rc-missing/send", session,
                form("csrf", csrf, "template", TEMPLATE, "data.repName", "  ", "sendToken",
                        "0123456789abcdef-token"));

        assertThat(send.statusCode()).isEqualTo(422);
        assertThat(send.body()).contains("id=\"missing-fields\">repName<").contains("Nothing was sent");
        assertThat(touches("rc-missing")).isEmpty();

        HttpResponse<String> fixed = request("POST", "/ui/follow-ups/rc-missing/send", session,
                form("csrf", csrf, "template", TEMPLATE, "data.repName", "Sam Carter", "sendToken",
                        "0123456789abcdef-token"));
        HttpResponse<String> again = request("POST", "/ui/follow-ups/rc-missing/send", session,
                form("csrf", csrf, "template", TEMPLATE, "data.repName", "Sam Carter", "sendToken",
                        "0123456789abcdef-token"));

        assertThat(fixed.statusCode()).isEqualTo(200);
        assertThat(fixed.body()).contains("id=\"decision\" class=\"ALLOW\"");
        assertThat(again.body()).as("the same form sent twice").contains("id=\"replayed\"");
        assertThat(touches("rc-missing")).as("sent once").hasSize(1);
    }

    @Test
    void theFunnelPageDrawsABarPerStageBesideItsTable() {
        String session = session(rep);

        HttpResponse<String> page = request("GET", "/ui/funnel", session, null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<svg id=\"funnel-chart\"").doesNotContain("<script");
        assertThat(page.body()).contains("id=\"bar-LEAD_GENERATION\" data-stage=\"LEAD_GENERATION\" data-value=\"");
        assertThat(page.body()).contains("id=\"bar-POST_SALE\" data-stage=\"POST_SALE\" data-value=\"0\"");
        assertThat(page.body()).contains("id=\"stage-LEAD_GENERATION\"");
        assertThat(page.body()).as("a rep's funnel has only its own five leads")
                .contains("<td class=\"entered\">5</td>");
        assertThat(request("GET", "/ui/funnel?from=yesterday", session, null).statusCode()).isEqualTo(400);
    }

    // ---- helpers ----

    private static void signIn() {
        browser.get(gw.baseUrl() + "/ui/sign-in");
        browser.findElement(By.id("apiKey")).sendKeys(rep);
        Browser.clickToLoad(browser, browser.findElement(By.id("sign-in")));
        browser.findElement(By.id("follow-ups-title"));
        assertThat(browser.getCurrentUrl()).endsWith("/ui/follow-ups");
    }

    private static void lead(String key, String id, String createdAt) {
        RunningGateway.Reply r = gw.post("/api/v1/leads", key, "{\"id\":\"" + id + "\",\"email\":\"" + id
                + "@example.com\",\"firstName\":\"Ann\",\"company\":\"Globex\",\"country\":\"US\",\"createdAt\":\""
                + createdAt + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static List<Touch> touches(String leadId) {
        return gw.gateway.sales().funnel().touches(leadId);
    }

    private static FollowUp followUp(String leadId) {
        return gw.gateway.sales().reports().followUps(null, null).stream().filter(f -> f.leadId().equals(leadId))
                .findFirst().orElseThrow();
    }

    /** Signs in through the sign-in form over HTTP and returns the session cookie's value. */
    private static String session(String apiKey) {
        HttpResponse<String> r = request("POST", "/ui/sign-in", null, form("apiKey", apiKey));
        assertThat(r.statusCode()).isEqualTo(303);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a form with the CSRF token").isTrue();
        return m.group(1);
    }

    private static String form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            b.append(b.isEmpty() ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private static HttpResponse<String> request(String method, String path, String session, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.baseUrl() + path)).method(method,
                form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (session != null) {
            b.header("Cookie", ConsoleAccess.COOKIE + "=" + session);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
