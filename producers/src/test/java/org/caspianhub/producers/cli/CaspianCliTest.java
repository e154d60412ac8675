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
import org.caspianhub.parties.PartyId;
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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CaspianCli.run(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
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
