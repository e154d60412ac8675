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
