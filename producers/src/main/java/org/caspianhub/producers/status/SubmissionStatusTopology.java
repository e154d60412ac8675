package org.caspianhub.producers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.topics.HubTopics;

/**
 * The gateway's one Kafka Streams topology: for every party, its {@code submissions} and
 * {@code rejected} topics as tables keyed by submission id, in persistent (RocksDB, on disk)
 * stores. The topics themselves are the stores' changelogs (source-topic reuse), so the table
 * writes nothing back to Kafka and a fresh instance restores from the topics; values stay the
 * records' bytes and are decoded only when looked up. One store per party keeps parties apart
 * by construction: a look-up for {@code ir} cannot see {@code az}'s submissions. Each store
 * forgets what its topic's retention has dropped ({@link ExpiredStatusSweep}).
 */
public final class SubmissionStatusTopology {

    private SubmissionStatusTopology() {
    }

    public static String submissionsStore(PartyId party) {
        return "submissions-" + party.value();
    }

    public static String rejectionsStore(PartyId party) {
        return "rejections-" + party.value();
    }

    /** The topics the table reads: each party's submissions and rejections. */
    public static List<String> sourceTopics(Parties parties) {
        List<String> topics = new ArrayList<>();
        for (PartyId party : parties.all()) {
            topics.add(HubTopics.submissions(party));
            topics.add(HubTopics.rejected(party));
        }
        return topics;
    }

    /** How often each store is swept for entries its topic no longer retains. */
    static final Duration SWEEP_EVERY = Duration.ofHours(1);

    /**
     * @param props     the application's properties: they carry the optimization that reuses the source topics
     * @param retention each topic's retention; a topic without one is kept forever, and so is its store
     */
    public static Topology build(Parties parties, Properties props, Map<String, Duration> retention) {
        return build(parties, props, retention, ExpiredStatusSweep.MAX_PER_SWEEP);
    }

    /** With a smaller sweep, for tests. */
    static Topology build(Parties parties, Properties props, Map<String, Duration> retention, int maxPerSweep) {
        StreamsBuilder builder = new StreamsBuilder();
        for (PartyId party : parties.all()) {
            table(builder, HubTopics.submissions(party), submissionsStore(party), retention, maxPerSweep);
            table(builder, HubTopics.rejected(party), rejectionsStore(party), retention, maxPerSweep);
        }
        return builder.build(props);
    }

    private static void table(StreamsBuilder builder, String topic, String store, Map<String, Duration> retention,
                              int maxPerSweep) {
        KTable<String, byte[]> table = builder.table(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(store)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
        Duration kept = retention.get(topic);
        if (kept != null) {
            table.toStream().process(() -> new ExpiredStatusSweep(store, kept, SWEEP_EVERY, maxPerSweep), store);
        }
    }
}
