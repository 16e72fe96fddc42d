package dev.outreach.web.console;

import dev.outreach.testing.MutableClock;
import dev.outreach.web.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console with more rows than a page, in real Chromium: the follow-up queue pages with a
 * keyset cursor, sorts, filters and searches; the audit search sorts newest or oldest first and
 * names actors; times follow the zone the viewer chose; every page fits 390 px and 1280 px
 * without horizontal scrolling (measured in the page).
 *
 * <p>Now is Wednesday 11 March 2026 15:00 UTC. 23 leads of one rep came in on Tuesday at 09:00
 * (their thank-you is overdue); every third is in ENGAGEMENT instead, and every other works at Globex.
 */
class ConsoleAtScaleTest {

    private static final int LEADS = 23;

    @TempDir
    static Path dir;
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-11T15:00:00Z"));
    static RunningGateway gw;
    static WebDriver browser;
    static String rep;
    static String compliance;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        gw = RunningGateway.start(dir, Map.of(), CLOCK);
        rep = gw.key("rep-scale", "REP");
        compliance = gw.key("officer-1", "COMPLIANCE");
        admin = RunningGateway.ADMIN_KEY;
        String crm = gw.key("crm-scale", "INTEGRATION");
        for (int i = 1; i <= LEADS; i++) {
            String id = String.format("sc-%02d", i);
            String stage = i % 3 == 0 ? "ENGAGEMENT" : "LEAD_GENERATION";
            String company = i % 2 == 0 ? "Globex" : "Initech";
            RunningGateway.Reply r = gw.post("/api/v1/leads", rep, "{\"id\":\"" + id + "\",\"email\":\"" + id
                    + "@example.com\",\"firstName\":\"Name" + (char) ('A' + (i * 7) % 26) + "\",\"lastName\":\"" + id
                    + "\",\"company\":\"" + company + "\",\"country\":\"US\",\"stage\":\"" + stage
                    + "\",\"createdAt\":\"2026-03-10T09:00:00Z\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        for (int i = 0; i < 3; i++) {
            RunningGateway.Reply check = gw.post("/api/v1/checks", crm, "{\"channel\":\"EMAIL\",\"email\":\"scan-" + i
                    + "@example.com\",\"purpose\":\"COMMERCIAL\"}");
            assertThat(check.status()).as(check.body()).isEqualTo(200);
        }
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

    @AfterEach
    void signOutAndResize() {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get(gw.baseUrl() + "/ui/sign-in");
        browser.manage().deleteAllCookies();
    }

    private static void signIn(String key) {
        browser.get(gw.baseUrl() + "/ui/sign-in");
        browser.findElement(By.id("apiKey")).sendKeys(key);
        Browser.clickToLoad(browser, browser.findElement(By.id("sign-in")));
    }

    private static List<String> leadsShown() {
        List<String> out = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#follow-ups tbody tr"))) {
            out.add(row.getDomAttribute("data-lead"));
        }
        return out;
    }

    private static void open(String path) {
        browser.get(gw.baseUrl() + path);
    }

    private static boolean fitsWithoutHorizontalScroll() {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth"));
    }

    @Test
    void theQueuePagesThroughEveryFollowUpWithAKeysetCursorAndNoRowTwice() {
        signIn(rep);
        open("/ui/follow-ups?size=10");
        List<String> seen = new ArrayList<>(leadsShown());
        assertThat(seen).hasSize(10);
        assertThat(browser.findElement(By.id("matching-count")).getText()).isEqualTo("23 of 23 follow-ups match.");

        Browser.clickToLoad(browser, browser.findElement(By.id("next-page")));
        assertThat(browser.getCurrentUrl()).contains("size=10", "cursor=");
        seen.addAll(leadsShown());
        Browser.clickToLoad(browser, browser.findElement(By.id("next-page")));
        List<String> last = leadsShown();
        seen.addAll(last);

        assertThat(last).hasSize(3);
        assertThat(browser.findElements(By.id("next-page"))).isEmpty();
        assertThat(browser.findElement(By.id("last-page")).getText()).contains("last page");
        assertThat(seen).hasSize(LEADS).doesNotHaveDuplicates();
        Browser.clickToLoad(browser, browser.findElement(By.id("first-page")));
        assertThat(leadsShown()).containsExactlyElementsOf(seen.subList(0, 10));
    }

