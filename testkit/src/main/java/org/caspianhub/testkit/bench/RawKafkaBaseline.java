package org.caspianhub.testkit.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline every benchmark compares with, in the same run on the same broker: the same
 * records (as bytes) produced with {@code acks=all} and idempotence, and consumed back, with no
 * hub code in between.
 */
public final class RawKafkaBaseline {

    /** Produce-and-consume timing of one pass. */
    public record Result(long records, double produceSeconds, double endToEndSeconds) {
        public double rate() {
            return records / endToEndSeconds;
        }
    }

    private RawKafkaBaseline() {
    }

    public static Result run(String bootstrapServers, int partitions, List<byte[]> keys, List<byte[]> values)
            throws Exception {
        String topic = "bench.raw." + UUID.randomUUID();
        Map<String, Object> common = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> producerProps = new HashMap<>(common);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        Map<String, Object> consumerProps = new HashMap<>(common);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");

        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            consumer.poll(Duration.ofMillis(100)); // join the group before the clock matters
            start = System.nanoTime();
            double produceSeconds;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps,
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                AtomicLong failed = new AtomicLong();
                AtomicReference<Exception> firstFailure = new AtomicReference<>();
                for (int i = 0; i < values.size(); i++) {
                    producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i)), (metadata, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, e);
                        }
                    });
                }
                producer.flush();
                produceSeconds = (System.nanoTime() - start) / 1e9;
                if (failed.get() > 0) {
                    // a baseline that lost records measures less work than the pass it is compared with
                    throw new IllegalStateException("raw Kafka baseline: " + failed.get() + " of " + values.size()
                            + " sends failed, the first with " + firstFailure.get(), firstFailure.get());
                }
            }
            long consumed = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (consumed < values.size() && System.nanoTime() < deadline) {
                consumed += consumer.poll(Duration.ofMillis(100)).count();
            }
            if (consumed < values.size()) {
                throw new IllegalStateException("raw Kafka baseline: read " + consumed + " of " + values.size()
                        + " records in 5 minutes; no figure is printed for a pass that did not finish");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(consumed, produceSeconds, seconds);
        }
    }
}
