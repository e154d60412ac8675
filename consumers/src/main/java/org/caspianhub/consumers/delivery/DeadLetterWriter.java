package org.caspianhub.consumers.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertDeliveryFailure;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.topics.TopicCatalogue;
import org.caspianhub.topics.Topics;
import org.caspianhub.topics.TypedTopic;

/**
 * Writes alerts that could not be delivered to their party's {@code cti.<party>.alerts.dlq},
 * with the subscription, the destination (without credentials), the attempts and the last
 * error, so an operator can see why and replay them. Acknowledged by every in-sync replica before
 * the alert's offset may be committed.
 */
public final class DeadLetterWriter implements AutoCloseable {

    private final KafkaProducer<String, AlertDeliveryFailure> producer;
    private final Topics topics;

    public DeadLetterWriter(Map<String, Object> kafkaClientProperties, Topics topics, String clientId) {
        this.topics = topics;
        Map<String, Object> props = new HashMap<>(kafkaClientProperties);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(props, new org.apache.kafka.common.serialization.StringSerializer(),
                topics.valueSerde(TopicCatalogue.ALERTS_DEAD_LETTER).serializer());
    }

    public CompletableFuture<Void> write(Subscription subscription, Alert alert, DeliveryOutcome.Failed failure) {
        TypedTopic<String, AlertDeliveryFailure> topic = topics.alertsDeadLetter(subscription.party());
        AlertDeliveryFailure record = AlertDeliveryFailure.newBuilder()
                .setAlert(alert)
                .setSubscriptionId(subscription.id())
                .setDestination(subscription.destination().describe())
                .setAttempts(failure.attempts())
                .setLastError(failure.lastError())
                .setLastStatus(failure.lastStatus())
                .setFirstAttemptAt(failure.firstAttemptAt())
                .setFailedAt(failure.failedAt())
                .build();
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic.name(), alert.getAlertId(), record), (metadata, error) -> {
                if (error != null) {
                    written.completeExceptionally(error);
                } else {
                    written.complete(null);
                }
            });
        } catch (RuntimeException e) {
            written.completeExceptionally(e);
        }
        return written;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
