package dev.outreach.web.console;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Headless Debian chromium driven through chromedriver, both from the system packages: no driver
 * or browser is downloaded. The flags keep chromium off the (closed) network.
 */
public final class Browser {

    private Browser() {
    }

    /**
     * Clicks something that loads another page and waits until the new page has loaded. The old
     * document is marked first, so the wait cannot mistake it for the new one (waiting for a stale
     * element is not reliable: chromedriver may report a detached node as an unknown error).
     */
    public static void clickToLoad(WebDriver driver, WebElement element) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("document.documentElement.setAttribute('data-old-page', '1')");
        element.click();
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return document.readyState === 'complete'"
                                + " && !document.documentElement.hasAttribute('data-old-page')")));
    }

    /**
     * Starts the browser. Where Debian's chromium and chromedriver are not installed, browser tests
     * are skipped on a developer's machine (the README's test command needs only a JDK and Maven)
     * but fail under CI, whose {@code .ci/run} installs both.
     */
    public static WebDriver start() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/chromium"))
                && Files.isExecutable(Path.of("/usr/bin/chromedriver"));
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException("CI needs /usr/bin/chromium and /usr/bin/chromedriver (.ci/run installs them)");
        }
        Assumptions.assumeTrue(installed, "browser tests need Debian's chromium and chromium-driver "
                + "(apt-get install chromium chromium-driver; .ci/run installs them)");
        Path profile = Files.createTempDirectory("og-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }
}
