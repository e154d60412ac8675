package org.caspianhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code caspian-hub admin replay-dlq} as an operator types it (the replay itself, with real
 * receivers and dead letters, is {@code DeadLetterReplayTest} in the consumers module).
 */
class AdminReplayDlqCommandTest {

    private final TestPlatform platform = TestPlatforms.embedded();

    @Test
    void replaysTheSelectedDeadLettersOfAConfiguredSubscriptionAndRefusesAnUnknownOne() {
        Parties parties = TestParties.unique("ir");
        PartyId ir = TestParties.role(parties, "ir");
        platform.provisionTopics(parties);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine command = new CommandLine(new AdminCommand.ReplayDlq(platform.settings(parties),
                new PrintStream(out, true, StandardCharsets.UTF_8)));

        int code = command.execute("--subscription", "demo-log-" + ir.value(), "--from", "2026-03-01T00:00:00Z",
                "--to", "2026-03-02T00:00:00Z", "--alert-id", "a,b", "--max-age", "5s");
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("subscription demo-log-" + ir.value() + ": 0 dead letter(s) selected, 0 delivered");

        assertThat(command.execute("--subscription", "nobody")).isEqualTo(1);
        assertThat(command.execute("--from", "yesterday")).as("a malformed option is a usage error").isEqualTo(2);
    }
}
