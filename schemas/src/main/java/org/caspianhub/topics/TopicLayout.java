package org.caspianhub.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * a time (submissions a week, alerts and rejections a month, dead letters a quarter).
 */
public final class TopicLayout {

    private static final String COMPACT = "compact";
    private static final String DELETE = "delete";

    private final int partitions;
    private final short replicationFactor;

    /**
     * @param partitions        partitions of each event and state topic (the schemas topic has one)
     * @param replicationFactor 1 for a local single broker, 3 in a real cluster
     */
    public TopicLayout(int partitions, short replicationFactor) {
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

    public List<TopicSpec> topicsFor(Parties parties) {
        List<TopicSpec> specs = new ArrayList<>();
        specs.add(new TopicSpec(HubTopics.SCHEMAS, 1, replicationFactor, durable(Map.of("cleanup.policy", COMPACT)),
                Optional.empty()));
        specs.add(compacted(HubTopics.INDICATORS, Indicator.getClassSchema()));
        specs.add(retained(HubTopics.CORRELATIONS, Duration.ofDays(30), Correlation.getClassSchema()));
        for (PartyId party : parties.all()) {
            specs.add(retained(HubTopics.submissions(party), Duration.ofDays(7), IndicatorSubmission.getClassSchema()));
            specs.add(retained(HubTopics.sightings(party), Duration.ofDays(7), Sighting.getClassSchema()));
            specs.add(retained(HubTopics.rejected(party), Duration.ofDays(30), Rejection.getClassSchema()));
            specs.add(retained(HubTopics.alerts(party), Duration.ofDays(30), Alert.getClassSchema()));
            specs.add(retained(HubTopics.alertsDeadLetter(party), Duration.ofDays(90),
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

    private TopicSpec retained(String name, Duration retention, Schema valueSchema) {
        return new TopicSpec(name, partitions, replicationFactor, durable(Map.of(
                "cleanup.policy", DELETE,
                "retention.ms", Long.toString(retention.toMillis()))),
                Optional.of(valueSchema));
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
