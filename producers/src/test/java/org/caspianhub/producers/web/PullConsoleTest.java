package org.caspianhub.producers.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.producers.inbox.DemoAlerts;
import org.caspianhub.testkit.TestParties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The analyst's pull side of the console in a real browser (headless Chromium, or HtmlUnit: see
 * {@link Browsers}) against a real gateway on the real broker: the live alerts inbox, and a
 * submission's status saying what was stored.
 */
class PullConsoleTest {

    static TestGateway hub;
    static Browsers.Browser browser;
    static DemoAlerts alerts;
    static PartyId ir;
    static PartyId az;
    static String analyst;
    ConsolePage console;

    @BeforeAll
    static void start() throws Exception {
        hub = new TestGateway(Map.of("CASPIAN_GATEWAY_ALERTS_HEARTBEAT", "2s"), "ir", "az").start();
        ir = TestParties.role(hub.parties, "ir");
        az = TestParties.role(hub.parties, "az");
        analyst = TestGateway.key(ir, "analyst");
        alerts = new DemoAlerts(hub);
        browser = Browsers.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (alerts != null) {
            alerts.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @BeforeEach
    void openTheConsole() {
        console = new ConsolePage(browser, hub.url()).open();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    @Test
    void theInboxShowsANewAlertOfTheAnalystsPartyAsItArrivesAndNoneOfAnotherParty() throws Exception {
        console.signIn(analyst);
        console.inboxLive();
        Alert theirs = alerts.publish(DemoAlerts.alert(az, IndicatorType.DOMAIN, unique("az-only")).build());
        Alert ours = alerts.publish(DemoAlerts.alert(ir, IndicatorType.DOMAIN, unique("live")).build());

        WebElement entry = console.inboxEntry(ours.getAlertId());
        assertThat(entry.getText()).contains(ours.getValue()).containsIgnoringCase("new indicator").contains("TLP:GREEN")
                .contains("score 70").contains(ours.getSummary());
        assertThat(console.inboxAlertIds()).doesNotContain(theirs.getAlertId());

        // choosing its value opens it on the indicator page
        entry.findElement(By.cssSelector("button.alert-value")).click();
        assertThat(console.element(By.id("indicator-value")).getAttribute("value")).isEqualTo(ours.getValue());
    }

    @Test
    void theInboxFiltersByKindAndScoreOnTheGateway() throws Exception {
        console.signIn(analyst);
        console.inboxLive();
        console.choose("inbox-kind", "Cross-border match");
        console.type("inbox-min-score", "80");
        console.element(By.id("inbox-apply")).click();
        console.inboxLive();
        Alert plain = alerts.publish(DemoAlerts.alert(ir, IndicatorType.IPV4, "203.0.113.90").setScore(95).build());
        Alert low = alerts.publish(DemoAlerts.alert(ir, IndicatorType.IPV4, "203.0.113.91")
                .setKind(AlertKind.CROSS_BORDER_MATCH).setScore(79).build());
        Alert wanted = alerts.publish(DemoAlerts.alert(ir, IndicatorType.IPV4, "203.0.113.92")
                .setKind(AlertKind.CROSS_BORDER_MATCH).setScore(85).build());
        assertThat(console.inboxEntry(wanted.getAlertId()).getText()).containsIgnoringCase("cross border match");
        assertThat(console.inboxAlertIds()).doesNotContain(plain.getAlertId(), low.getAlertId());

        console.type("inbox-min-score", "101");
        console.element(By.id("inbox-apply")).click();
        assertThat(console.fieldError("inbox-min-score-error")).contains("minScore must be a whole number from 0 to 100");
    }

    @Test
    void aReloadedTabResumesTheInboxWithTheRecentAlerts() throws Exception {
        Alert earlier = alerts.publish(DemoAlerts.alert(ir, IndicatorType.DOMAIN, unique("earlier")).build());
        console.signIn(analyst);
        console.inboxEntry(earlier.getAlertId());
        console.reload();
        console.inboxEntry(earlier.getAlertId());
        Alert after = alerts.publish(DemoAlerts.alert(ir, IndicatorType.DOMAIN, unique("after-reload")).build());
        console.inboxEntry(after.getAlertId());
        console.signOut();
        assertThat(console.inboxAlertIds()).as("signing out empties the inbox").isEmpty();
    }

    @Test
    void aSubmissionsStatusSaysWhatWasStoredAndThatAWarninglistedValueIsNotAlerted() {
        console.signIn(analyst);
        console.type("submit-value", "8.8.8[.]8");
        console.submitIndicatorWithEnter();
        String id = console.acceptedSubmissionId();
        console.waitUntil(d -> {
            console.lookUp(id);
            String text = console.statusText();
            return text.contains("Accepted") ? text : null;
        }, "the accepted status");
        assertThat(console.statusText())
                .contains("Accepted; on the list 'List of known IPv4 public DNS resolvers': not alerted.")
                .contains("Stored as")
                .contains("8.8.8.8 (ipv4)");

        console.type("submit-value", "HXXPS://Stored-" + UUID.randomUUID().toString().substring(0, 6) + "[.]Example/Path#frag");
        console.submitIndicatorWithEnter();
        String other = console.acceptedSubmissionId();
        console.waitUntil(d -> {
            console.lookUp(other);
            return console.statusText().contains("Accepted") ? "ok" : null;
        }, "the accepted status");
        assertThat(console.statusText()).containsPattern("Accepted: stored as url https://stored-[0-9a-f]{6}\\.example/Path")
                .contains("on no warninglist");
    }

    /** Waits until the gateway's read model answers for the value (it reads the alert topics as they come). */
    private static void awaitKnown(String value, int related) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            var answer = hub.get("/api/v1/lookup?value=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8),
                    analyst);
            return answer.statusCode() == 200 && TestGateway.json(answer).path("related").size() >= related;
        });
    }

