package org.caspianhub.producers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.Rejection;
import org.caspianhub.avro.RejectionReason;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.topics.TypedTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * An analyst using the web console in a real browser (headless Chromium, or HtmlUnit where
 * Chromium is not installed: see {@link Browsers}), against the real gateway writing to the real
 * embedded broker; what the analyst sees, and what lands on the party's topics.
 */
class AnalystConsoleTest {

    /** Small, so the 413 answer is reached with a small file. */
    static final int MAX_IMPORT_BYTES = 4096;

    static TestGateway hub;
    static Browsers.Browser browser;
    static PartyId ir;
    static String analyst;
    ConsolePage console;

    @BeforeAll
    static void start() throws Exception {
        hub = new TestGateway(Map.of("CASPIAN_GATEWAY_MAX_IMPORT_BYTES", Integer.toString(MAX_IMPORT_BYTES)), "ir").start();
        ir = TestParties.role(hub.parties, "ir");
        analyst = TestGateway.key(ir, "analyst");
        browser = Browsers.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @BeforeEach
    void openTheConsole() {
        console = new ConsolePage(browser, hub.url()).open();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<IndicatorSubmission> onIrTopic(java.util.function.Predicate<IndicatorSubmission> matching,
                                                       int expected) {
        return hub.read(hub.topics.submissions(ir), r -> matching.test(r.value()), expected, Duration.ofSeconds(20))
                .stream().map(ConsumerRecord::value).toList();
    }

    @Test
    void anAnalystSubmitsADefangedUrlAndSeesItAcceptedWithItsSubmissionId() {
        console.signIn(analyst);
        String url = "hxxp://console-" + unique() + "[.]example/payload";
        console.type("submit-value", url);
        console.choose("submit-type", "URL");
        console.chooseTlp("TLP:GREEN");
        console.type("submit-confidence", "80");
        console.choose("submit-severity", "High");
        console.type("submit-tags", "phishing, c2");
        console.type("submit-incident", "IR-2026-0042");
        console.submitIndicatorWithEnter();

        String id = console.acceptedSubmissionId();
        assertThat(id).as("the submission id shown").matches("[0-9a-f-]{36}");

        List<ConsumerRecord<String, IndicatorSubmission>> records = hub.read(hub.topics.submissions(ir),
                r -> r.key().equals(id), 1, Duration.ofSeconds(20));
        assertThat(records).as("the record with the id the page showed, on " + hub.topics.submissions(ir).name()).hasSize(1);
        IndicatorSubmission s = records.get(0).value();
        assertThat(s.getParty()).as("the key's party").isEqualTo(ir.value());
        assertThat(s.getSubmitter()).isEqualTo(analyst);
        assertThat(s.getChannel()).isEqualTo(SourceChannel.ANALYST);
        assertThat(s.getValue()).as("the raw value, as typed").isEqualTo(url);
        assertThat(s.getTlp()).isEqualTo(Tlp.GREEN);
        assertThat(s.getConfidence()).isEqualTo(80);
        assertThat(s.getTags()).containsExactly("phishing", "c2");
        assertThat(s.getReferences()).containsExactly("incident:IR-2026-0042");
    }

    @Test
    void aSha256Of63HexCharactersShowsTheFieldErrorNextToTheValueField() {
        console.signIn(analyst);
        String hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85";
        assertThat(hash).hasSize(63);
        console.type("submit-value", hash);
        console.choose("submit-type", "SHA-256");
        console.submitIndicatorWithEnter();

        String error = console.fieldError("submit-value-error");
        assertThat(error).containsIgnoringCase("sha256");
        WebElement value = console.element(By.id("submit-value"));
        assertThat(value.getAttribute("aria-invalid")).as("the value field is marked invalid").isEqualTo("true");
        assertThat(value.getAttribute("aria-describedby")).as("the error is tied to the value field")
                .contains("submit-value-error");
        assertThat(console.element(By.id("submit-value-error")).findElement(By.xpath(".."))
                .findElement(By.id("submit-value")).isDisplayed()).as("the error sits in the value field's block").isTrue();
        assertThat(console.submitProblem()).contains("Refused").contains("nothing was stored");
        assertThat(onIrTopic(s -> s.getValue().equals(hash), 0)).as("nothing written").isEmpty();
    }

    @Test
    void aPastedBatchWithOneBadLineShowsAResultForEachLine() {
        console.signIn(analyst);
        String tag = unique();
        String ip = "198.51.100." + (1 + (int) (Math.random() * 250));
        String domain = "batch-" + tag + ".example";
        console.pasteBatch(ip + "\n\n# a comment line\nnot a value at all\n" + domain);
        console.choose("batch-tlp", "TLP:CLEAR");
        console.type("batch-tags", "batch-" + tag);
        console.submitBatch();

        assertThat(console.batchSummary()).contains("2 accepted, 1 refused");
        assertThat(console.batchRows()).as("a row per value line; empty and # lines are left out").hasSize(3);
        assertThat(console.batchRow(1)).satisfies(row -> {
            assertThat(row.get(1)).isEqualTo(ip);
            assertThat(row.get(2)).isEqualTo("accepted");
            assertThat(row.get(3)).matches("[0-9a-f-]{36}");
        });
        assertThat(console.batchRow(4)).satisfies(row -> {
            assertThat(row.get(1)).isEqualTo("not a value at all");
            assertThat(row.get(2)).isEqualTo("refused");
            assertThat(row.get(3)).startsWith("value: ");
        });
        assertThat(console.batchRow(5).get(2)).isEqualTo("accepted");

        List<IndicatorSubmission> written = onIrTopic(s -> s.getTags().contains("batch-" + tag), 2);
        assertThat(written).extracting(IndicatorSubmission::getValue).containsExactlyInAnyOrder(ip, domain);
        assertThat(written).allSatisfy(s -> {
            assertThat(s.getParty()).isEqualTo(ir.value());
            assertThat(s.getTlp()).isEqualTo(Tlp.CLEAR);
        });
    }

    @Test
    void anUploadedTextBlocklistShowsItsCounts(@TempDir Path dir) throws Exception {
        console.signIn(analyst);
        String tag = unique();
        Path list = dir.resolve("blocklist-" + tag + ".txt");
        Files.writeString(list, "# abuse feed, " + tag + "\n203.0.113.10\nupload-" + tag + ".example\n\nthis is not a value\n"
                + "hxxp://upload-" + tag + "[.]example/x\n");
        console.type("upload-tags", "upload-" + tag);
        console.upload(list);

        assertThat(console.uploadCount("format")).isEqualTo("text");
        assertThat(console.uploadCount("submitted")).isEqualTo("3");
        assertThat(console.uploadCount("refused")).isEqualTo("1");
        assertThat(console.uploadResultText()).as("the refusal with its place and reason").contains("line 5")
                .contains("value:");

        List<IndicatorSubmission> written = onIrTopic(s -> s.getTags().contains("upload-" + tag), 3);
        assertThat(written).hasSize(3).allSatisfy(s -> {
            assertThat(s.getParty()).isEqualTo(ir.value());
            assertThat(s.getChannel()).isEqualTo(SourceChannel.IMPORT);
        });
    }

    @Test
    void aFileAboveTheImportLimitShowsThe413Message(@TempDir Path dir) throws Exception {
        console.signIn(analyst);
        Path big = dir.resolve("big.txt");
        Files.writeString(big, ("203.0.113.20\n").repeat(MAX_IMPORT_BYTES / 10));
        console.upload(big);
        assertThat(console.uploadProblem()).contains("Too large").contains("413").contains(Integer.toString(MAX_IMPORT_BYTES));
    }

    @Test
    void aLookedUpSubmissionShowsAcceptedThenRejectedWithItsReasonsAndAnUnknownIdIsUnknown() throws Exception {
        console.signIn(analyst);
        String value = "status-" + unique() + ".example";
        console.type("submit-value", value);
        console.submitIndicatorWithEnter();
        String id = console.acceptedSubmissionId();

        console.element(By.cssSelector("#submit-result .accepted button")).click();
        assertThat(console.statusWord()).isEqualTo("Accepted");
        assertThat(console.statusText()).contains(id).contains(value).contains("analyst");

        // the pipeline (the streams module, not running here) rejects it on the party's rejected topic
        IndicatorSubmission original = onIrTopic(s -> s.getSubmissionId().equals(id), 1).get(0);
        TypedTopic<String, Rejection> rejected = hub.topics.rejected(ir);
        try (KafkaProducer<String, Rejection> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.platform.bootstrapServers()),
                rejected.keySerde().serializer(), rejected.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(rejected.name(), id, Rejection.newBuilder().setSubmissionId(id)
                    .setParty(ir.value()).setRejectedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                    .setReasons(List.of(new RejectionReason("value", "warninglisted_only", "the value is a test domain")))
                    .setSubmission(original).setSourceTopic(hub.topics.submissions(ir).name()).build())).get();
        }
        console.waitUntil(d -> {
            console.lookUp(id);
            return console.statusWord().equals("Rejected") ? true : null;
        }, "the rejection to show");
        assertThat(console.statusText()).contains("the value is a test domain");

        console.lookUp(UUID.randomUUID().toString());
        assertThat(console.statusWord()).isEqualTo("Unknown");
    }