    @Test
    void aColumnHeaderSortsAscendingThenDescendingAcrossPages() {
        signIn(rep);
        open("/ui/follow-ups?size=10");
        Browser.clickToLoad(browser, browser.findElement(By.id("sort-name")));
        List<String> names = new ArrayList<>();
        browser.findElements(By.cssSelector("#follow-ups tbody tr td:first-child a")).forEach(a -> names.add(a.getText()));
        Browser.clickToLoad(browser, browser.findElement(By.id("next-page")));
        browser.findElements(By.cssSelector("#follow-ups tbody tr td:first-child a")).forEach(a -> names.add(a.getText()));
        assertThat(names).hasSize(20).isSortedAccordingTo(Comparator.comparing(String::toLowerCase));
        assertThat(browser.findElement(By.id("sort-name")).getText()).endsWith("▲");

        Browser.clickToLoad(browser, browser.findElement(By.id("sort-name")));

        List<String> descending = new ArrayList<>();
        browser.findElements(By.cssSelector("#follow-ups tbody tr td:first-child a"))
                .forEach(a -> descending.add(a.getText()));
        assertThat(descending).hasSize(10)
                .isSortedAccordingTo(Comparator.comparing((String n) -> n.toLowerCase()).reversed());
        assertThat(browser.findElement(By.id("sort-name")).getText()).endsWith("▼");
        assertThat(browser.getCurrentUrl()).doesNotContain("cursor=").as("a new sort starts at the first page");
    }

    @Test
    void searchAndFiltersNarrowTheQueueByCompanyEmailStageAndStatus() {
        signIn(rep);
        open("/ui/follow-ups");
        browser.findElement(By.id("q")).sendKeys("GLOBEX");
        Browser.clickToLoad(browser, browser.findElement(By.id("apply-filter")));
        assertThat(leadsShown()).hasSize(11).allMatch(id -> Integer.parseInt(id.substring(3)) % 2 == 0);

        browser.findElement(By.id("q")).clear();
        browser.findElement(By.id("q")).sendKeys("sc-07@example");
        Browser.clickToLoad(browser, browser.findElement(By.id("apply-filter")));
        assertThat(leadsShown()).containsExactly("sc-07");

        browser.findElement(By.id("q")).clear();
        new Select(browser.findElement(By.id("stage"))).selectByValue("ENGAGEMENT");
        Browser.clickToLoad(browser, browser.findElement(By.id("apply-filter")));
        assertThat(leadsShown()).hasSize(7).allMatch(id -> Integer.parseInt(id.substring(3)) % 3 == 0);

        new Select(browser.findElement(By.id("stage"))).selectByValue("");
        new Select(browser.findElement(By.id("status"))).selectByValue("OVERDUE");
        new Select(browser.findElement(By.id("template"))).selectByValue("lead-generation-thank-you");
        Browser.clickToLoad(browser, browser.findElement(By.id("apply-filter")));
        assertThat(leadsShown()).hasSize(16).allMatch(id -> Integer.parseInt(id.substring(3)) % 3 != 0);
        assertThat(browser.findElements(By.cssSelector("#follow-ups tbody tr")))
                .allMatch(r -> "OVERDUE".equals(r.getDomAttribute("data-status")));
    }

