package org.caspianhub.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.Stores;
import org.caspianhub.parties.Parties;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.streams.BoundedRocksDb;
import org.caspianhub.runtime.streams.StreamsApplication;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.Test;

/**
 * The base every hub Kafka Streams application runs on, on the embedded broker: a thread that dies of an
 * unexpected error is replaced and the record it failed on is processed by its successor; health follows
 * RUNNING; the member leaves its group on close, so a successor need not wait for the session timeout.
 */
class StreamsApplicationTest {

    private static final String STORE = "seen";

    private final TestPlatform platform = TestPlatforms.embedded();
    private final PlatformSettings settings = platform.platformSettings(Parties.defaults());

    @Test
    void aFailedThreadIsReplacedAndTheMemberLeavesItsGroupOnClose() throws Exception {
        String topic = "app-test-" + UUID.randomUUID();
        String applicationId = "app-test-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(settings.kafkaClientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            Path state = Files.createTempDirectory("app-test");
            Properties props = StreamsApplication.baseProperties(settings, applicationId, applicationId + "-1", state,
                    32L * 1024 * 1024);
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            // the failed thread's consumer was a static member and does not leave: its successor is assigned the
            // partitions once that member's session times out (45 s by default; shortened here to keep the test short)
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 8_000);
            StreamsApplication app = new StreamsApplication("app-test", topology(topic), props);
            try {
                assertThat(app.health().up()).isFalse();
                assertThat(app.start(Duration.ofSeconds(60))).isTrue();
                assertThat(app.health().up()).isTrue();
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings.kafkaClientProperties(),
                        new StringSerializer(), new StringSerializer())) {
                    for (String value : List.of("a", "boom", "b")) {
                        producer.send(new ProducerRecord<>(topic, value, value)).get();
                    }
                }
                await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(InvalidStateStoreException.class).untilAsserted(() -> {
                    assertThat(app.running()).isTrue();
                    var store = app.store(StoreQueryParameters.fromNameAndType(STORE,
                            QueryableStoreTypes.<String, String>keyValueStore()));
                    assertThat(store.get("b")).as("processed after the failure").isEqualTo("b");
                    assertThat(store.get("boom")).as("the failed record, by the new thread").isEqualTo("boom");
                });
                assertThat(app.threadsReplaced()).isEqualTo(1);
                assertThat(app.health().details()).containsEntry("threadsReplaced", 1L)
                        .containsEntry("applicationId", applicationId);
            } finally {
                app.close(Duration.ofSeconds(30));
            }
            assertThat(admin.describeConsumerGroups(List.of(applicationId)).all().get().get(applicationId).members())
                    .as("a static member that left").isEmpty();
        }
    }

    @Test
    void theRocksDbBoundIsPartOfEveryApplicationsConfiguration() {
        Properties props = StreamsApplication.baseProperties(settings, "app", "app-1", Path.of("state"), 64L << 20);
        assertThat(props).containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class)
                .containsEntry(BoundedRocksDb.TOTAL_BYTES_CONFIG, 64L << 20)
                .containsEntry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), "app-1");
        assertThatThrownBy(() -> StreamsApplication.baseProperties(settings, "app", "app-1", Path.of("state"), 1024))
                .hasMessageContaining("at least 16 MiB");
    }

    /** Keeps each value under its key; throws once, on the first "boom". */
    private static Topology topology(String topic) {
        AtomicBoolean failed = new AtomicBoolean();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.String()));
        builder.stream(topic, Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Processor<String, String, Void, Void>() {
                    private KeyValueStore<String, String> store;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        store = context.getStateStore(STORE);
                    }

                    @Override
                    public void process(Record<String, String> record) {
                        if (record.value().equals("boom") && failed.compareAndSet(false, true)) {
                            throw new IllegalStateException("a bug, once");
                        }
                        store.put(record.key(), record.value());
                    }
                }, STORE);
        return builder.build();
    }
}
