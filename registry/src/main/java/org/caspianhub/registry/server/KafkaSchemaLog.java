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
 * subject version (soft-deleted ones marked {@code deleted}), per subject config and per soft-deleted
 * subject, in the JSON shape Confluent's registry uses for its own {@code _schemas} topic; a permanent
 * delete is a tombstone. Replaying it rebuilds the store, so a restart keeps every id and every delete.
 */
final class KafkaSchemaLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(120);
    /** The hub's own record type (Confluent's registry skips record types it does not know). */
    private static final String ID_WATERMARK = "CASPIAN_ID_WATERMARK";

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
        List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
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
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        ReferenceResolver.Lookup wholeLog = LoggedVersions.of(records);
        int applied = 0;
        for (ConsumerRecord<String, String> record : records) {
            if (apply(record, store, wholeLog)) {
                applied++;
            }
        }
        LOG.info("schema registry state rebuilt from {}: {} records", topic, applied);
        return applied;
    }

    private static boolean apply(ConsumerRecord<String, String> record, SchemaStore store, ReferenceResolver.Lookup wholeLog) {
        try {
            JsonNode key = JSON.readTree(record.key());
            JsonNode value = record.value() == null ? null : JSON.readTree(record.value());
            String subject = key.path("subject").isTextual() ? key.get("subject").asText() : null;
            switch (key.path("keytype").asText()) {
                case "SCHEMA" -> {
                    if (value == null) {
                        store.removeVersion(subject, key.path("version").asInt()); // a permanent delete
                    } else {
                        // references resolve against every version in the log, wherever its latest record is;
                        // a reference may name a version deleted later: replay accepts soft-deleted targets
                        SchemaStore.StoredSchema schema = new ReferenceResolver(wholeLog, true)
                                .parse(value.get("schema").asText(), ReferenceResolver.referencesIn(value));
                        store.apply(new SchemaStore.SchemaVersion(value.get("subject").asText(),
                                value.get("version").asInt(), value.get("id").asInt(), schema,
                                value.path("deleted").asBoolean(false)));
                    }
                }
                case "CONFIG" -> store.applyConfig(subject, value == null ? SchemaStore.SubjectConfig.NONE : config(value));
                case "DELETE_SUBJECT" -> {
                    if (value != null) {
                        store.applySubjectDeleted(value.get("subject").asText(), value.get("version").asInt());
                    }
                }
                case ID_WATERMARK -> {
                    if (value != null) {
                        store.applyHighestId(value.get("id").asInt());
                    }
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

    /** Every subject version in the log as its latest SCHEMA record has it (a tombstone removes it). */
    private static final class LoggedVersions {

        static ReferenceResolver.Lookup of(List<ConsumerRecord<String, String>> records) {
            Map<String, java.util.TreeMap<Integer, ReferenceResolver.Target>> subjects = new HashMap<>();
            for (ConsumerRecord<String, String> record : records) {
                try {
                    JsonNode key = JSON.readTree(record.key());
                    if (!"SCHEMA".equals(key.path("keytype").asText())) {
                        continue;
                    }
                    String subject = key.path("subject").asText();
                    int version = key.path("version").asInt();
                    var versions = subjects.computeIfAbsent(subject, s -> new java.util.TreeMap<>());
                    if (record.value() == null) {
                        versions.remove(version);
                    } else {
                        JsonNode value = JSON.readTree(record.value());
                        versions.put(version, new ReferenceResolver.Target(subject, version, value.get("schema").asText(),
                                ReferenceResolver.referencesIn(value), value.path("deleted").asBoolean(false)));
                    }
                } catch (IOException | RuntimeException e) {
                    // apply() says which record it skips
                }
            }
            return new ReferenceResolver.Lookup() {
                @Override
                public java.util.Optional<ReferenceResolver.Target> find(String subject, int version) {
                    return java.util.Optional.ofNullable(subjects.getOrDefault(subject, new java.util.TreeMap<>()).get(version));
                }

                @Override
                public List<ReferenceResolver.Target> versions(String subject) {
                    return List.copyOf(subjects.getOrDefault(subject, new java.util.TreeMap<>()).values());
                }
            };
        }
    }

    private static SchemaStore.SubjectConfig config(JsonNode value) {
        return new SchemaStore.SubjectConfig(
                value.hasNonNull("compatibilityLevel") ? CompatibilityLevel.parse(value.get("compatibilityLevel").asText())
                        : java.util.Optional.empty(),
                value.hasNonNull("normalize") ? java.util.Optional.of(value.get("normalize").asBoolean())
                        : java.util.Optional.empty());
    }

    /** A subject version, live or soft-deleted (Confluent's SCHEMA record, {@code deleted} set). */
    void appendSchema(SchemaStore.SchemaVersion version) {
        ObjectNode value = JSON.createObjectNode().put("subject", version.subject()).put("version", version.version())
                .put("id", version.id()).put("schemaType", "AVRO").put("schema", version.stored().text());
        ReferenceResolver.write(version.stored().references(), value);
        value.put("deleted", version.deleted());
        send(schemaKey(version), value.toString());
    }

    /** A permanently deleted version: a tombstone on its SCHEMA key, which compaction then drops. */
    void appendSchemaRemoved(SchemaStore.SchemaVersion version) {
        send(schemaKey(version), null);
    }

    /** A soft-deleted subject: every version up to {@code watermark} (Confluent's DELETE_SUBJECT record). */
    void appendSubjectDeleted(String subject, int watermark) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "DELETE_SUBJECT").put("subject", subject).put("magic", 0);
        send(key.toString(), JSON.createObjectNode().put("subject", subject).put("version", watermark).toString());
    }

    /**
     * The highest id handed out so far, written after a permanent delete: compaction drops the
     * deleted version's record, and without this a restarted registry could hand its id out again
     * to another schema, which a consumer holding the old id would then misread.
     */
    void appendHighestId(int id) {
        ObjectNode key = JSON.createObjectNode().put("keytype", ID_WATERMARK).put("magic", 0);
        send(key.toString(), JSON.createObjectNode().put("id", id).toString());
    }

    void appendConfig(String subject, SchemaStore.SubjectConfig config) {
        ObjectNode value = JSON.createObjectNode();
        config.compatibility().ifPresent(level -> value.put("compatibilityLevel", level.name()));
        config.normalize().ifPresent(normalize -> value.put("normalize", normalize));
        send(configKey(subject), value.toString());
    }

    /** A deleted subject config: a tombstone on its CONFIG key. */
    void appendConfigRemoved(String subject) {
        send(configKey(subject), null);
    }

    private static String schemaKey(SchemaStore.SchemaVersion version) {
        return JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", version.subject())
                .put("version", version.version()).put("magic", 1).toString();
    }

    private static String configKey(String subject) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG").put("magic", 0);
        if (subject == null) {
            key.putNull("subject");
        } else {
            key.put("subject", subject);
        }
        return key.toString();
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
