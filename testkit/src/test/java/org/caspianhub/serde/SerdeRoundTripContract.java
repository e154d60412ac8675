package org.caspianhub.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.topics.Topics;
import org.caspianhub.topics.TypedTopic;
import org.junit.jupiter.api.Test;

/**
 * Avro records through a real broker and a real registry. Run against the embedded broker and,
 * where Docker exists, against Testcontainers' apache/kafka.
 */
abstract class SerdeRoundTripContract {

    protected abstract TestPlatform platform();

    @Test
    void submissionsSurviveTheTripThroughKafkaInConfluentWireFormat() {
        Parties parties = TestParties.unique("ir");
        PartyId ir = TestParties.role(parties, "ir");
        platform().provisionTopics(parties);
        HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(platform().schemaRegistryUrl());
        Topics topics = new Topics(registry);
        TypedTopic<String, IndicatorSubmission> topic = topics.submissions(ir);

        List<IndicatorSubmission> sent = List.of(submission("hxxp://evil[.]example/payload", IndicatorType.URL),
                submission("203.0.113.7", null), submission("d41d8cd98f00b204e9800998ecf8427e", IndicatorType.MD5));
        try (KafkaProducer<String, IndicatorSubmission> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform().bootstrapServers()),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            sent.forEach(s -> producer.send(new ProducerRecord<>(topic.name(), s.getSubmissionId(), s)));
        }

        List<ConsumerRecord<String, byte[]>> raw = readAll(topic.name(), sent.size());
        List<IndicatorSubmission> received = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : raw) {
            byte[] bytes = record.value();
            assertThat(bytes[0]).as("magic byte").isZero();
            int id = java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt();
            assertThat(registry.schemaById(id)).isEqualTo(IndicatorSubmission.getClassSchema());
            received.add(topic.valueSerde().deserializer().deserialize(record.topic(), bytes));
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(registry.version(topic.name() + "-value", "latest").schema())
                .isEqualTo(IndicatorSubmission.getClassSchema());
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "roundtrip-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).hasSize(expected);
        return records;
    }

    static IndicatorSubmission submission(String value, IndicatorType type) {
        return IndicatorSubmission.newBuilder()
                .setSubmissionId(UUID.randomUUID().toString())
                .setParty("ir")
                .setAction(SubmissionAction.SUBMIT)
                .setValue(value)
                .setType(type)
                .setTlp(Tlp.AMBER)
                .setConfidence(80)
                .setSeverity(Severity.HIGH)
                .setTags(List.of("apt", "c2"))
                .setReferences(List.of("incident:IR-2026-0042"))
                .setChannel(SourceChannel.ANALYST)
                .setSubmitter("analyst-1")
                .setValidUntil(Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS))
                .setSubmittedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build();
    }
}
