package org.caspianhub.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.caspianhub.registry.client.CachingSchemaRegistry;
import org.caspianhub.runtime.Json;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.serde.AvroLimits;
import org.caspianhub.serde.WireFormat;

/**
 * {@code caspian-hub admin tail TOPIC}: prints each record of any topic as one line of JSON
 * ({@code topic}, {@code partition}, {@code offset}, {@code timestamp}, {@code key}, {@code value}),
 * decoding Confluent-wire-format Avro through the schema registry by the writer's schema id. A
 * value that is not Avro is shown as text (or base64), one that cannot be decoded gets a
 * {@code valueError} instead, so one bad record never stops the tail. Reads every partition
 * without a consumer group: nothing is committed, no group is left behind.
 */
final class TopicTail {

    /** What to read: from the beginning or only what comes next; only one key; at most {@code max} records (0: no limit). */
    record Options(String topic, boolean fromBeginning, String key, long max, boolean readCommitted) {
    }

    static {
        AvroLimits.apply(); // a record claiming a 2 GB string is shown with a valueError, not an OutOfMemoryError
    }

    private final PlatformSettings platform;
    private final CachingSchemaRegistry registry;
    private final Map<Integer, GenericDatumReader<Object>> readers = new ConcurrentHashMap<>();
    private volatile KafkaConsumer<byte[], byte[]> running;

    TopicTail(PlatformSettings platform) {
        this.platform = platform;
        this.registry = platform.schemaRegistry();
    }

    /** Prints records until {@code max} were printed or {@link #stop()}; returns how many were printed. */
    long run(Options options, PrintStream out) {
        Map<String, Object> props = new HashMap<>(platform.kafkaClientProperties());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // a mistyped topic name must not create it
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, options.readCommitted() ? "read_committed" : "read_uncommitted");
        long printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(options.topic(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("there is no topic '" + options.topic() + "' on " + props.get("bootstrap.servers"));
            }
            consumer.assign(partitions);
            if (options.fromBeginning()) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position); // fix "the end" now, not at the first poll
            }
            running = consumer;
            while (options.max() <= 0 || printed < options.max()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = text(record.key());
                    if (options.key() != null && !options.key().equals(key)) {
                        continue;
                    }
                    out.println(line(record, key));
                    out.flush();
                    if (++printed == options.max()) {
                        break;
                    }
                }
            }
        } catch (WakeupException e) {
            // stopped
        } finally {
            running = null;
        }
        return printed;
    }

    /** Ends {@link #run} from another thread (Ctrl-C). */
    void stop() {
        KafkaConsumer<byte[], byte[]> consumer = running;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    private String line(ConsumerRecord<byte[], byte[]> record, String key) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        line.put("key", key);
        try {
            line.set("value", value(record.topic(), record.value()));
        } catch (RuntimeException | IOException e) {
            line.putNull("value");
            line.put("valueError", e.getMessage() == null ? e.toString() : e.getMessage());
        }
        try {
            return Json.mapper().writeValueAsString(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode value(String topic, byte[] data) throws IOException {
        if (data == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (data.length < WireFormat.HEADER_LENGTH || data[0] != WireFormat.MAGIC_BYTE) {
            return JsonNodeFactory.instance.textNode(Objects.requireNonNullElse(text(data), "base64:"
                    + java.util.Base64.getEncoder().encodeToString(data)));
        }
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        GenericDatumReader<Object> reader = readers.computeIfAbsent(id, i -> {
            try {
                return new GenericDatumReader<>(registry.schemaById(i));
            } catch (RuntimeException e) {
                throw new IllegalStateException("schema id " + i + " of this record is not in the registry at "
                        + platform.schemaRegistryUrl() + ": " + e.getMessage(), e);
            }
        });
        Object datum = reader.read(null, DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_LENGTH,
                data.length - WireFormat.HEADER_LENGTH, null));
        Schema schema = reader.getSchema();
        return AvroJson.toJson(datum, schema);
    }

    /** UTF-8 text, or null when the bytes are not UTF-8. */
    private static String text(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
