package org.caspianhub.streams.topology;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.caspianhub.streams.PipelineMetrics;
import org.caspianhub.runtime.streams.BoundedRocksDb;
import org.caspianhub.runtime.streams.StreamsApplication;
import org.caspianhub.streams.StreamsSettings;

/**
 * The Kafka Streams configuration of the hub's topology. Exactly-once v2 throughout; the rest
 * trades a little latency for throughput:
 *
 * <ul>
 * <li>{@code commit.interval.ms} (default 50 ms here, 100 ms in Kafka's EOS default): a record
 *     crosses one transaction from submission to alert (two when it is repartitioned), visible to
 *     the next reader only once committed (25 ms: lower typical latency, a sixth less throughput,
 *     see docs/topology.md);</li>
 * <li>producers hold batches until the commit flushes them (linger 100 ms, 64 KiB batches: under EOS an
 *     early send buys no latency, and many tiny produce requests cost the broker more than the records) and
 *     compress with LZ4;</li>
 * <li>static group membership ({@code CASPIAN_STREAMS_INSTANCE_ID}), so a restart takes its partitions back
 *     at once;</li>
 * <li>consumers fetch up to 2,000 records a poll and wait at most 20 ms at the broker for committed
 *     records (the default 500 ms would add to the latency of the second hop);</li>
 * <li>the stores share one bounded RocksDB budget, {@code CASPIAN_STREAMS_ROCKSDB_MEMORY} ({@link BoundedRocksDb}).</li>
 * </ul>
 * Static membership, the state directory and the RocksDB bound come from the base every hub application
 * shares ({@link StreamsApplication#baseProperties}).
 */
public final class StreamsProperties {

    private StreamsProperties() {
    }

    public static Properties of(StreamsSettings settings, PipelineMetrics metrics) {
        Properties props = StreamsApplication.baseProperties(settings.platform(), settings.applicationId(),
                settings.instanceId(), settings.stateDir(), settings.rocksDbBytes());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, settings.cacheBytes());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                RecordErrorHandlers.SkipUnreadable.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, RecordErrorHandlers.SkipUnwritable.class);
        props.put(RecordErrorHandlers.METRICS_CONFIG, metrics);

        // how soon a killed instance's partitions move to the others (a restart within it takes them back as they were)
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) settings.sessionTimeout().toMillis());
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) Math.max(1_000, settings.sessionTimeout().toMillis() / 5));
        // Under exactly-once nothing a producer sends is readable before the commit, so sending early buys no
        // latency: batches wait for the commit's flush (or fill up) instead of going out as many tiny requests,
        // which cost the broker per partition and request far more than per record.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 100);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 64 * 1024);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2_000);
        // a fetch parked at the broker waits at most this long for committed records: part of the latency
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 20);
        return props;
    }
}