    @Test
    void aWrongKeyShowsThe401MessageAndIsNotKept() {
        String message = console.signInRefused("demo-" + ir.value() + "-intruder");
        assertThat(message).contains("401").contains("did not accept this API key");
        assertThat(console.signedIn()).isFalse();
        assertThat(console.element(By.id("sign-out")).isDisplayed()).as("no sign-out while signed out").isFalse();
        assertThat(console.sessionStorageKey()).isNull();
    }

    @Test
    void aKeyWhoseRoleMayNotSubmitShowsThe403Message() {
        console.signIn(TestGateway.key(ir, "soc"));
        console.type("submit-value", "role-" + unique() + ".example");
        console.submitIndicatorWithEnter();
        assertThat(console.submitProblem()).contains("403").contains("may not");
    }

    @Test
    void aGatewayThatCannotBeReachedShowsTheNetworkErrorMessage() throws Exception {
        try (TestGateway doomed = new TestGateway("ir").start()) {
            ConsolePage page = new ConsolePage(browser, doomed.url()).open();
            page.signIn(TestGateway.key(TestParties.role(doomed.parties, "ir"), "analyst"));
            doomed.close(); // the gateway goes away while the analyst has the page open
            page.type("submit-value", "unreachable-" + unique() + ".example");
            page.submitIndicatorWithEnter();
            assertThat(page.submitProblem()).contains("Could not reach the gateway (network error)")
                    .contains("try again");
        }
    }