    @Test
    void theIndicatorPageShowsTheViewItsCorrelationsAsAGraphAndAListAndItsAlertHistory() throws Exception {
        DemoScenario demo = DemoScenario.publish(alerts, ir, az, unique("cdn-update-check"));
        awaitKnown(demo.domain, 4);
        console.signIn(analyst);
        // defanged and in upper case: the gateway normalizes it as a submission
        console.lookUpIndicator(demo.domain.toUpperCase(java.util.Locale.ROOT).replace(".", "[.]"));
        WebElement view = console.indicatorView();
        assertThat(view.findElement(By.cssSelector(".indicator-value")).getText()).isEqualTo(demo.domain);
        assertThat(view.getText()).contains("TLP:AMBER").contains("score 85").containsIgnoringCase("active");
        assertThat(console.indicatorFact("parties")).contains(ir.value()).contains(az.value());
        assertThat(console.indicatorFact("tags")).contains("c2").contains("apt-caspian-fox");

        java.util.List<WebElement> nodes = view.findElements(By.cssSelector("svg.graph g.node"));
        assertThat(nodes).as("the value and its four correlations").hasSize(5);
        assertThat(view.findElement(By.cssSelector("svg.graph")).getAttribute("aria-label")).contains("4 related indicators");
        java.util.List<WebElement> rows = view.findElements(By.cssSelector("table.correlations tbody tr"));
        assertThat(rows).hasSize(4);
        assertThat(view.findElement(By.cssSelector("table.correlations")).getText())
                .contains("http://" + demo.domain + "/gate.php").contains("203.0.113.47").containsIgnoringCase("shared reference");
        assertThat(view.findElements(By.cssSelector("table.history tbody tr"))).as("the alert history").hasSizeGreaterThanOrEqualTo(6);

        // choosing a related value in the list looks it up: not an indicator Iran was alerted about by itself
        view.findElement(By.xpath(".//table[contains(@class,'correlations')]//button[text()='203.0.113.47']")).click();
        assertThat(console.textOf(By.cssSelector("#indicator-result .unknown"))).contains("Unknown")
                .contains("knows nothing of 203.0.113.47 that your party may see");
    }

    @Test
    void aWarninglistedValueIsUnknownAndNamesItsList() {
        console.signIn(analyst);
        console.lookUpIndicator("8.8.8[.]8");
        assertThat(console.textOf(By.cssSelector("#indicator-result .unknown")))
                .contains("List of known IPv4 public DNS resolvers").contains("never alerts");
        console.lookUpIndicator("not a value at all");
        assertThat(console.textOf(By.cssSelector("#indicator-result .problem"))).contains("400");
    }

