package org.caspianhub.consumers.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertDeliveryFailure;
import org.caspianhub.parties.PartyId;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.topics.Topics;
import org.caspianhub.topics.TypedTopic;

/** Writes alerts onto a party's alert topic of a real broker, and reads its dead-letter topic back, as the topology and an operator would. */
public final class AlertTopics implements AutoCloseable {

    private final TestPlatform platform;
    private final Topics topics;
    private final KafkaProducer<String, Alert> producer;

    public AlertTopics(TestPlatform platform) {
        this.platform = platform;
        this.topics = new Topics(new HttpSchemaRegistryClient(platform.schemaRegistryUrl()));
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        // the topology's producers compress with LZ4 (StreamsProperties); the alert topic's own codec decides what readers get
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(props, new org.apache.kafka.common.serialization.StringSerializer(),
                topics.alertSerde().serializer());
    }

    public Topics topics() {
        return topics;
    }

    /** Sends to the alert topic of {@code party} and waits for the broker's acknowledgement. */
    public void send(PartyId party, Alert... alerts) {
        TypedTopic<String, Alert> topic = topics.alerts(party);
        try {
            for (Alert alert : alerts) {
                producer.send(new ProducerRecord<>(topic.name(), alert.getAlertId(), alert)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce alerts: " + e, e);
        }
    }

    /** Sends many alerts at once (not one round trip each) and waits for every acknowledgement. */
    public void sendAll(PartyId party, List<Alert> alerts) {
        TypedTopic<String, Alert> topic = topics.alerts(party);
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (Alert alert : alerts) {
            sent.add(producer.send(new ProducerRecord<>(topic.name(), alert.getAlertId(), alert)));
        }
        try {
            for (java.util.concurrent.Future<?> ack : sent) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce alerts: " + e, e);
        }
    }

    /** Sends raw bytes (a poison pill) to a party's alert topic. */
    public void sendRaw(PartyId party, byte[] value) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props, new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topics.alerts(party).name(), "poison", value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the dead-letter topic of {@code party} until {@code expected} records arrived or 20 s passed. */
    public List<AlertDeliveryFailure> deadLetters(PartyId party, int expected) {
        TypedTopic<String, AlertDeliveryFailure> topic = topics.alertsDeadLetter(party);
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<AlertDeliveryFailure> records = new ArrayList<>();
        try (KafkaConsumer<String, AlertDeliveryFailure> consumer = new KafkaConsumer<>(props,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(r.value()));
            }
            // a little longer, to catch records beyond the expected count
            consumer.poll(Duration.ofMillis(300)).forEach(r -> records.add(r.value()));
        }
        return records;
    }

    @Override
    public void close() {
        producer.close();
    }
}
