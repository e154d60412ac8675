package org.caspianhub.consumers.dispatch;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.caspianhub.avro.AlertDeliveryFailure;
import org.caspianhub.consumers.delivery.AlertSender;
import org.caspianhub.consumers.delivery.DeliveryOutcome;
import org.caspianhub.consumers.delivery.PreparedDelivery;
import org.caspianhub.consumers.delivery.RetryingDelivery;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.topics.Topics;
import org.caspianhub.topics.TypedTopic;

/**
 * {@code caspian-hub admin replay-dlq}: delivers a subscription's dead letters again, straight to
 * that subscription's destination (not back onto the alert topic, where every other subscription
 * of the party would get them too). Each alert goes with its alert id as Idempotency-Key, as the
 * first time, so replaying twice, or replaying an alert the receiver did get, is harmless. An
 * alert dead-lettered several times is sent once per replay. Alerts are sent one at a time (in
 * each partition's order), each retried like a delivery for up to {@code maxAge}; one that fails
 * again stays where it is on the dead-letter topic and is reported, and the next replay tries it
 * again.
 */
public final class DeadLetterReplay {

    /** Which dead letters: dead-lettered within [from, to) and, if any ids are given, only those alerts. */
    public record Selection(Optional<Instant> from, Optional<Instant> to, Set<String> alertIds) {
        public Selection {
            alertIds = Set.copyOf(alertIds);
        }

        boolean matches(AlertDeliveryFailure failure) {
            Instant at = failure.getFailedAt();
            return from.map(f -> !at.isBefore(f)).orElse(true)
                    && to.map(t -> at.isBefore(t)).orElse(true)
                    && (alertIds.isEmpty() || alertIds.contains(failure.getAlert().getAlertId()));
        }
    }

    /** What a replay did; {@code failed} holds the alert ids that were not delivered, with the reason. */
    public record Report(int selected, int delivered, int skipped, Map<String, String> failed) {
    }

    private final DispatcherSettings settings;
    private final Clock clock;

    public DeadLetterReplay(DispatcherSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public Report replay(String subscriptionId, Selection selection, Duration maxAge, PrintStream out) {
        return replay(subscriptionId, selection, maxAge, null, out);
    }

    /**
     * @param deadline the longest the whole replay may take (null: none): each alert is retried at most
     *                 until then, and the alerts not tried by then are listed as failed, left on the topic
     */
    public Report replay(String subscriptionId, Selection selection, Duration maxAge, Duration deadline, PrintStream out) {
        Subscription subscription = settings.subscriptions().stream().filter(s -> s.id().equals(subscriptionId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no subscription '" + subscriptionId + "' in "
                        + settings.subscriptionsFile().map(Object::toString).orElse("the demo subscriptions") + "; known: "
                        + settings.subscriptions().stream().map(Subscription::id).toList()));
        List<AlertDeliveryFailure> letters = read(subscription, selection);
        int delivered = 0;
        int skipped = 0;
        Map<String, String> failed = new LinkedHashMap<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "replay-retries");
            thread.setDaemon(true);
            return thread;
        });
        try (AlertSender sender = AlertDispatcherService.sender(subscription, clock)) {
            Instant endBy = deadline == null ? null : clock.instant().plus(deadline);
            for (AlertDeliveryFailure letter : letters) {
                String id = letter.getAlert().getAlertId();
                Duration budget = endBy == null ? maxAge : min(maxAge, Duration.between(clock.instant(), endBy));
                if (budget.isNegative() || budget.isZero()) {
                    failed.put(id, "not tried: the replay's deadline of " + deadline + " passed");
                    out.printf("not tried %s: the replay's deadline of %s passed%n", id, deadline);
                    continue;
                }
                RetryingDelivery retrying = new RetryingDelivery(subscription.policy().withMaxAge(budget), scheduler, result -> {
                }, clock);
                Optional<PreparedDelivery> prepared = sender.prepare(letter.getAlert());
                if (prepared.isEmpty()) {
                    skipped++;
                    out.printf("skipped   %s: the destination cannot represent it%n", id);
                    continue;
                }
                DeliveryOutcome outcome = await(retrying.deliver(prepared.get()));
                if (outcome instanceof DeliveryOutcome.Delivered d) {
                    delivered++;
                    out.printf("delivered %s (%d attempt%s)%n", id, d.attempts(), d.attempts() == 1 ? "" : "s");
                } else if (outcome instanceof DeliveryOutcome.Failed f) {
                    failed.put(id, f.lastError());
                    out.printf("failed    %s: %s%n", id, f.lastError());
                } else {
                    failed.put(id, "abandoned");
                }
            }
        } finally {
            scheduler.shutdownNow();
        }
        out.printf("subscription %s: %d dead letter(s) selected, %d delivered, %d skipped, %d failed (still on %s)%n",
                subscriptionId, letters.size(), delivered, skipped, failed.size(),
                org.caspianhub.topics.HubTopics.alertsDeadLetter(subscription.party()));
        return new Report(letters.size(), delivered, skipped, failed);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static DeliveryOutcome await(CompletableFuture<DeliveryOutcome> outcome) {
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the replay failed: " + e.getCause(), e.getCause());
        }
    }

    /** The subscription's dead letters on its party's topic as they are now (up to the current end), one per alert id. */
    private List<AlertDeliveryFailure> read(Subscription subscription, Selection selection) {
        Topics topics = new Topics(settings.platform().schemaRegistry(), false);
        TypedTopic<String, AlertDeliveryFailure> topic = topics.alertsDeadLetter(subscription.party());
        Map<String, Object> props = new HashMap<>(settings.platform().kafkaClientProperties());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // a mistyped topic name must not create it
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, AlertDeliveryFailure> byAlert = new LinkedHashMap<>();
        try (KafkaConsumer<String, AlertDeliveryFailure> consumer = new KafkaConsumer<>(props,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, AlertDeliveryFailure> record : consumer.poll(Duration.ofMillis(200))) {
                    AlertDeliveryFailure failure = record.value();
                    if (failure != null && failure.getSubscriptionId().equals(subscription.id()) && selection.matches(failure)) {
                        byAlert.putIfAbsent(failure.getAlert().getAlertId(), failure);
                    }
                }
            }
        }
        return List.copyOf(byAlert.values());
    }
}
