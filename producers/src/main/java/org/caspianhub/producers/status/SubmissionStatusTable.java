package org.caspianhub.producers.status;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.Rejection;
import org.caspianhub.avro.RejectionReason;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.streams.BoundedRocksDb;
import org.caspianhub.runtime.streams.StreamsApplication;
import org.caspianhub.topics.TypedTopic;
import org.caspianhub.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link SubmissionStatusTopology} and answers look-ups from its stores (interactive queries).
 * It reads committed records only, so a batch whose transaction the gateway aborted never shows
 * as accepted. Each gateway replica needs its own application id to hold the whole table.
 */
public final class SubmissionStatusTable implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubmissionStatusTable.class);

    /** A look-up's answer: known, unknown, or the table is not ready (rebalancing, restoring). */
    public sealed interface Lookup permits Found, NotFound, Unavailable {
    }

    public record Found(SubmissionStatus status) implements Lookup {
    }

    public record NotFound() implements Lookup {
    }

    public record Unavailable(String reason) implements Lookup {
    }

    private final StreamsApplication streams;
    private final Topics topics;
    private final int partitions;

    /**
     * @param instanceId a static group membership id: a restarted instance with the same id takes its
     *                   partitions back without waiting for the old member's session to time out
     * @param rocksDbBytes the memory bound of the table's RocksDB stores (two per party and partition): without
     *                     one, each store would take RocksDB's own defaults, tens of megabytes apiece
     */
    public SubmissionStatusTable(PlatformSettings platform, Topics topics, String applicationId, String instanceId,
                                 Path stateDir, long rocksDbBytes) {
        this.topics = topics;
        this.partitions = platform.topicLayout().partitions();
        Properties props = StreamsApplication.baseProperties(platform, applicationId, instanceId, stateDir, rocksDbBytes);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // every submission is written once and looked up rarely (a status request, a retried key): ZSTD keeps
        // the table smaller than the topics it tables, where LZ4 kept it about their size
        props.put(BoundedRocksDb.COMPRESSION_CONFIG, "zstd");
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000);
        // the source topics are the stores' changelogs: nothing is written back to Kafka
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
        // a batch the gateway aborted must never look accepted (main and restore consumers alike)
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        Map<String, Duration> retention = TopicRetention.read(platform.kafkaClientProperties(),
                SubmissionStatusTopology.sourceTopics(platform.parties()));
        this.streams = new StreamsApplication("submission-status",
                SubmissionStatusTopology.build(platform.parties(), props, retention), props);
    }

    /** Starts the table and waits until it has restored its stores and runs. */
    public void start(Duration timeout) throws InterruptedException {
        if (!streams.start(timeout)) {
            throw new IllegalStateException("the submission-status table did not start within " + timeout
                    + " (state " + streams.state() + ")");
        }
    }

    /** One of {@code party}'s submissions by id: only that party's stores are asked. */
    public Lookup find(PartyId party, String submissionId) {
        try {
            byte[] submitted = store(SubmissionStatusTopology.submissionsStore(party)).get(submissionId);
            byte[] rejected = store(SubmissionStatusTopology.rejectionsStore(party)).get(submissionId);
            if (submitted == null && rejected == null) {
                // a replica that does not (yet) hold every partition cannot tell unknown from not read yet
                return holdsAll(party) ? new NotFound()
                        : new Unavailable("the status table is still taking its partitions");
            }
            return new Found(status(party, submissionId, submitted, rejected));
        } catch (InvalidStateStoreException e) {
            return new Unavailable("the status table is " + streams.state().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * Whether this replica's tasks hold every partition of the party's submissions and rejections.
     * Right after a start on an empty disk (a new instance id joins the group anew) Kafka Streams
     * can be RUNNING with only some of them until the next rebalance: a miss then is not an answer.
     */
    private boolean holdsAll(PartyId party) {
        java.util.Set<String> wanted = java.util.Set.of(topics.submissions(party).name(), topics.rejected(party).name());
        long held = streams.activePartitions().stream().filter(partition -> wanted.contains(partition.topic())).count();
        return held >= 2L * partitions;
    }

    private ReadOnlyKeyValueStore<String, byte[]> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    private SubmissionStatus status(PartyId party, String id, byte[] submittedBytes, byte[] rejectedBytes) {
        IndicatorSubmission s = decode(topics.submissions(party), submittedBytes);
        Rejection r = decode(topics.rejected(party), rejectedBytes);
        if (s == null && r != null) {
            s = r.getSubmission();
        }
        List<SubmissionStatus.Reason> reasons = null;
        if (r != null) {
            reasons = new ArrayList<>();
            for (RejectionReason reason : r.getReasons()) {
                reasons.add(new SubmissionStatus.Reason(reason.getField(), reason.getCode(), reason.getMessage()));
            }
        }
        return new SubmissionStatus(id, party.value(),
                s == null ? null : s.getAction().name(), s == null ? null : s.getValue(),
                s == null || s.getType() == null ? null : s.getType().name(), s == null ? null : s.getChannel().name(),
                s == null ? null : s.getSubmittedAt(), r == null ? null : r.getRejectedAt(), reasons);
    }

    /** A stored value as its topic's record, null when absent or undecodable (logged). */
    private static <T> T decode(TypedTopic<String, T> topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
        } catch (SerializationException e) {
            LOG.warn("a stored status record cannot be decoded: {}", e.getMessage());
            return null;
        }
    }

    /** True when the table answers look-ups. */
    public boolean running() {
        return streams.running();
    }

    /** The table's Kafka Streams state: RUNNING answers look-ups; REBALANCING and the like only for a while. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(10));
    }
}
