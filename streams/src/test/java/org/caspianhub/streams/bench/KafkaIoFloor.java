package org.caspianhub.streams.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * What the hub's Kafka traffic costs on its own: a Kafka Streams application with the hub's
 * exactly-once settings that reads the same submissions and writes, per submission, the records
 * the hub writes (a store entry with its changelog, a publication, and as many alerts on average
 * as the hub sent), copied from the hub's own output, with none of the hub's logic in between.
 * No topology that writes these records can run faster than this on the same machine, which makes
 * it the ceiling for the hub's figure; {@link Shape#storeOnly()} is the "bare reduce" (one store
 * write per record, nothing published).
 */
final class KafkaIoFloor {

    /** The records written per submission: real values from the hub's topics, used in turn. */
    record Shape(List<byte[]> states, List<byte[]> publications, List<byte[]> alerts, double alertsPerSubmission) {

        static Shape storeOnly(List<byte[]> states) {
            return new Shape(states, List.of(), List.of(), 0);
        }
    }

    private static final String STORE = "floor-state";

    private KafkaIoFloor() {
    }

    /** Seconds from the first send until every output record of the last one is readable (read_committed). */
    static double run(String bootstrapServers, Properties hubStreamsProperties, String applicationId,
                      List<String> inputTopics, List<Integer> inputPartitions, List<byte[]> keys, List<byte[]> values,
                      int partitions, Shape shape) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String in0 = "bench.floor.in.a." + run;
        String in1 = "bench.floor.in.b." + run;
        String publications = "bench.floor.indicators." + run;
        String alerts0 = "bench.floor.alerts.a." + run;
        String alerts1 = "bench.floor.alerts.b." + run;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String t : List.of(in0, in1, publications, alerts0, alerts1)) {
                topics.add(new NewTopic(t, partitions, (short) 1));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
        // the hub's submissions come from two parties' topics: keep that split
        String firstInput = inputTopics.get(0);

        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(),
                Serdes.ByteArray()));
        var written = builder.stream(List.of(in0, in1), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .process(() -> new WriteLikeTheHub(shape, alerts0, alerts1, publications), Named.as("write-like-the-hub"),
                        STORE);
        written.to((key, out, ctx) -> out.topic(), Produced.with(Serdes.ByteArray(),
                Serdes.serdeFrom((Serializer<Out>) (topic, out) -> out.value(), (Deserializer<Out>) (topic, bytes) -> null)));

        Properties props = new Properties();
        props.putAll(hubStreamsProperties);
        props.put("application.id", applicationId + "-" + run);
        long expectedOutputs = 0;
        for (byte[] key : keys) {
            expectedOutputs += (shape.publications().isEmpty() ? 0 : 1) + WriteLikeTheHub.alertCount(shape, key);
        }
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
             KafkaConsumer<byte[], byte[]> consumer = StreamsBenchmark.readCommitted(bootstrapServers,
                     shape.alerts().isEmpty() ? List.of() : List.of(publications, alerts0, alerts1), "earliest");
             KafkaProducer<byte[], byte[]> producer = StreamsBenchmark.producer(bootstrapServers)) {
            streams.start();
            StreamsBenchmark.waitFor(() -> streams.state() == KafkaStreams.State.RUNNING, Duration.ofMinutes(1));
            long start = System.nanoTime();
            for (int i = 0; i < values.size(); i++) {
                String topic = inputTopics.get(i).equals(firstInput) ? in0 : in1;
                producer.send(new ProducerRecord<>(topic, inputPartitions.get(i), keys.get(i), values.get(i)));
            }
            producer.flush();
            if (expectedOutputs > 0) {
                // polled back to back: waitFor's pause between checks would cap the reading rate
                long read = 0;
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                while (read < expectedOutputs) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("read " + read + " of " + expectedOutputs + " outputs in 5 minutes");
                    }
                    read += consumer.poll(Duration.ofMillis(50)).count();
                }
            } else {
                // nothing is published: done when the application has committed past every input record
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
                    String group = props.getProperty("application.id");
                    StreamsBenchmark.waitFor(() -> committedOffsets(admin, group) >= values.size(), Duration.ofMinutes(5));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            streams.close(Duration.ofSeconds(30));
            return seconds;
        }
    }

    /** The sum of a consumer group's committed offsets: with topics written from offset 0, the records it consumed. */
    private static long committedOffsets(Admin admin, String groupId) {
        try {
            return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .values().stream().filter(o -> o != null).mapToLong(o -> o.offset()).sum();
        } catch (InterruptedException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of group " + groupId, e);
        }
    }

    /** Up to {@code max} values of {@code topic} as written so far (read_committed, from the start). */
    static List<byte[]> sample(String bootstrapServers, String topic, int max) {
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = StreamsBenchmark.readCommitted(bootstrapServers, List.of(topic),
                "earliest")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (values.size() < max && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && values.size() < max) {
                        values.add(r.value());
                    }
                }
            }
        }
        if (values.isEmpty()) {
            throw new IllegalStateException("no records to copy in " + topic);
        }
        return values;
    }

    /** A record to write and the topic it goes to. */
    private record Out(String topic, byte[] value) {
    }

    /** Per submission: read and write the store entry, publish, and send the alerts; nothing else. */
    private static final class WriteLikeTheHub implements Processor<byte[], byte[], byte[], Out> {
        private final Shape shape;
        private final String alerts0;
        private final String alerts1;
        private final String publications;
        private ProcessorContext<byte[], Out> context;
        private KeyValueStore<Bytes, byte[]> store;
        private int next;

        WriteLikeTheHub(Shape shape, String alerts0, String alerts1, String publications) {
            this.shape = shape;
            this.alerts0 = alerts0;
            this.alerts1 = alerts1;
            this.publications = publications;
        }

        /** Alerts for this submission: 1 or 2 recipients, so that the average is the hub's. */
        static int alertCount(Shape shape, byte[] key) {
            if (shape.alerts().isEmpty()) {
                return 0;
            }
            int whole = (int) shape.alertsPerSubmission();
            double fraction = shape.alertsPerSubmission() - whole;
            return whole + (Math.floorMod(java.util.Arrays.hashCode(key), 1000) < fraction * 1000 ? 1 : 0);
        }

        @Override
        public void init(ProcessorContext<byte[], Out> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            int i = next++;
            Bytes key = Bytes.wrap(record.key());
            store.get(key);
            store.put(key, pick(shape.states(), i));
            if (!shape.publications().isEmpty()) {
                context.forward(record.withValue(new Out(publications, pick(shape.publications(), i))));
            }
            int alerts = alertCount(shape, record.key());
            for (int a = 0; a < alerts; a++) {
                context.forward(record.withValue(new Out(a == 0 ? alerts0 : alerts1, pick(shape.alerts(), i + a))));
            }
        }

        private static byte[] pick(List<byte[]> values, int i) {
            return values.get(Math.floorMod(i, values.size()));
        }
    }
}
