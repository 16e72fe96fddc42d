package dev.outreach.web.console;

import dev.outreach.web.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in to the console in a real browser; the session cookie and CSRF rules over plain HTTP. */
class ConsoleSignInTest {

    @TempDir
    static Path dir;
    static RunningGateway gw;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        gw = RunningGateway.start(dir, Map.of());
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        gw.close();
    }

    @Test
    void aWrongKeyIsRefusedAndARepKeySignsInToTheFollowUps() {
        String rep = gw.key("rep-7", "REP");
        browser.get(gw.baseUrl() + "/ui/sign-in");
        browser.findElement(By.id("apiKey")).sendKeys("not-a-key");
        Browser.clickToLoad(browser, browser.findElement(By.id("sign-in")));
        assertThat(browser.findElement(By.id("sign-in-error")).getText()).contains("not valid");

        browser.findElement(By.id("apiKey")).sendKeys(rep);
        Browser.clickToLoad(browser, browser.findElement(By.id("sign-in")));

        assertThat(browser.getCurrentUrl()).endsWith("/ui/follow-ups");
        assertThat(browser.manage().getCookieNamed(ConsoleAccess.COOKIE).isHttpOnly()).isTrue();
        assertThat(browser.manage().getCookieNamed(ConsoleAccess.COOKIE).getSameSite()).isEqualTo("Strict");
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        String rep = gw.key("rep-8", "REP");
        RunningGateway.Reply signIn = gw.call("POST", "/ui/sign-in", null, "apiKey=" + rep,
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(signIn.status()).isEqualTo(303);

        RunningGateway.Reply forged = gw.call("POST", "/ui/sign-out", null, "csrf=forged",
                "Content-Type", "application/x-www-form-urlencoded", "Cookie", "og_session=whatever");
        assertThat(forged.status()).isEqualTo(403);
    }
}