    @Test
    void searchShowsPagesByCursorAndExportsTheSameFilters() throws Exception {
        String tag = "tag-" + UUID.randomUUID().toString().substring(0, 8);
        java.util.List<String> values = new java.util.ArrayList<>();
        for (int i = 0; i < 55; i++) {
            Alert a = alerts.publish(DemoAlerts.alert(ir, IndicatorType.DOMAIN, "s" + i + "-" + tag + ".example")
                    .setTags(java.util.List.of(tag)).setScore(60 + (i % 30)).build());
            values.add(a.getValue());
        }
        awaitKnown(values.get(54), 0);
        console.signIn(analyst);
        console.type("search-tag", tag);
        console.search();
        console.textOf(By.cssSelector("#search-result .search-count"));
        console.waitUntil(d -> console.searchRows().size() == 50 ? "" : null, "the first page of 50");
        assertThat(console.textOf(By.cssSelector("#search-result .search-count"))).contains("50 indicators shown; there are more");
        console.element(By.id("search-more")).click();
        console.waitUntil(d -> console.searchRows().size() == 55 ? "" : null, "the second page");
        assertThat(console.searchRows()).extracting(WebElement::getText).allMatch(t -> t.contains(tag));

        console.type("search-min-score", "80");
        console.search();
        long expected = java.util.stream.IntStream.range(0, 55).filter(i -> 60 + (i % 30) >= 80).count();
        console.waitUntil(d -> console.searchRows().size() == expected ? "" : null, expected + " rows at score 80 or more");

        org.junit.jupiter.api.Assumptions.assumeTrue(browser.isChromium(), "HtmlUnit cannot save a blob download");
        console.element(By.cssSelector("button[data-export='text']")).click();
        String exported = console.textOf(By.cssSelector("#export-result [data-export-bytes]"));
        String direct = hub.get("/api/v1/exports/text?tag=" + tag + "&minScore=80&active=true", analyst).body();
        assertThat(direct.lines().count()).isEqualTo(expected);
        assertThat(exported).isEqualTo(direct.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " bytes");
    }

    /**
     * The screenshots in docs/ (console-inbox.png, console-indicator.png): taken by Chromium when
     * {@code -Dcaspian.screenshots=<directory>} is given, from the demo scenario.
     */
    @Test
    void screenshotsOfTheInboxAndTheIndicatorPage() throws Exception {
        String directory = System.getProperty("caspian.screenshots");
        org.junit.jupiter.api.Assumptions.assumeTrue(directory != null && browser.isChromium(),
                "screenshots only on request (-Dcaspian.screenshots=DIR) and in Chromium");
        // tall enough that the indicator page fits: an element's screenshot is cut at the window's edge
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1100, 2600));
        console.signIn(analyst);
        console.inboxLive();
        DemoScenario demo = DemoScenario.publish(alerts, ir, az, "cdn-update-check.example");
        console.inboxEntry(demo.alerts.get(demo.alerts.size() - 1).getAlertId());
        java.nio.file.Path dir = java.nio.file.Path.of(directory);
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.write(dir.resolve("console-inbox.png"), console.element(By.id("inbox-section"))
                .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        awaitKnown(demo.domain, 4);
        console.lookUpIndicator(demo.domain);
        console.indicatorView();
        java.nio.file.Files.write(dir.resolve("console-indicator.png"), console.element(By.id("indicator-section"))
                .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1024));
    }

    @Test
    void theInboxNeverTripsThePolicy() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(browser.isChromium(), "HtmlUnit keeps no console log");
        console.signIn(analyst);
        console.inboxLive();
        Alert a = alerts.publish(DemoAlerts.alert(ir, IndicatorType.URL, "https://" + unique("policy") + "/<img src=x>")
                .setSummary("<img id=\"injected\" src=x>").build());
        assertThat(console.inboxEntry(a.getAlertId()).getText()).contains("<img id=\"injected\" src=x>");
        assertThat(console.script("return document.getElementById('injected') === null;")).isEqualTo(true);
        assertThat(console.browserConsole()).noneMatch(line -> line.contains("Content Security Policy")
                || line.contains("Trusted Type") || line.contains("Uncaught"));
        Thread.sleep(Duration.ofMillis(100).toMillis());
    }
}
