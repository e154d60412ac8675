package org.caspianhub.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's durable state: a compacted, single-partition Kafka topic holding one record per
 * subject version and per compatibility setting, in the JSON shape Confluent's registry uses for
 * its own {@code _schemas} topic. Replaying it rebuilds the store, so a restart keeps every id.
 */
final class KafkaSchemaLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(120);

    private final String topic;
    private final Map<String, Object> clientProps;
    private final KafkaProducer<String, String> producer;

    KafkaSchemaLog(Map<String, Object> clientProps, String topic) {
        this.topic = topic;
        this.clientProps = Map.copyOf(clientProps);
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "caspian-registry-log");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Creates the topic when it does not exist (compacted, one partition so order is total). */
    void ensureTopic(short replicationFactor) {
        try (Admin admin = Admin.create(clientProps)) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, 1, replicationFactor)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw RegistryError.storeError("cannot create topic " + topic + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw RegistryError.storeError("timed out creating topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.storeError("interrupted creating topic " + topic, e);
        }
    }

    /** Reads the whole topic into {@code store}; returns how many records it applied. */
    int replayInto(SchemaStore store) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "caspian-registry-replay");
        TopicPartition partition = new TopicPartition(topic, 0);
        int applied = 0;
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            long deadline = System.nanoTime() + REPLAY_TIMEOUT.toNanos();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw RegistryError.storeError("could not read " + topic + " to its end (offset " + end
                            + ") within " + REPLAY_TIMEOUT.toSeconds() + " s", null);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (apply(record, store)) {
                        applied++;
                    }
                }
            }
        }
        LOG.info("schema registry state rebuilt from {}: {} records", topic, applied);
        return applied;
    }

    private static boolean apply(ConsumerRecord<String, String> record, SchemaStore store) {
        if (record.value() == null) {
            return false; // a tombstone: nothing to restore
        }
        try {
            JsonNode key = JSON.readTree(record.key());
            JsonNode value = JSON.readTree(record.value());
            switch (key.path("keytype").asText()) {
                case "SCHEMA" -> store.apply(new SchemaStore.SchemaVersion(value.get("subject").asText(),
                        value.get("version").asInt(), value.get("id").asInt(),
                        new Schema.Parser().parse(value.get("schema").asText())));
                case "CONFIG" -> {
                    String subject = key.path("subject").isTextual() ? key.get("subject").asText() : null;
                    CompatibilityLevel.parse(value.path("compatibilityLevel").asText())
                            .ifPresent(level -> store.applyConfig(subject, level));
                }
                default -> {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            // one bad record must not keep the registry from starting: skip it, say where
            LOG.warn("skipping unreadable registry record at offset {}: {}", record.offset(), e.toString());
            return false;
        }
    }

    void appendSchema(SchemaStore.SchemaVersion version) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", version.subject())
                .put("version", version.version()).put("magic", 1);
        ObjectNode value = JSON.createObjectNode().put("subject", version.subject()).put("version", version.version())
                .put("id", version.id()).put("schemaType", "AVRO").put("schema", version.schema().toString())
                .put("deleted", false);
        send(key.toString(), value.toString());
    }

    void appendConfig(String subject, CompatibilityLevel level) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG").put("magic", 0);
        if (subject == null) {
            key.putNull("subject");
        } else {
            key.put("subject", subject);
        }
        send(key.toString(), JSON.createObjectNode().put("compatibilityLevel", level.name()).toString());
    }

    private void send(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, key, value)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw RegistryError.storeError("cannot write to " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.storeError("interrupted writing to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
