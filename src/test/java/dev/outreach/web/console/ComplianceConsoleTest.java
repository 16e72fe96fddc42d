package dev.outreach.web.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.outreach.Gateway;
import dev.outreach.audit.AuditExport;
import dev.outreach.config.ConfigKey;
import dev.outreach.testing.MutableClock;
import dev.outreach.web.RunningGateway;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compliance console in headless Chromium against the real server, on a clock set to a Florida
 * evening (Tuesday 2026-11-24, 20:30 Eastern): a call blocked by Florida's calling hours is found
 * by its number typed as a person types it, read in full, and exported as the API exports it.
 */
class ComplianceConsoleTest {

    static final Instant FLORIDA_EVENING = Instant.parse("2026-11-25T01:30:00Z");
    static final String TYPED_NUMBER = "(305) 555-0123";
    static final ObjectMapper JSON = Gateway.objectMapper();

    @TempDir
    static Path dir;
    static RunningGateway gw;
    static WebDriver browser;
    static String crm;
    static String compliance;

    @BeforeAll
    static void start() throws Exception {
        // no national-dnc folder: the registry is missing, which /ui/lists must flag
        Path phone = Files.createDirectories(dir.resolve("lists/phone"));
        Files.writeString(phone.resolve("company.txt"), "+13055550199\n12\n+13055550198\n");
        Files.setLastModifiedTime(phone.resolve("company.txt"), FileTime.from(Instant.parse("2026-11-20T12:00:00Z")));
        Files.writeString(phone.resolve("old.txt"), "+13055550197\n");
        Files.setLastModifiedTime(phone.resolve("old.txt"), FileTime.from(Instant.parse("2026-09-01T12:00:00Z")));
        gw = RunningGateway.start(dir, Map.of(ConfigKey.AUDIT_CHECKPOINT_EVERY_ENTRIES, "2"),
                new MutableClock(FLORIDA_EVENING));
        crm = gw.key("crm", "INTEGRATION");
        compliance = gw.key("officer", "COMPLIANCE");

        lead("fl-evening", TYPED_NUMBER);
        lead("fl-other", "(305) 555-0124");
        Reply blocked = call("fl-evening");
        assertThat(blocked.status()).as(blocked.body()).isEqualTo(200);
        assertThat(blocked.text("decision")).isEqualTo("BLOCK");
        assertThat(blocked.body()).contains("state.calling-hours");
        assertThat(call("fl-other").status()).isEqualTo(200);
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

    @BeforeEach
    void signedOut() {
        browser.get(gw.baseUrl() + "/ui/sign-in");
        browser.manage().deleteAllCookies();
    }

    private static void lead(String id, String phone) {
        Reply r = gw.post("/api/v1/leads", crm, "{\"id\":\"" + id + "\",\"phone\":\"" + phone + "\",\"region\":\"FL\","
                + "\"source\":\"INQUIRY\",\"createdAt\":\"2026-11-01T15:00:00Z\",\"owner\":\"rep-1\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static Reply call(String leadId) {
        return gw.post("/api/v1/calls", crm, "{\"leadId\":\"" + leadId
                + "\",\"purpose\":\"TELEMARKETING\",\"dialer\":\"MANUAL\"}");
    }

    private static void signIn(String key) {
        browser.get(gw.baseUrl() + "/ui/sign-in");
        browser.findElement(By.id("apiKey")).sendKeys(key);
        clickAndWait(browser.findElement(By.id("sign-in")));
    }

    /** Clicks something that loads another page and waits until the old page is gone. */
    private static void clickAndWait(WebElement element) {
        Browser.clickToLoad(browser, element);
    }

    private static String sessionCookie() {
        Cookie c = browser.manage().getCookieNamed(ConsoleAccess.COOKIE);
        assertThat(c).isNotNull();
        return ConsoleAccess.COOKIE + "=" + c.getValue();
    }

    @Test
    void anOfficerFindsTheBlockedCallByItsNumberReadsWhyAndExportsWhatTheApiReturns() throws IOException {
        signIn(compliance);
        assertThat(browser.getCurrentUrl()).endsWith("/ui/audit");

        browser.findElement(By.id("recipient")).sendKeys(TYPED_NUMBER);
        clickAndWait(browser.findElement(By.id("search")));

        List<WebElement> rows = browser.findElements(By.cssSelector("#results tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("DECISION", "CALL", "+13055550123", "BLOCK",
                "state.calling-hours");
        clickAndWait(rows.get(0).findElement(By.className("entry-link")));

        String rule = browser.findElement(By.id("rule-state.calling-hours")).getText();
        assertThat(rule).contains("BLOCK", "20:30", "Fla. Stat. 501.616(6)");
        assertThat(browser.findElement(By.id("decision")).getText()).isEqualTo("BLOCK");
        assertThat(browser.findElement(By.id("local-times")).getText())
                .contains("America/New_York", "Tue 2026-11-24 20:30");
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("Policy version", "Idempotency key", "National DNC registry version",
                "no registry data in force", "Location", "matches");

        browser.navigate().back();
        String exportUrl = browser.findElement(By.id("export-csv")).getAttribute("href");
        URI export = URI.create(exportUrl);
        assertThat(export.getPath()).isEqualTo("/ui/audit/export.csv");
        Reply csv = gw.call("GET", export.getRawPath() + "?" + export.getRawQuery(), null, null,
                "Cookie", sessionCookie());
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");

        Reply api = gw.get("/api/v1/audit?recipient=" + URLEncoder.encode(TYPED_NUMBER, StandardCharsets.UTF_8),
                compliance);
        assertThat(api.status()).isEqualTo(200);
        List<Map<String, String>> csvRows = csvRows(csv.body());
        JsonNode entries = api.json().path("entries");
        assertThat(csvRows).hasSize(entries.size()).isNotEmpty();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            Map<String, String> row = csvRows.get(i);
            for (String column : List.of("seq", "id", "at", "kind", "actor", "recipient", "recipientKey", "leadId",
                    "channel", "decision", "policyVersion", "prevHash", "hash")) {
                assertThat(row.get(column)).as(column).isEqualTo(e.path(column).asText(""));
            }
            List<String> rules = new ArrayList<>();
            e.path("rules").forEach(r -> rules.add(r.asText()));
            assertThat(row.get("rules")).isEqualTo(String.join(",", rules));
            assertThat(JSON.readTree(row.get("detail"))).isEqualTo(e.path("detail"));
        }
        assertThat(csvRows).anySatisfy(r -> {
            assertThat(r.get("decision")).isEqualTo("BLOCK");
            assertThat(r.get("rules")).contains("state.calling-hours");
        });
    }

    @Test
    void anEmailEntryShowsTheMessageAsSentAsEscapedText() {
        Reply created = gw.post("/api/v1/leads", crm, "{\"id\":\"mail-1\",\"email\":\"ann@example.org\",\"country\":\"US\","
                + "\"firstName\":\"<b>Ann</b>\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Reply sent = gw.post("/api/v1/emails", crm, "{\"leadId\":\"mail-1\",\"template\":\"lead-generation-thank-you\","
                + "\"data\":{\"repName\":\"Bob\"}}");
        assertThat(sent.text("decision")).as(sent.body()).isEqualTo("ALLOW");

        signIn(compliance);
        browser.findElement(By.id("recipient")).sendKeys("ANN@example.org");
        clickAndWait(browser.findElement(By.id("search")));
        clickAndWait(browser.findElement(By.cssSelector("#results tbody tr .entry-link")));

        assertThat(browser.findElement(By.id("message-headers")).getText())
                .contains("To: ann@example.org", "Subject:");
        String text = browser.findElement(By.id("message-text")).getText();
        assertThat(text).contains("Bob", "<b>Ann</b>");
        assertThat(browser.findElement(By.id("message-text")).getDomProperty("innerHTML")).contains("&lt;b&gt;Ann");
    }

    @Test
    void theNextPageLinkContinuesTheSameSearchFromTheCursor() {
        lead("fl-paged", "(305) 555-0125");
        for (int i = 0; i < AuditPages.PAGE_SIZE + 4; i++) {
            assertThat(call("fl-paged").status()).isEqualTo(200);
        }

        signIn(compliance);
        browser.findElement(By.id("leadId")).sendKeys("fl-paged");
        new Select(browser.findElement(By.id("channel"))).selectByValue("CALL");
        clickAndWait(browser.findElement(By.id("search")));
        List<WebElement> first = browser.findElements(By.cssSelector("#results tbody tr"));
        assertThat(first).hasSize(AuditPages.PAGE_SIZE);
        String lastOfFirst = first.get(first.size() - 1).getDomAttribute("data-entry");

        clickAndWait(browser.findElement(By.id("next-page")));

        assertThat(browser.getCurrentUrl()).contains("leadId=fl-paged", "channel=CALL", "cursor=");
        List<WebElement> second = browser.findElements(By.cssSelector("#results tbody tr"));
        assertThat(second).hasSize(4);
        assertThat(second).noneMatch(r -> lastOfFirst.equals(r.getDomAttribute("data-entry")));
        assertThat(browser.findElement(By.id("export-csv")).getDomAttribute("href")).doesNotContain("cursor");
        assertThat(new Select(browser.findElement(By.id("channel"))).getFirstSelectedOption().getText())
                .isEqualTo("CALL");
    }

    @Test
    void theChainPageShowsTheVerdictAndTheLastCheckpoint() {
        signIn(compliance);
        clickAndWait(browser.findElement(By.id("verify-chain")));

        assertThat(browser.findElement(By.id("chain-verdict")).getText()).startsWith("OK");
        assertThat(browser.findElement(By.id("last-checkpoint")).getText()).startsWith("entry ");
    }

    @Test
    void aRepCannotOpenTheAuditPages() {
        String rep = gw.key("rep-1", "REP");
        signIn(rep);
        browser.get(gw.baseUrl() + "/ui/audit");
        assertThat(browser.findElement(By.id("forbidden-title")).getText()).isEqualTo("This page is not for your role");
        assertThat(browser.findElement(By.id("forbidden-roles")).getText())
                .isEqualTo("The page /ui/audit is for: COMPLIANCE (compliance officer), ADMIN (administrator).");
        assertThat(browser.findElement(By.tagName("header")).getText()).as("the console's own header")
                .contains("My follow-ups");

        String cookie = sessionCookie();
        assertThat(gw.call("GET", "/ui/audit", null, null, "Cookie", cookie).status()).isEqualTo(403);
        assertThat(gw.call("GET", "/ui/audit/export.csv", null, null, "Cookie", cookie).status()).isEqualTo(403);
        assertThat(gw.call("GET", "/ui/lists", null, null, "Cookie", cookie).status()).isEqualTo(403);
        assertThat(gw.call("GET", "/ui/audit/export.csv", null, null).status()).isEqualTo(303);
    }

    @Test
    void theListsPageWarnsThatTheRegistryIsMissingAndShowsEachListsState() {
        signIn(compliance);
        clickAndWait(browser.findElement(By.linkText("Suppression lists")));

        assertThat(browser.findElement(By.id("registry-warning")).getText())
                .contains("WARNING", "no national registry data is in force");
        assertThat(browser.findElement(By.id("registry-as-of")).getText()).isEqualTo("missing");

        String company = browser.findElement(By.cssSelector("tr[data-list='phone/company.txt']")).getText();
        assertThat(company).contains("PHONE", "LOADED", "line 2", "2026-11-20");
        assertThat(company).doesNotContain("STALE");
        String old = browser.findElement(By.cssSelector("tr[data-list='phone/old.txt']")).getText();
        assertThat(old).contains("STALE", "84 days old");
    }

    @Test
    void aBadFilterIsExplainedOnThePage() {
        signIn(compliance);
        browser.get(gw.baseUrl() + "/ui/audit?recipient=" + URLEncoder.encode("not a number", StandardCharsets.UTF_8)
                + "&from=yesterday");

        String errors = browser.findElement(By.id("search-errors")).getText();
        assertThat(errors).contains("Recipient must be an email address or a phone number", "From must be");
        assertThat(browser.findElement(By.id("recipient")).getAttribute("value")).isEqualTo("not a number");
    }

    private static List<Map<String, String>> csvRows(String body) throws IOException {
        CsvMapper mapper = new CsvMapper();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
            it.forEachRemaining(rows::add);
        }
        assertThat(rows).allSatisfy(r -> assertThat(r.keySet()).containsExactlyElementsOf(AuditExport.CSV_COLUMNS));
        return rows;
    }
}
