package dev.outreach.web.console;

import dev.outreach.config.ConfigKey;
import dev.outreach.gateway.DeliveryFeedback;
import dev.outreach.testing.MutableClock;
import dev.outreach.web.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's compliance report in headless Chromium against the real server: per sender domain
 * the daily complaint rate drawn with the 0.3 % Gmail/Yahoo line; a warning above 0.1 % and none
 * at or below it; the numbers in a table as well.
 *
 * <p>alpha.example: 1,000 messages sent on 25 Nov and 1 complaint (exactly 0.1 %, not above).
 * beta.example: 500 sent on 26 Nov and 1 complaint (0.2 %: above the warning, below the limit).
 * One more complaint, received on 27 Nov, names no message the gateway sent.
 */
class ComplianceReportPageTest {

    static final Instant NOV_25 = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    static Path dir;
    static RunningGateway gw;
    static WebDriver browser;
    static String officer;

    @BeforeAll
    static void start() throws Exception {
        MutableClock clock = new MutableClock(NOV_25);
        gw = RunningGateway.start(dir, Map.of(), clock);
        officer = gw.key("officer", "COMPLIANCE");
        sent("alpha", "alpha.example", 1000, NOV_25);
        sent("beta", "beta.example", 500, NOV_25.plus(Duration.ofDays(1)));
        clock.advance(Duration.ofDays(2));
        DeliveryFeedback feedback = gw.gateway.email().deliverability().feedback();
        feedback.apply(new DeliveryFeedback.Event("ses", "c-alpha", DeliveryFeedback.Kind.COMPLAINT,
                "reader@example.org", "alpha-7", null));
        feedback.apply(new DeliveryFeedback.Event("ses", "c-beta", DeliveryFeedback.Kind.COMPLAINT,
                "reader@example.net", "beta-3", null));
        // A complaint about a message the gateway never recorded as sent: in no rate, but not lost.
        feedback.apply(new DeliveryFeedback.Event("ses", "c-unknown", DeliveryFeedback.Kind.COMPLAINT,
                "reader@example.com", "not-ours", null));
        browser = Browser.start();
        browser.get(gw.baseUrl() + "/ui/sign-in");
        browser.findElement(By.id("apiKey")).sendKeys(officer);
        Browser.clickToLoad(browser, browser.findElement(By.id("sign-in")));
    }

    /** Messages the relay accepted, recorded as the dispatcher records them, many writers at once. */
    static void sent(String prefix, String senderDomain, int count, Instant at) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = IntStream.rangeClosed(1, count).mapToObj(i -> pool.submit(() ->
                    gw.gateway.store().outbox().markSent(prefix + "-" + i, senderDomain, at))).<Future<?>>map(f -> f)
                    .toList();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
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
    void aDayAtExactlyOneInAThousandDrawsTheLimitLineAndWarnsOfNothing() {
        browser.get(gw.baseUrl() + "/ui/compliance?to=2026-11-25");

        WebElement chart = browser.findElement(By.id("complaints-alpha-example"));
        WebElement limit = chart.findElement(By.cssSelector(".limit-line line"));
        assertThat(chart.findElement(By.cssSelector(".limit-line text")).getText()).isEqualTo("0.3 % limit (Gmail/Yahoo)");
        WebElement point = chart.findElement(By.cssSelector("circle.day-point[data-day='2026-11-25']"));
        assertThat(point.getDomAttribute("class")).doesNotContain("above-warning");
        int warningY = y(chart.findElement(By.cssSelector(".warning-line line")));
        assertThat(cy(point)).as("0.1 % sits on the 0.1 % line").isEqualTo(warningY);
        assertThat(cy(point)).as("and below the 0.3 % line").isGreaterThan(y(limit));
        assertThat(browser.getPageSource()).doesNotContain("id=\"complaints-beta-example\"");
        assertThat(browser.getPageSource()).doesNotContain("complaint-warning").doesNotContain("unattributed-complaints");
        assertThat(browser.findElement(By.cssSelector("#rates-alpha-example-2026-11-25 .complaint-rate")).getText())
                .isEqualTo("0.1 %");
        assertThat(browser.findElement(By.cssSelector("#rates-alpha-example-2026-11-25 .delivered")).getText())
                .isEqualTo("1000");
    }

    @Test
    void aDayAboveOneInAThousandIsWarnedOfAndDrawnBetweenTheLines() {
        browser.get(gw.baseUrl() + "/ui/audit");
        Browser.clickToLoad(browser, browser.findElement(By.linkText("Compliance report")));
        assertThat(browser.getCurrentUrl()).endsWith("/ui/compliance");

        WebElement warning = browser.findElement(By.id("complaint-warning"));
        assertThat(warning.isDisplayed()).isTrue();
        assertThat(warning.getDomAttribute("role")).isEqualTo("alert");
        assertThat(warning.getText()).contains("Complaint rate above 0.1 %", "beta.example on 2026-11-26: 0.2 %")
                .doesNotContain("alpha.example");

        WebElement beta = browser.findElement(By.id("complaints-beta-example"));
        assertThat(beta.findElements(By.cssSelector(".limit-line line"))).hasSize(1);
        WebElement point = beta.findElement(By.cssSelector("circle.day-point[data-day='2026-11-26']"));
        assertThat(point.getDomAttribute("class")).contains("above-warning");
        assertThat(point.getDomAttribute("data-rate")).isEqualTo("0.2 %");
        assertThat(cy(point)).as("above the 0.1 % line").isLessThan(y(beta.findElement(By.cssSelector(".warning-line line"))));
        assertThat(cy(point)).as("below the 0.3 % line").isGreaterThan(y(beta.findElement(By.cssSelector(".limit-line line"))));
        // Both domains share one time axis, so their charts line up day for day.
        WebElement alpha = browser.findElement(By.id("complaints-alpha-example"));
        assertThat(cx(alpha.findElement(By.cssSelector("circle.day-point")))).isLessThan(cx(point));

        assertThat(browser.findElement(By.id("unattributed-complaints")).getText())
                .startsWith("1 complaint(s) named no message the gateway recorded as sent");
        assertThat(browser.findElement(By.cssSelector("#rates-unattributed-2026-11-27 .complaints")).getText())
                .isEqualTo("1");
        assertThat(browser.getPageSource()).as("no rate, so no chart").doesNotContain("id=\"complaints-unattributed\"");

        WebElement row = browser.findElement(By.id("rates-beta-example-2026-11-26"));
        assertThat(row.getDomAttribute("class")).isEqualTo("above-warning");
        assertThat(row.findElement(By.className("delivered")).getText()).isEqualTo("500");
        assertThat(row.findElement(By.className("complaints")).getText()).isEqualTo("1");
        assertThat(row.findElement(By.className("complaint-rate")).getText()).isEqualTo("0.2 %");
    }

    @Test
    void aBadDateIsShownAsAnErrorNotAnEmptyReport() {
        browser.get(gw.baseUrl() + "/ui/compliance?from=26.11.2026");
        assertThat(browser.findElement(By.id("compliance-error")).getText()).contains("“from” must be a date like");
    }

    private static int y(WebElement line) {
        return Integer.parseInt(line.getDomAttribute("y1"));
    }

    private static int cy(WebElement circle) {
        return Integer.parseInt(circle.getDomAttribute("cy"));
    }

    private static int cx(WebElement circle) {
        return Integer.parseInt(circle.getDomAttribute("cx"));
    }
}
