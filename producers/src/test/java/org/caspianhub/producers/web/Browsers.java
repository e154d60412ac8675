package org.caspianhub.producers.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.htmlunit.BrowserVersion;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser the console tests drive, behind the one WebDriver interface: headless Debian
 * Chromium when {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} are installed
 * ({@code apt-get install chromium chromium-driver}), otherwise HtmlUnit, a pure-Java browser, so
 * the console is still tested where Chromium cannot be installed.
 *
 * <p>{@code -Dcaspian.test.browser=htmlunit} (or {@code CASPIAN_TEST_BROWSER=htmlunit}) forces
 * HtmlUnit on a machine that has Chromium; {@code chromium} insists on Chromium and fails
 * without it, rather than quietly testing something else.
 */
final class Browsers {

    private static final Logger LOG = LoggerFactory.getLogger(Browsers.class);

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String CHOICE_PROPERTY = "caspian.test.browser";
    /**
     * The tests use WebDriver only, never the DevTools protocol, so Selenium's warning that it has no
     * DevTools binding for this Chromium version is noise. Held here so the setting is not collected.
     */
    private static final java.util.logging.Logger CDP_VERSION_FINDER =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    /** A started browser; closing it quits the browser and removes its profile. */
    record Browser(String name, WebDriver driver, Path profile) implements AutoCloseable {

        boolean isChromium() {
            return driver instanceof ChromeDriver;
        }

        @Override
        public void close() {
            driver.quit();
            if (profile != null) {
                deleteQuietly(profile);
            }
        }
    }

    private Browsers() {
    }

    static Browser start() throws IOException {
        String choice = choice();
        boolean chromiumInstalled = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        Browser browser;
        if (choice.equals("chromium") || (choice.equals("auto") && chromiumInstalled)) {
            if (!chromiumInstalled) {
                throw new IllegalStateException(CHOICE_PROPERTY + "=chromium, but " + CHROMIUM + " or " + CHROMEDRIVER
                        + " is missing: apt-get install -y chromium chromium-driver");
            }
            browser = chromium();
        } else if (choice.equals("htmlunit") || choice.equals("auto")) {
            browser = htmlUnit();
        } else {
            throw new IllegalArgumentException(CHOICE_PROPERTY + " must be auto, chromium or htmlunit, got " + choice);
        }
        LOG.info("console browser tests run in {} ({}; {}=auto|chromium|htmlunit chooses)", browser.name(),
                chromiumInstalled ? "Chromium is installed" : "Chromium is not installed", CHOICE_PROPERTY);
        return browser;
    }

    private static String choice() {
        String value = System.getProperty(CHOICE_PROPERTY, System.getenv("CASPIAN_TEST_BROWSER"));
        return value == null || value.isBlank() ? "auto" : value.trim().toLowerCase(Locale.ROOT);
    }

    private static Browser chromium() throws IOException {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        Path profile = Files.createTempDirectory("console-test-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the background-networking flags matter: on a closed network Chromium otherwise stalls on its own requests
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1024", "--user-data-dir=" + profile);
        // the page's console messages, where Chromium reports Content-Security-Policy violations
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // the installed chromedriver, named explicitly, so Selenium Manager never tries to download one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        String version = String.valueOf(driver.getCapabilities().getBrowserVersion());
        return new Browser("headless Chromium " + version, driver, profile);
    }

    private static Browser htmlUnit() {
        HtmlUnitDriver driver = new HtmlUnitDriver(BrowserVersion.BEST_SUPPORTED, true);
        return new Browser("HtmlUnit (" + BrowserVersion.BEST_SUPPORTED.getNickname() + " emulation)", driver, null);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not remove the browser profile {}: {}", dir, e.toString());
        }
    }
}