    @Test
    void afterSignOutTheKeyIsGoneFromSessionStorage() {
        console.signIn(analyst);
        assertThat(console.sessionStorageKey()).as("kept in the tab's sessionStorage").isEqualTo(analyst);
        assertThat(console.localStorageLength()).as("never in localStorage").isZero();
        assertThat(console.cookies()).as("never in a cookie").isEmpty();
        console.reload();
        assertThat(console.textOf(By.id("session-label"))).as("a reload of the tab stays signed in")
                .contains(analyst.substring(analyst.length() - 4));

        console.type("submit-value", "signout-" + unique() + ".example");
        console.submitIndicatorWithEnter();
        console.acceptedSubmissionId();
        console.signOut();

        assertThat(console.sessionStorageKey()).isNull();
        assertThat(console.sessionStorageLength()).isZero();
        assertThat(console.localStorageLength()).isZero();
        assertThat(console.cookies()).isEmpty();
        assertThat(console.textOf(By.id("sign-in-message"))).contains("Signed out");
        assertThat(console.element(By.id("sign-out")).isDisplayed()).isFalse();
        assertThat(console.element(By.id("submit-result")).getText()).as("what was shown is cleared").isEmpty();
        console.reload();
        assertThat(console.element(By.id("api-key")).isDisplayed()).as("still signed out after a reload").isTrue();
        assertThat(console.signedIn()).isFalse();
    }

    @Test
    void serverTextIsShownAsTextNeverAsMarkup() {
        console.signIn(analyst);
        console.type("submit-value", "<img id=\"injected\" src=\"x\">");
        console.submitIndicatorWithEnter();
        String error = console.fieldError("submit-value-error");
        assertThat(error).as("the server's message quotes the value, as text").contains("<img id=\"injected\"");
        assertThat(console.script("return document.getElementById('injected') === null;")).isEqualTo(true);
    }

    @Test
    void theBrowserEnforcesThePolicyAndTheConsoleNeverTrips()  {
        assumeTrue(browser.isChromium(), "HtmlUnit neither enforces Trusted Types nor reports policy violations");
        console.signIn(analyst);
        console.type("submit-value", "policy-" + unique() + ".example");
        console.submitIndicatorWithEnter();
        console.acceptedSubmissionId();
        console.element(By.cssSelector("#submit-result .accepted button")).click();
        assertThat(console.statusWord()).isEqualTo("Accepted");
        console.pasteBatch("203.0.113.30\nnot a value");
        console.submitBatch();
        assertThat(console.batchSummary()).contains("1 accepted, 1 refused");

        // (the refused requests the console makes on purpose show as "Failed to load resource": not counted)
        assertThat(console.browserConsole()).as("nothing the policy blocked, no script error")
                .noneMatch(line -> line.contains("Content Security Policy") || line.contains("Trusted Type")
                        || line.contains("Uncaught"));
        Object attempt = console.script("""
                try { document.getElementById('submit-result').innerHTML = '<b id="tt">x</b>'; return 'assigned'; }
                catch (e) { return e.name; }
                """);
        assertThat(attempt).as("HTML from a string is refused on the console's page").isEqualTo("TypeError");
    }

    @Test
    void everyControlHasALabelAndAnswersAreAnnounced() {
        console.signIn(analyst);
        Object unlabelled = console.script("""
                return Array.from(document.querySelectorAll('input, select, textarea'))
                  .filter((c) => c.type !== 'hidden')
                  .filter((c) => !(c.labels && c.labels.length) && !c.getAttribute('aria-label'))
                  .map((c) => c.id || c.name);
                """);
        assertThat((List<?>) unlabelled).as("controls without a label").isEmpty();
        for (String region : List.of("sign-in-message", "submit-result", "batch-result", "upload-result", "status-result")) {
            assertThat(console.element(By.id(region)).getAttribute("aria-live")).as(region).isEqualTo("polite");
        }
    }
}
