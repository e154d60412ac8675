package org.caspianhub.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertDeliveryFailure;
import org.caspianhub.avro.Correlation;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.Rejection;
import org.caspianhub.avro.Sighting;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;

/**
 * Which topics the hub needs for a set of parties and how each is configured. State lives in
 * compacted topics (merged indicators, the registry's schemas); event streams are retained for
 * a time (submissions a week, rejections a month, alerts and dead letters a quarter).
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

    /** How long a party's alerts are kept (and so how far back its TAXII collection reaches). */
    public static final Duration ALERT_RETENTION = Duration.ofDays(90);

    /** The codec of the topics a party reads when nothing else is configured. */
    public static final String DEFAULT_PARTY_COMPRESSION = "gzip";
    /** The values Kafka accepts for a topic's {@code compression.type}. */
    public static final Set<String> COMPRESSION_TYPES = Set.of("gzip", "snappy", "lz4", "zstd", "uncompressed", "producer");

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

    public List<TopicSpec> topicsFor(Parties parties) {
        List<TopicSpec> specs = new ArrayList<>();
        specs.add(new TopicSpec(HubTopics.SCHEMAS, 1, replicationFactor, durable(Map.of("cleanup.policy", COMPACT)),
                Optional.empty()));
        specs.add(compacted(HubTopics.INDICATORS, Indicator.getClassSchema()));
        specs.add(retained(HubTopics.CORRELATIONS, Duration.ofDays(30), Correlation.getClassSchema()));
        for (PartyId party : parties.all()) {
            specs.add(inbound(HubTopics.submissions(party), IndicatorSubmission.getClassSchema()));
            specs.add(inbound(HubTopics.sightings(party), Sighting.getClassSchema()));
            specs.add(partyRead(HubTopics.rejected(party), Duration.ofDays(30), Rejection.getClassSchema()));
            specs.add(alerts(HubTopics.alerts(party)));
            specs.add(partyRead(HubTopics.alertsDeadLetter(party), Duration.ofDays(90),
                    AlertDeliveryFailure.getClassSchema()));
        }
        return specs;
    }

    private TopicSpec compacted(String name, Schema valueSchema) {
        return new TopicSpec(name, partitions, replicationFactor, durable(Map.of(
                "cleanup.policy", COMPACT,
                // keep a just-written state visible to readers for a while before compaction drops it
                "min.compaction.lag.ms", Long.toString(Duration.ofMinutes(10).toMillis()))),
                Optional.of(valueSchema));
    }

    /**
     * A topic a party writes (its own Kafka client may): kept a week, and stamped with the broker's
     * own time on append, so the hub's clock for its records is never one a producer chose.
     */
    private TopicSpec inbound(String name, Schema valueSchema) {
        return new TopicSpec(name, partitions, replicationFactor, durable(Map.of(
                "cleanup.policy", DELETE,
                "retention.ms", Long.toString(Duration.ofDays(7).toMillis()),
                "message.timestamp.type", "LogAppendTime")),
                Optional.of(valueSchema));
    }

    private TopicSpec retained(String name, Duration retention, Schema valueSchema) {
        return new TopicSpec(name, partitions, replicationFactor, durable(Map.of(
                "cleanup.policy", DELETE,
                "retention.ms", Long.toString(retention.toMillis()))),
                Optional.of(valueSchema));
    }

    /** A retained topic a party reads with its own clients: in the codec every client decodes. */
    private TopicSpec partyRead(String name, Duration retention, Schema valueSchema) {
        TopicSpec spec = retained(name, retention, valueSchema);
        Map<String, String> configs = new java.util.HashMap<>(spec.configs());
        configs.put("compression.type", partyCompression);
        return new TopicSpec(name, partitions, replicationFactor, configs, spec.valueSchema());
    }

    /**
     * A party's alerts: also the TAXII server's log, which serves its collection from here. Kept as
     * long as TAXII's documented retention (90 days), and stamped with the broker's append time,
     * so each partition's timestamps rise and a caught-up reader knows that what comes next is
     * not older than now (TAXII's date_added and its added_after paging rest on both).
     */
    private TopicSpec alerts(String name) {
        TopicSpec spec = partyRead(name, ALERT_RETENTION, Alert.getClassSchema());
        Map<String, String> configs = new java.util.HashMap<>(spec.configs());
        configs.put("message.timestamp.type", "LogAppendTime");
        return new TopicSpec(name, partitions, replicationFactor, configs, spec.valueSchema());
    }

    /**
     * With three or more replicas, a write (acks=all, as every hub producer sends) is acknowledged
     * only once two of them have it: one broker down loses nothing acknowledged and stops nothing.
     */
    private Map<String, String> durable(Map<String, String> configs) {
        if (replicationFactor < 3) {
            return configs;
        }
        Map<String, String> withIsr = new java.util.HashMap<>(configs);
        withIsr.put("min.insync.replicas", "2");
        return withIsr;
    }
}
