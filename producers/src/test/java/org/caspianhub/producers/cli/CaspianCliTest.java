package org.caspianhub.producers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.inbox.DemoAlerts;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.testkit.TestParties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code caspian} CLI against the real running gateway: what it prints and the exit codes scripts rely on. */
class CaspianCliTest {

    static TestGateway hub;
    static PartyId ir;
    static Map<String, String> env;

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        hub = new TestGateway("ir").start();
        ir = TestParties.role(hub.parties, "ir");
        env = Map.of("CASPIAN_GATEWAY_URL", hub.url(), "CASPIAN_API_KEY", TestGateway.key(ir, "analyst"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static Run caspian(Map<String, String> environment, String... args) {
        return caspianWithInput("", environment, args);
    }

    static Run caspianWithInput(String stdin, Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CaspianCli.run(args, environment, new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** Puts alerts on ir's alert topic and waits until the gateway's read model knows the last one. */
    static void known(String tag, String... domains) throws Exception {
        try (DemoAlerts alerts = new DemoAlerts(hub)) {
            for (String domain : domains) {
                alerts.publish(DemoAlerts.alert(ir, IndicatorType.DOMAIN, domain).setTags(java.util.List.of(tag)).build());
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                hub.get("/api/v1/indicators/" + domains[domains.length - 1], TestGateway.key(ir, "analyst")).statusCode() == 200);
    }

    @Test
    void lookupPrintsOneLinePerValueInOrderWithExitCodesForUnknownAndInvalid() throws Exception {
        known("cli-lookup", "cli-known-1.example", "cli-known-2.example");
        Run found = caspian(env, "lookup", "CLI-KNOWN-1[.]example", "hxxp://cli-known-2.example");
        Run both = caspian(env, "lookup", "CLI-KNOWN-1[.]example", "cli-known-2[.]example");
        assertThat(both.code()).as(both.out() + both.err()).isEqualTo(ExitCodes.OK);
        String[] lines = both.out().split("\n");
        assertThat(lines[0]).startsWith("INPUT").contains("FOUND").contains("SCORE");
        assertThat(lines[1]).startsWith("CLI-KNOWN-1[.]example").contains(" yes ").contains("cli-known-1.example")
                .contains("active").contains("TLP:GREEN").contains(ir.value());
        assertThat(lines[2]).contains("cli-known-2.example").contains(" yes ");
        assertThat(found.code()).as("a URL is not its host").isEqualTo(ExitCodes.NOT_FOUND);

        Run mixed = caspian(env, "lookup", "cli-known-1.example", "never-seen.example", "not a value", "--batch", "1");
        assertThat(mixed.code()).as("some values are not indicators").isEqualTo(ExitCodes.PARTIAL);
        assertThat(mixed.out().split("\n")).hasSize(4);
        assertThat(mixed.out()).contains("never-seen.example").containsPattern("not a value\s+invalid");

        Run json = caspianWithInput("# values\ncli-known-2.example\n\nnever-seen.example\n", env, "lookup", "--json");
        assertThat(json.code()).isEqualTo(ExitCodes.NOT_FOUND);
        var results = TestGateway.JSON.readTree(json.out()).path("results");
        assertThat(results.size()).isEqualTo(2);
        assertThat(results.get(0).path("found").asBoolean()).isTrue();
        assertThat(results.get(1).path("found").asBoolean()).isFalse();

        assertThat(caspian(Map.of("CASPIAN_GATEWAY_URL", hub.url(), "CASPIAN_API_KEY", "wrong"), "lookup", "x.example").code())
                .isEqualTo(ExitCodes.AUTH);
        assertThat(caspian(env, "lookup").code()).as("no values anywhere").isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void exportWritesTheWholeFileThenSaysUnchangedWithItsEtag() throws Exception {
        known("cli-export", "cli-export-1.example", "cli-export-2.example", "cli-export-3.example");
        Path file = dir.resolve("blocklist.txt");
        Path etag = dir.resolve("blocklist.etag");
        Run first = caspian(env, "export", "text", "--tag", "cli-export", "--active", "-o", file.toString(),
                "--etag-file", etag.toString(), "--progress");
        assertThat(first.code()).as(first.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllLines(file)).containsExactly("cli-export-1.example", "cli-export-2.example", "cli-export-3.example");
        assertThat(first.err()).contains("3 records").contains("blocklist.txt");
        assertThat(Files.exists(dir.resolve("blocklist.txt.part"))).isFalse();
        assertThat(Files.readString(etag)).startsWith("\"");

        Run again = caspian(env, "export", "text", "--tag", "cli-export", "--active", "-o", file.toString(),
                "--etag-file", etag.toString());
        assertThat(again.code()).isEqualTo(ExitCodes.OK);
        assertThat(again.err()).contains("unchanged");

        Path stix = dir.resolve("bundle.json");
        assertThat(caspian(env, "export", "STIX", "--tag", "cli-export", "-o", stix.toString()).code()).isEqualTo(ExitCodes.OK);
        assertThat(TestGateway.JSON.readTree(stix.toFile()).path("type").asText()).isEqualTo("bundle");

        Path feed = dir.resolve("feed");
        Run misp = caspian(env, "export", "misp", "--tag", "cli-export", "-o", feed.toString());
        assertThat(misp.code()).as(misp.err()).isEqualTo(ExitCodes.OK);
        var manifest = TestGateway.JSON.readTree(feed.resolve("manifest.json").toFile());
        assertThat(manifest.size()).isPositive();
        manifest.fieldNames().forEachRemaining(uuid -> assertThat(feed.resolve(uuid + ".json")).exists());

        Path refused = dir.resolve("refused.txt");
        Run bad = caspian(env, "export", "text", "--min-score", "200", "-o", refused.toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.REFUSED);
        assertThat(bad.err()).contains("minScore");
        assertThat(refused).doesNotExist();
        assertThat(dir.resolve("refused.txt.part")).doesNotExist();
        assertThat(caspian(env, "export", "pdf", "-o", refused.toString()).code()).isEqualTo(ExitCodes.USAGE);
        assertThat(caspian(Map.of("CASPIAN_API_KEY", "k", "CASPIAN_GATEWAY_URL", "http://127.0.0.1:1"), "export", "text",
                "-o", refused.toString()).code()).isEqualTo(ExitCodes.UNAVAILABLE);
    }

    @Test
    void submitThenStatusWithTheKeyFromTheEnvironment() {
        Run submit = caspian(env, "submit", "cli-one.example", "--tlp", "green", "--tag", "cli", "--confidence", "70");
        assertThat(submit.code()).isEqualTo(ExitCodes.OK);
        Matcher id = Pattern.compile("indicator accepted: (\\S+)").matcher(submit.out());
        assertThat(id.find()).as(submit.out()).isTrue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Run status = caspian(env, "status", id.group(1));
            assertThat(status.code()).isEqualTo(ExitCodes.OK);
            assertThat(status.out()).contains("accepted (cli-one.example)");
        });
    }

    @Test
    void statusSaysWhatWasStoredAndTheWarninglistsTheValueIsOn() {
        Run submit = caspian(env, "submit", "1.1.1[.]1", "--tlp", "clear");
        Matcher id = Pattern.compile("indicator accepted: (\\S+)").matcher(submit.out());
        assertThat(id.find()).as(submit.out() + submit.err()).isTrue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Run status = caspian(env, "status", id.group(1));
            assertThat(status.out()).contains("accepted (1.1.1[.]1)").contains("stored as ipv4 1.1.1.1")
                    .contains("on the warninglist 'List of known IPv4 public DNS resolvers': kept, never alerted");
        });
    }

    @Test
    void exitCodesTellScriptsWhatHappened() {
        assertThat(caspian(env, "submit", "not a value", "--type", "domain").code()).isEqualTo(ExitCodes.REFUSED);
        Run partial = caspian(env, "submit", "cli-two.example", "also not valid");
        assertThat(partial.code()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(partial.err()).contains("refused");
        assertThat(caspian(Map.of("CASPIAN_GATEWAY_URL", hub.url(), "CASPIAN_API_KEY", "wrong"), "submit", "x.example").code())
                .isEqualTo(ExitCodes.AUTH);
        assertThat(caspian(env, "--url", hub.url(), "status", "no-such-id").code()).isEqualTo(ExitCodes.USAGE)
                .as("--url belongs to the command, not before it");
        assertThat(caspian(env, "status", "no-such-id").code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(caspian(env, "submit").code()).isEqualTo(ExitCodes.USAGE);
        Run noKey = caspian(Map.of(), "submit", "x.example");
        assertThat(noKey.code()).as("no key anywhere is an authentication problem, as the help says").isEqualTo(ExitCodes.AUTH);
        assertThat(noKey.err()).contains("CASPIAN_API_KEY");
        assertThat(caspian(Map.of("CASPIAN_API_KEY", "k", "CASPIAN_GATEWAY_URL", "http://127.0.0.1:1"), "submit", "x.example").code())
                .isEqualTo(ExitCodes.UNAVAILABLE);
    }

    @Test
    void importShowsProgressAndASummaryWithRefusalsAndTheApiKeyFlagWorks() throws Exception {
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "# cli list\n203.0.113.151\ncli-list.example\nbad value here\n");
        Run run = caspian(Map.of("CASPIAN_GATEWAY_URL", hub.url()), "import", list.toString(), "--tlp", "clear",
                "--progress", "--api-key", TestGateway.key(ir, "feed"));
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(run.out()).contains("list.txt: text file, 2 submitted, 1 refused, 0 skipped");
        assertThat(run.err()).contains("100%").contains("refused line 4");
    }

    @Test
    void revokeByValueIsAcceptedAndNeedsTheAnalystRole() {
        assertThat(caspian(env, "revoke", "cli-one.example", "--reason", "false alarm").code()).isEqualTo(ExitCodes.OK);
        Run soc = caspian(Map.of("CASPIAN_GATEWAY_URL", hub.url(), "CASPIAN_API_KEY", TestGateway.key(ir, "soc")),
                "revoke", "cli-one.example");
        assertThat(soc.code()).isEqualTo(ExitCodes.AUTH);
        assertThat(soc.err()).contains("analyst role");
    }
}
