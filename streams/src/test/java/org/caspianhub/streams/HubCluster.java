package org.caspianhub.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.Rejection;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.runtime.Settings;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.topics.TopicCatalogue;
import org.caspianhub.topics.Topics;
import org.caspianhub.topics.TypedTopic;

/**
 * A test's own slice of a real Kafka cluster: unique parties and their topics, a producer for
 * their submissions, read-committed readers of their alert and rejection topics, and settings
 * for a {@link StreamsService} of its own.
 */
final class HubCluster implements AutoCloseable {

    final TestPlatform platform;
    final Parties parties;
    final Topics topics;
    final String applicationId = "hub-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final KafkaProducer<String, IndicatorSubmission> producer;

    HubCluster(TestPlatform platform, String... roles) {
        this.platform = platform;
        this.parties = org.caspianhub.testkit.TestParties.unique(roles);
        platform.provisionTopics(parties);
        this.topics = new Topics(new HttpSchemaRegistryClient(platform.schemaRegistryUrl()));
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(props, new org.apache.kafka.common.serialization.StringSerializer(),
                topics.valueSerde(TopicCatalogue.SUBMISSIONS).serializer());
    }

    PartyId party(String role) {
        return org.caspianhub.testkit.TestParties.role(parties, role);
    }

    StreamsSettings settings(Path stateDir) {
        Settings settings = platform.settings(parties).with(Map.of(
                "CASPIAN_STREAMS_APPLICATION_ID", applicationId,
                "CASPIAN_STREAMS_STATE_DIR", stateDir.toString(),
                "CASPIAN_STREAMS_PORT", "0",
                "CASPIAN_STREAMS_THREADS", "1"));
        return StreamsSettings.from(settings);
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("hub-streams");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void submit(String role, IndicatorSubmission submission) {
        TypedTopic<String, IndicatorSubmission> topic = topics.submissions(party(role));
        producer.send(new ProducerRecord<>(topic.name(), submission.getSubmissionId(), submission));
    }

    /** Writes to one partition of the party's submissions topic, as a producer choosing partitions itself does. */
    void submitTo(String role, int partition, IndicatorSubmission submission) {
        TypedTopic<String, IndicatorSubmission> topic = topics.submissions(party(role));
        producer.send(new ProducerRecord<>(topic.name(), partition, submission.getSubmissionId(), submission));
    }

    void flush() {
        producer.flush();
    }

    /** Reads a party's alerts, committed ones only, until {@code expected} have arrived or the time is up. */
    List<Alert> alerts(String role, int expected, Duration within) {
        return read(topics.alerts(party(role)).name(), topics.alertSerde().deserializer(), expected, within);
    }

    List<Rejection> rejections(String role, int expected, Duration within) {
        return read(topics.rejected(party(role)).name(), topics.valueSerde(TopicCatalogue.REJECTED).deserializer(), expected, within);
    }

    private <T> List<T> read(String topic, org.apache.kafka.common.serialization.Deserializer<T> deserializer,
                             int expected, Duration within) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<T> records = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + within.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(r.value());
                }
            }
            // a little longer, to catch anything beyond what was expected (duplicates)
            long settle = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            while (System.nanoTime() < settle) {
                for (ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(r.value());
                }
            }
        }
        return records;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
