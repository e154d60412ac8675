package org.caspianhub.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;

/**
 * How the {@link TopicCatalogue}'s topics are configured on a cluster, for a set of parties: partitions,
 * replication, and each entry's {@link Storage} as topic configs.
 *
 * <p>The topics a party reads with its own Kafka clients ({@code cti.<party>.alerts}, {@code .rejected},
 * {@code .alerts.dlq}) carry a topic-level {@code compression.type}, gzip by default: the one codec every
 * mainstream client decodes without a plugin (kafkajs supports only gzip natively; Java and librdkafka decode
 * them all). The broker recompresses what the hub's producers send (LZ4) into it; the hub's internal topics
 * keep the producers' codec. See the README's section on a party's own Kafka clients for the measured cost.
 */
public final class TopicLayout {

    private static final String COMPACT = "compact";
    private static final String DELETE = "delete";

    /** The codec of the topics a party reads when nothing else is configured. */
    public static final String DEFAULT_PARTY_COMPRESSION = "gzip";
    /** The values Kafka accepts for a topic's {@code compression.type}. */
    public static final Set<String> COMPRESSION_TYPES = Set.of("gzip", "snappy", "lz4", "zstd", "uncompressed", "producer");

    /**
     * The largest record batch the broker takes on each topic ({@code max.message.bytes}, set on every topic at
     * Kafka's default): also the longest string, byte buffer or collection the hub decodes from a record
     * ({@link org.caspianhub.serde.AvroLimits}).
     */
    public static final int MAX_MESSAGE_BYTES = org.caspianhub.serde.AvroLimits.MAX_RECORD_BYTES;

    private final int partitions;
    private final short replicationFactor;
    private final String partyCompression;

    /**
     * @param partitions        partitions of each event and state topic (the schemas topic has one)
     * @param replicationFactor 1 for a local single broker, 3 in a real cluster
     */
    public TopicLayout(int partitions, short replicationFactor) {
        this(partitions, replicationFactor, DEFAULT_PARTY_COMPRESSION);
    }

    /**
     * @param partyCompression the {@code compression.type} of the topics a party reads: one of
     *                         {@link #COMPRESSION_TYPES}
     */
    public TopicLayout(int partitions, short replicationFactor, String partyCompression) {
        if (!COMPRESSION_TYPES.contains(partyCompression)) {
            throw new IllegalArgumentException("compression type must be one of " + new java.util.TreeSet<>(COMPRESSION_TYPES)
                    + ", got '" + partyCompression + "'");
        }
        this.partyCompression = partyCompression;
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, got " + replicationFactor);
        }
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    public int partitions() {
        return partitions;
    }

    public short replicationFactor() {
        return replicationFactor;
    }

    /** The {@code compression.type} of the topics a party reads. */
    public String partyCompression() {
        return partyCompression;
    }

    /** Every topic of the {@link TopicCatalogue}, per-party ones for each of these parties, as specs. */
    public List<TopicSpec> topicsFor(Parties parties) {
        List<TopicSpec> specs = new ArrayList<>();
        specs.add(new TopicSpec(TopicCatalogue.SCHEMAS, 1, replicationFactor, durable(Map.of("cleanup.policy", COMPACT)),
                Optional.empty()));
        for (HubWideTopic<?> topic : TopicCatalogue.HUB_WIDE) {
            specs.add(spec(topic.name(), topic));
        }
        for (PartyId party : parties.all()) {
            for (PartyTopic<?> topic : TopicCatalogue.PER_PARTY) {
                specs.add(spec(topic.name(party), topic));
            }
        }
        return specs;
    }

    private TopicSpec spec(String name, TopicEntry<?> topic) {
        Storage storage = topic.storage();
        Map<String, String> configs = new HashMap<>();
        configs.put("max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        if (storage.compact()) {
            configs.put("cleanup.policy", COMPACT);
            // keep a just-written state visible to readers for a while before compaction drops it
            configs.put("min.compaction.lag.ms", Long.toString(Duration.ofMinutes(10).toMillis()));
        } else {
            configs.put("cleanup.policy", DELETE);
            configs.put("retention.ms", Long.toString(storage.retention().orElseThrow().toMillis()));
        }
        if (storage.brokerTimestamps()) {
            configs.put("message.timestamp.type", "LogAppendTime");
        }
        if (storage.partyCodec()) {
            configs.put("compression.type", partyCompression);
        }
        return new TopicSpec(name, partitions, replicationFactor, durable(configs), Optional.of(topic.valueSchema()));
    }

    /**
     * With three or more replicas, a write (acks=all, as every hub producer sends) is acknowledged
     * only once two of them have it: one broker down loses nothing acknowledged and stops nothing.
     */
    private Map<String, String> durable(Map<String, String> configs) {
        if (replicationFactor < 3) {
            return configs;
        }
        Map<String, String> withIsr = new HashMap<>(configs);
        withIsr.put("min.insync.replicas", "2");
        return withIsr;
    }
}