    @Test
    void timesFollowTheZoneTheViewerChoseBesideUtcAndTheChoiceIsRemembered() {
        signIn(rep);
        open("/ui/follow-ups?q=sc-01@");
        WebElement deadline = browser.findElement(By.cssSelector("#follow-up-sc-01 .deadline"));
        assertThat(deadline.getText()).isEqualTo("2026-03-11 09:00 UTC");

        new Select(browser.findElement(By.id("time-zone"))).selectByValue("America/New_York");
        Browser.clickToLoad(browser, browser.findElement(By.id("set-time-zone")));

        assertThat(browser.getCurrentUrl()).as("back on the same page").endsWith("/ui/follow-ups?q=sc-01@");
        assertThat(browser.findElement(By.cssSelector("#follow-up-sc-01 .deadline")).getText())
                .isEqualTo("2026-03-11 09:00 UTC\nWed 2026-03-11 05:00 EDT");
        open("/ui/funnel");
        open("/ui/follow-ups?q=sc-01@");
        assertThat(browser.findElement(By.cssSelector("#follow-up-sc-01 .deadline .local")).getText())
                .isEqualTo("Wed 2026-03-11 05:00 EDT");
        assertThat(new Select(browser.findElement(By.id("time-zone"))).getFirstSelectedOption().getText())
                .isEqualTo("America/New_York");
    }

    @Test
    void theAuditSearchSortsNewestOrOldestFirstAndNamesTheActors() {
        signIn(compliance);
        open("/ui/audit?kind=CHECK");
        List<WebElement> rows = browser.findElements(By.cssSelector("#results tbody tr"));
        assertThat(rows).hasSize(3);
        long first = seq(rows.get(0));
        long last = seq(rows.get(2));
        assertThat(first).as("newest first by default").isGreaterThan(last);
        assertThat(rows.get(0).findElement(By.className("actor")).getText()).isEqualTo("crm-scale (INTEGRATION)");

        Browser.clickToLoad(browser, browser.findElement(By.id("sort-time")));

        List<WebElement> oldest = browser.findElements(By.cssSelector("#results tbody tr"));
        assertThat(seq(oldest.get(0))).isEqualTo(last);
        assertThat(new Select(browser.findElement(By.id("order"))).getFirstSelectedOption().getText())
                .isEqualTo("oldest first");
        browser.findElement(By.id("actor")).sendKeys("crm-scale");
        Browser.clickToLoad(browser, browser.findElement(By.id("search")));
        assertThat(browser.findElements(By.cssSelector("#results tbody tr"))).hasSize(3);
    }

    private static long seq(WebElement row) {
        return Long.parseLong(row.findElement(By.className("entry-link")).getText().substring(1));
    }

    @Test
    void everyConsolePageFitsA390PixelAndA1280PixelScreenWithoutHorizontalScrolling() {
        List<String> repPages = List.of("/ui/follow-ups", "/ui/follow-ups/sc-01", "/ui/funnel", "/ui/audit");
        List<String> officerPages = List.of("/ui/audit", "/ui/audit?kind=CHECK", "/ui/audit/chain", "/ui/lists");
        List<String> adminPages = List.of("/ui/events", "/ui/follow-ups?size=200");
        for (int width : List.of(390, 1280)) {
            browser.manage().window().setSize(new Dimension(width, 900));
            open("/ui/sign-in");
            assertThat(fitsWithoutHorizontalScroll()).as("sign-in at %d px", width).isTrue();
            for (Map.Entry<String, List<String>> who : Map.of(rep, repPages, compliance, officerPages, admin,
                    adminPages).entrySet()) {
                browser.manage().deleteAllCookies();
                signIn(who.getKey());
                for (String page : who.getValue()) {
                    open(page);
                    assertThat(browser.findElement(By.tagName("main")).isDisplayed()).isTrue();
                    assertThat(fitsWithoutHorizontalScroll()).as("%s at %d px", page, width).isTrue();
                }
            }
        }
    }

    @Test
    void theForbiddenPageIsAConsolePageNamingTheRolesThatMaySeeIt() {
        signIn(rep);
        open("/ui/events");

        assertThat(browser.findElement(By.id("forbidden-title")).getText()).isEqualTo("This page is not for your role");
        assertThat(browser.findElement(By.id("forbidden-roles")).getText())
                .isEqualTo("The page /ui/events is for: ADMIN (administrator).");
        assertThat(fitsWithoutHorizontalScroll()).isTrue();
    }
}
