package org.caspianhub.consumers.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.subscription.DeliveryPolicy;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.consumers.testing.AlertTopics;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.consumers.testing.RunningDispatcher;
import org.caspianhub.consumers.testing.TestSubscriptions;
import org.caspianhub.consumers.testing.WebhookReceiver;
import org.caspianhub.consumers.testing.WebhookReceiver.Answer;
import org.caspianhub.consumers.webhook.WebhookSignature;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.Test;

/** {@code admin replay-dlq}: a subscription's dead letters delivered again, by id or time range, idempotently, to it alone. */
class DeadLetterReplayTest {

    private final TestPlatform platform = TestPlatforms.embedded();

    @Test
    void replaysASubscriptionsDeadLettersByIdAndByTimeToItsReceiverAloneUnderTheAlertIdAsIdempotencyKey() throws Exception {
        Parties parties = TestParties.unique("ir");
        PartyId ir = TestParties.role(parties, "ir");
        platform.provisionTopics(parties);
        AtomicBoolean maintenance = new AtomicBoolean(true);
        Instant before = Instant.now();
        try (WebhookReceiver soc = WebhookReceiver.start((key, attempt) -> maintenance.get() ? Answer.status(401) : Answer.ok());
             WebhookReceiver other = WebhookReceiver.accepting();
             AlertTopics topics = new AlertTopics(platform)) {
            Subscription irSoc = TestSubscriptions.webhook("ir-soc", ir, soc.url());
            Subscription irOther = TestSubscriptions.webhook("ir-other", ir, other.url());
            Alert a = Alerts.alert(ir, "203.0.113.61").build();
            Alert b = Alerts.alert(ir, "203.0.113.62").build();
            Alert c = Alerts.alert(ir, "203.0.113.63").build();
            try (AlertDispatcherService dispatcher = RunningDispatcher.start(platform, parties, irSoc, irOther)) {
                topics.send(ir, a, b, c);
                assertThat(topics.deadLetters(ir, 3)).hasSize(3);
                await().atMost(Duration.ofSeconds(10)).until(() -> other.delivered().size() == 3);
            }
            Instant afterDeadLetters = Instant.now();
            maintenance.set(false);
            DeadLetterReplay replay = new DeadLetterReplay(
                    DispatcherSettings.from(platform.settings(parties)).withSubscriptions(List.of(irSoc, irOther)), Clock.systemUTC());

            // by id: only that alert
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            DeadLetterReplay.Report one = replay.replay("ir-soc", new DeadLetterReplay.Selection(Optional.empty(), Optional.empty(),
                    Set.of(b.getAlertId())), Duration.ofSeconds(10), new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertThat(one).isEqualTo(new DeadLetterReplay.Report(1, 1, 0, java.util.Map.of()));
            assertThat(soc.delivered()).containsExactly(b.getAlertId());
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("delivered " + b.getAlertId())
                    .contains("1 dead letter(s) selected, 1 delivered");

            // a time range that ends before anything was dead-lettered selects nothing
            assertThat(replay.replay("ir-soc", new DeadLetterReplay.Selection(Optional.empty(), Optional.of(before), Set.of()),
                    Duration.ofSeconds(10), new PrintStream(new ByteArrayOutputStream())).selected()).isZero();

            // by time: all three, b again under the same key, so the receiver deduplicating on it holds each alert once
            DeadLetterReplay.Report all = replay.replay("ir-soc", new DeadLetterReplay.Selection(Optional.of(before),
                    Optional.of(afterDeadLetters), Set.of()), Duration.ofSeconds(10), new PrintStream(new ByteArrayOutputStream()));
            assertThat(all.delivered()).isEqualTo(3);
            assertThat(soc.delivered()).containsExactlyInAnyOrder(a.getAlertId(), b.getAlertId(), c.getAlertId());
            assertThat(soc.requests().stream().filter(r -> r.answered() == 200)).hasSize(4)
                    .allSatisfy(r -> assertThat(WebhookSignature.verify(r.header(WebhookSignature.HEADER), r.body(),
                            TestSubscriptions.SECRET, Instant.now(), Duration.ofMinutes(5))).isEqualTo(WebhookSignature.Verdict.VALID));
            assertThat(soc.requestsFor(b.getAlertId()).stream().filter(r -> r.answered() == 200)).hasSize(2);
            // the other subscription of the party got nothing more: the replay did not go back onto the alert topic
            assertThat(other.requests()).hasSize(3);

            assertThatThrownBy(() -> replay.replay("ir-nope", new DeadLetterReplay.Selection(Optional.empty(), Optional.empty(),
                    Set.of()), Duration.ofSeconds(1), System.out)).hasMessageContaining("no subscription 'ir-nope'")
                    .hasMessageContaining("ir-soc");
        }
    }

    @Test
    void anAlertThatFailsAgainIsReportedAndLeftOnTheDeadLetterTopic() throws Exception {
        Parties parties = TestParties.unique("ir");
        PartyId ir = TestParties.role(parties, "ir");
        platform.provisionTopics(parties);
        try (WebhookReceiver soc = WebhookReceiver.start((key, attempt) -> Answer.status(403));
             AlertTopics topics = new AlertTopics(platform)) {
            Subscription irSoc = TestSubscriptions.webhook("ir-soc", ir, soc.url());
            Alert a = Alerts.alert(ir, "203.0.113.64").build();
            try (AlertDispatcherService dispatcher = RunningDispatcher.start(platform, parties, irSoc)) {
                topics.send(ir, a);
                assertThat(topics.deadLetters(ir, 1)).hasSize(1);
            }
            DeadLetterReplay.Report report = new DeadLetterReplay(
                    DispatcherSettings.from(platform.settings(parties)).withSubscriptions(List.of(irSoc)), Clock.systemUTC())
                    .replay("ir-soc", new DeadLetterReplay.Selection(Optional.empty(), Optional.empty(), Set.of()),
                            Duration.ofSeconds(5), new PrintStream(new ByteArrayOutputStream()));
            assertThat(report.delivered()).isZero();
            assertThat(report.failed()).containsOnlyKeys(a.getAlertId());
            assertThat(report.failed().get(a.getAlertId())).startsWith("HTTP 403");
            assertThat(topics.deadLetters(ir, 1)).hasSize(1);
        }
    }

    @Test
    void aReplayToAReceiverStillDownEndsAtItsDeadlineAndListsWhatItDidNotTry() throws Exception {
        Parties parties = TestParties.unique("ir");
        PartyId ir = TestParties.role(parties, "ir");
        platform.provisionTopics(parties);
        AtomicBoolean refusing = new AtomicBoolean(true);
        try (WebhookReceiver soc = WebhookReceiver.start((key, attempt) -> Answer.status(refusing.get() ? 403 : 503));
             AlertTopics topics = new AlertTopics(platform)) {
            // no limit on attempts: only time ends the retrying (the 403s below are refused at once anyway)
            Subscription irSoc = TestSubscriptions.webhook("ir-soc", ir, soc.url(),
                    TestSubscriptions.FAST.withMaxAttempts(DeliveryPolicy.NO_ATTEMPT_LIMIT));
            Alert a = Alerts.alert(ir, "203.0.113.65").build();
            Alert b = Alerts.alert(ir, "203.0.113.66").build();
            Alert c = Alerts.alert(ir, "203.0.113.67").build();
            try (AlertDispatcherService dispatcher = RunningDispatcher.start(platform, parties, irSoc)) {
                topics.send(ir, a, b, c);
                assertThat(topics.deadLetters(ir, 3)).hasSize(3);
            }
            refusing.set(false); // still down: 503 is retried, for up to each alert's maximum age of a minute
            long begin = System.nanoTime();
            DeadLetterReplay.Report report = new DeadLetterReplay(
                    DispatcherSettings.from(platform.settings(parties)).withSubscriptions(List.of(irSoc)), Clock.systemUTC())
                    .replay("ir-soc", new DeadLetterReplay.Selection(Optional.empty(), Optional.empty(), Set.of()),
                            Duration.ofMinutes(1), Duration.ofSeconds(2), new PrintStream(new ByteArrayOutputStream()));
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("ends at its deadline, not after 3 maximum ages")
                    .isLessThan(Duration.ofSeconds(30));
            assertThat(report.delivered()).isZero();
            assertThat(report.failed()).hasSize(3);
            assertThat(report.failed().values()).anySatisfy(reason -> assertThat(reason)
                    .isEqualTo("not tried: the replay's deadline of PT2S passed"));
            assertThat(topics.deadLetters(ir, 3)).as("all still on the dead-letter topic").hasSize(3);
        }
    }
}
