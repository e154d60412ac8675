package org.caspianhub.consumers.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertDeliveryFailure;
import org.caspianhub.consumers.subscription.AlertFilter;
import org.caspianhub.consumers.subscription.Destination;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.consumers.testing.AlertTopics;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.consumers.testing.TestSubscriptions;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A subscription's worker on the real broker when delivery goes wrong in ways no destination
 * causes: a sender that breaks its contract, a retry that cannot be scheduled. Whatever happens,
 * the alert ends delivered or dead-lettered and the committed offsets move past it.
 */
class SubscriptionWorkerTest {

    private final TestPlatform platform = TestPlatforms.embedded();
    private final String groupId = "worker-test-" + UUID.randomUUID();
    private PartyId ir;
    private AlertTopics topics;
    private DeadLetterWriter deadLetters;
    private ScheduledExecutorService scheduler;
    private SubscriptionWorker worker;

    @BeforeEach
    void provision() {
        Parties parties = TestParties.unique("ir", "az");
        ir = TestParties.role(parties, "ir");
        platform.provisionTopics(parties);
        topics = new AlertTopics(platform);
        deadLetters = new DeadLetterWriter(kafka(), topics.topics(), groupId + "-dlq");
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
        deadLetters.close();
        scheduler.shutdownNow();
        topics.close();
    }

    @Test
    void anAttemptThatBreaksTheSenderContractIsRetriedAndItsOffsetCommitted() {
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        // a sender bug: the first attempt of every alert returns no result at all
        AlertSender buggy = sender(alert -> attempt -> {
            if (attempt == 1) {
                return null;
            }
            delivered.add(alert.getAlertId());
            return CompletableFuture.completedFuture(new AttemptResult.Delivered(200));
        });
        worker = start(buggy);
        List<Alert> alerts = List.of(Alerts.alert(ir, "203.0.113.60").build(), Alerts.alert(ir, "203.0.113.61").build(),
                Alerts.alert(ir, "203.0.113.62").build());
        topics.send(ir, alerts.toArray(Alert[]::new));

        await().atMost(Duration.ofSeconds(20)).until(() -> delivered.size() == alerts.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> committed() == alerts.size());
        assertThat(worker.ledger().openCount()).isZero();
        assertThat(worker.inFlight()).isZero();
        assertThat(worker.state()).isEqualTo(SubscriptionWorker.State.RUNNING);
    }

    @Test
    void whenARetryCannotEvenBeScheduledTheAlertIsDeadLetteredWithTheReasonAndItsOffsetCommitted() {
        scheduler.shutdownNow(); // every retry is refused
        worker = start(sender(alert -> attempt -> CompletableFuture.completedFuture(
                new AttemptResult.Retryable("HTTP 503", 503, null))));
        Alert alert = Alerts.alert(ir, "203.0.113.63").build();
        topics.send(ir, alert);

        List<AlertDeliveryFailure> dead = topics.deadLetters(ir, 1);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getAlert()).isEqualTo(alert);
        assertThat(dead.get(0).getLastError()).startsWith("the dispatcher failed while delivering it: RejectedExecutionException");
        await().atMost(Duration.ofSeconds(10)).until(() -> committed() == 1);
        assertThat(worker.lastError()).get().asString().contains("RejectedExecutionException");
    }

    private interface Preparer {
        PreparedDelivery prepare(Alert alert);
    }

    private static AlertSender sender(Preparer preparer) {
        return new AlertSender() {
            @Override
            public Optional<PreparedDelivery> prepare(Alert alert) {
                return Optional.of(preparer.prepare(alert));
            }

            @Override
            public void close() {
            }
        };
    }

    private SubscriptionWorker start(AlertSender sender) {
        Subscription subscription = new Subscription("ir-worker", ir, new Destination.Log(), AlertFilter.all(), TestSubscriptions.FAST);
        SubscriptionWorker started = new SubscriptionWorker(subscription, kafka(), groupId,
                topics.topics().alerts(ir), sender, deadLetters,
                new DeliveryMetrics(new SimpleMeterRegistry(), subscription), scheduler, Clock.systemUTC(),
                Duration.ofSeconds(1), Duration.ofMinutes(1));
        started.start();
        return started;
    }

    private Map<String, Object> kafka() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    }

    /** The sum of the group's committed offsets: the alerts it is done with (the topic is new, one record per alert). */
    private long committed() throws Exception {
        try (Admin admin = Admin.create(kafka())) {
            Map<?, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }
}
