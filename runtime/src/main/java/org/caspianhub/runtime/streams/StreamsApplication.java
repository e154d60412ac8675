package org.caspianhub.runtime.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.caspianhub.runtime.Health;
import org.caspianhub.runtime.PlatformSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Streams application as every hub service runs one: one base configuration
 * ({@link #baseProperties}: static membership with the kept instance id, the RocksDB memory bound), one
 * lifecycle (a logged state listener, a stream thread that dies of an unexpected error replaced and counted,
 * leaving the group on close so a restart elsewhere takes the partitions at once), its health (UP only while
 * RUNNING) and Kafka Streams' own metrics on the service's registry.
 */
public final class StreamsApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApplication.class);

    private final String name;
    private final String applicationId;
    private final KafkaStreams streams;
    private final AtomicLong threadsReplaced = new AtomicLong();
    private final CountDownLatch running = new CountDownLatch(1);
    private KafkaStreamsMetrics metrics;

    /**
     * The configuration every hub application shares; a service adds its own (processing guarantee,
     * threads, commit interval) on top.
     *
     * @param instanceId   static group membership: a restarted instance with the same id takes its
     *                     partitions back without waiting for the old member's session to time out
     * @param rocksDbBytes the memory bound of all the application's RocksDB stores ({@link BoundedRocksDb})
     */
    public static Properties baseProperties(PlatformSettings platform, String applicationId, String instanceId,
                                            Path stateDir, long rocksDbBytes) {
        if (rocksDbBytes < 16L * 1024 * 1024) {
            throw new IllegalArgumentException("a RocksDB budget must be at least 16 MiB, got " + rocksDbBytes);
        }
        Properties props = new Properties();
        props.putAll(platform.kafkaClientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) platform.topicLayout().replicationFactor());
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        props.put(BoundedRocksDb.TOTAL_BYTES_CONFIG, rocksDbBytes);
        return props;
    }

    /**
     * @param name names the application in logs ("streams", "submission-status")
     */
    public StreamsApplication(String name, Topology topology, Properties props) {
        this.name = name;
        this.applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        this.streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            threadsReplaced.incrementAndGet();
            LOG.error("{}: a stream thread failed; its work is retried by a new thread", name, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> {
            LOG.info("{}: {} -> {}", name, before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
    }

    /** Binds Kafka Streams' own metrics to the service's registry, until {@link #close}. */
    public StreamsApplication withMetrics(MeterRegistry registry) {
        metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
        return this;
    }

    /** Starts the application and waits up to {@code timeout} for it to run; false when it does not yet. */
    public boolean start(Duration timeout) throws InterruptedException {
        streams.start();
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** True when the application processes and answers queries. */
    public boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Stream threads replaced after an unexpected error since start. */
    public long threadsReplaced() {
        return threadsReplaced.get();
    }

    /** UP only while RUNNING; the state, application id and replaced threads as details. */
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state().name());
        details.put("applicationId", applicationId);
        details.put("threadsReplaced", threadsReplaced.get());
        return running() ? Health.up(details) : Health.down(details);
    }

    /** The input partitions this instance's active tasks hold now (empty while it has none). */
    public java.util.Set<org.apache.kafka.common.TopicPartition> activePartitions() {
        java.util.Set<org.apache.kafka.common.TopicPartition> partitions = new java.util.HashSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks()
                .forEach(task -> partitions.addAll(task.topicPartitions())));
        return partitions;
    }

    /** A state store, for interactive queries. */
    public <T> T store(StoreQueryParameters<T> query) {
        return streams.store(query);
    }

    /**
     * Stops, leaving the group: a static member otherwise keeps its partitions until its session times out,
     * so a replacement elsewhere would wait that long.
     */
    public void close(Duration timeout) {
        streams.close(new KafkaStreams.CloseOptions().timeout(timeout).leaveGroup(true));
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    @Override
    public String toString() {
        return name + " (" + applicationId + ")";
    }
}
