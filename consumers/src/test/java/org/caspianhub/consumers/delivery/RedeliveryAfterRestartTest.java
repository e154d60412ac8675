package org.caspianhub.consumers.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.dispatch.AlertDispatcherService;
import org.caspianhub.consumers.subscription.DeliveryPolicy;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.consumers.testing.AlertTopics;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.consumers.testing.RunningDispatcher;
import org.caspianhub.consumers.testing.TestSubscriptions;
import org.caspianhub.consumers.testing.WebhookReceiver;
import org.caspianhub.consumers.testing.WebhookReceiver.Answer;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offsets are committed only after delivery or dead-lettering: a dispatcher that stops, or is
 * killed outright, loses no alert, and a restarted one does not re-send what was delivered.
 */
class RedeliveryAfterRestartTest {

    private final TestPlatform platform = TestPlatforms.embedded();
    private Parties parties;
    private PartyId ir;
    private AlertTopics topics;

    @BeforeEach
    void provision() {
        parties = TestParties.unique("ir", "az");
        ir = TestParties.role(parties, "ir");
        platform.provisionTopics(parties);
        topics = new AlertTopics(platform);
    }

    @AfterEach
    void close() {
        topics.close();
    }

    @Test
    void afterARestartUnfinishedAlertsAreDeliveredAndFinishedOnesAreNotRepeated() {
        Alert stuck = Alerts.alert(ir, "203.0.113.10").build();
        AtomicBoolean receiverFixed = new AtomicBoolean(false);
        DeliveryPolicy patient = TestSubscriptions.FAST.withMaxAttempts(100).withBackoff(Duration.ofMillis(50), Duration.ofMillis(100));
        try (WebhookReceiver receiver = WebhookReceiver.start((key, attempt) ->
                key.equals(stuck.getAlertId()) && !receiverFixed.get() ? Answer.status(503) : Answer.ok())) {
            Subscription subscription = TestSubscriptions.webhook("ir-soc", ir, receiver.url(), patient);
            Alert first = Alerts.alert(ir, "203.0.113.11").build();
            Alert second = Alerts.alert(ir, "203.0.113.12").build();

            AlertDispatcherService before = RunningDispatcher.start(platform, parties, subscription);
            topics.send(ir, first, second, stuck);
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.delivered().size() == 2
                    && receiver.requestsFor(stuck.getAlertId()).size() >= 2);
            before.close();
            receiverFixed.set(true);

            AlertDispatcherService after = RunningDispatcher.start(platform, parties, subscription);
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> receiver.delivered().contains(stuck.getAlertId()));
                assertThat(receiver.requestsFor(first.getAlertId())).hasSize(1);
                assertThat(receiver.requestsFor(second.getAlertId())).hasSize(1);
            } finally {
                after.close();
            }
        }
    }

    @Test
    void aKilledDispatcherLosesNoAlert(@TempDir Path dir) throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start((key, attempt) -> Answer.ok().after(Duration.ofMillis(150)))) {
            Path subscriptions = dir.resolve("subscriptions.json");
            Files.writeString(subscriptions, """
                    {"subscriptions": [{"id": "ir-soc", "party": "%s",
                      "destination": {"type": "webhook", "url": "%s", "secretEnv": "TEST_WEBHOOK_SECRET",
                                      "allowPrivateNetwork": true},
                      "delivery": {"maxInFlight": 2, "initialBackoff": "50ms", "maxBackoff": "200ms"}}]}
                    """.formatted(ir.value(), receiver.url()));
            List<Alert> alerts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                alerts.add(Alerts.alert(ir, "192.0.2." + (i + 1)).build());
            }
            topics.send(ir, alerts.toArray(Alert[]::new));

            Process child = startDispatcherProcess(subscriptions, dir.resolve("dispatcher.log"));
            int deliveredBeforeCrash;
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.delivered().size() >= 6);
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
                child.waitFor(10, TimeUnit.SECONDS);
                deliveredBeforeCrash = receiver.delivered().size();
            }
            assertThat(deliveredBeforeCrash).as("the crash came mid-stream").isLessThan(alerts.size());

            Subscription same = TestSubscriptions.webhook("ir-soc", ir, receiver.url(), TestSubscriptions.FAST.withMaxInFlight(8));
            AlertDispatcherService restarted = RunningDispatcher.start(platform, parties, same);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered().size() == alerts.size());
                assertThat(receiver.delivered()).containsExactlyInAnyOrderElementsOf(alerts.stream().map(Alert::getAlertId).toList());
            } finally {
                restarted.close();
            }
        }
    }

    /** The dispatcher's own main in a child JVM, configured as an operator would: environment and a subscriptions file. */
    private Process startDispatcherProcess(Path subscriptions, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                AlertDispatcherService.class.getName());
        Map<String, String> env = builder.environment();
        env.put("CASPIAN_KAFKA_BOOTSTRAP", platform.bootstrapServers());
        env.put("CASPIAN_SCHEMA_REGISTRY_URL", platform.schemaRegistryUrl());
        env.put("CASPIAN_PARTIES", String.join(",", parties.all().stream().map(PartyId::value).toList()));
        env.put("CASPIAN_AMBER_AGREEMENTS", "none");
        env.put("CASPIAN_SUBSCRIPTIONS_FILE", subscriptions.toString());
        env.put("CASPIAN_DISPATCHER_PORT", "0");
        env.put("TEST_WEBHOOK_SECRET", TestSubscriptions.SECRET.reveal());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }
}
