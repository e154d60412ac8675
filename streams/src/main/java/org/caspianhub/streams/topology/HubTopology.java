package org.caspianhub.streams.topology;

import static org.caspianhub.topics.TopicCatalogue.ALERTS;
import static org.caspianhub.topics.TopicCatalogue.CORRELATIONS;
import static org.caspianhub.topics.TopicCatalogue.INDICATORS;
import static org.caspianhub.topics.TopicCatalogue.REJECTED;
import static org.caspianhub.topics.TopicCatalogue.SIGHTINGS;
import static org.caspianhub.topics.TopicCatalogue.SUBMISSIONS;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Predicate;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.Rejection;
import org.caspianhub.avro.streams.IndicatorEvent;
import org.caspianhub.avro.streams.ReferenceMember;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.streams.PipelineMetrics;
import org.caspianhub.streams.StreamsSettings;
import org.caspianhub.streams.correlate.ReferenceProcessor;
import org.caspianhub.streams.correlate.RelationFinder;
import org.caspianhub.streams.intake.Intake;
import org.caspianhub.streams.intake.RecordDecoder;
import org.caspianhub.streams.intake.SightingIntake;
import org.caspianhub.streams.intake.SubmissionIntake;
import org.caspianhub.streams.merge.IndicatorMerger;
import org.caspianhub.streams.merge.MergeProcessor;
import org.caspianhub.streams.route.AlertRouter;
import org.caspianhub.streams.score.ScoreModel;
import org.caspianhub.streams.sharing.RecipientViews;
import org.caspianhub.streams.sharing.TlpPolicy;
import org.caspianhub.topics.PartyTopic;
import org.caspianhub.topics.TopicEntry;
import org.caspianhub.topics.Topics;

/**
 * The one place that wires the stages into a Kafka Streams topology (see docs/topology.md):
 *
 * <pre>
 *  cti.&lt;p&gt;.submissions ─ submission-intake ─┐                      ┌─ rejected ─→ cti.&lt;p&gt;.rejected
 *  cti.&lt;p&gt;.sightings ──── sighting-intake ───┴─ split ─ events ─→ [indicator-events repartition, by locality]
 *
 *  [indicator-events] ─ merge (stores: indicators, correlations; expiry sweep punctuator) ─ split ─┬→ cti.&lt;p&gt;.alerts
 *                                                                                              ├→ cti.hub.indicators
 *                                                                                              ├→ cti.hub.correlations
 *                                                                                              ├→ cti.&lt;p&gt;.rejected
 *                                                                                              └→ [reference-members repartition]
 *  [reference-members] ─ references (stores: reference-members, reference-sizes) ─ split ─┬→ cti.&lt;p&gt;.alerts
 *                                                                                        └→ cti.hub.correlations
 * </pre>
 *
 * Submissions and sightings are read as bytes and decoded by the intake processors, so no
 * record can fail at the source. Only one repartition lies on the path from submission to alert.
 */
public final class HubTopology {

    private HubTopology() {
    }

    public static Topology build(StreamsSettings settings, Topics topics, InternalSerdes internal, Intake intake,
                                 PipelineMetrics metrics) {
        return build(settings, topics, internal, intake, metrics, Stores::persistentKeyValueStore);
    }

    /**
     * @param stores the kind of store, by name: persistent (RocksDB) in the service; a property test that
     *               builds thousands of topologies may take in-memory ones, which behave the same
     */
    public static Topology build(StreamsSettings settings, Topics topics, InternalSerdes internal, Intake intake,
                                 PipelineMetrics metrics, Function<String, KeyValueBytesStoreSupplier> stores) {
        Parties parties = settings.platform().parties();
        Map<String, String> submissionTopics = partyByTopic(SUBMISSIONS, parties);
        Map<String, String> sightingTopics = partyByTopic(SIGHTINGS, parties);
        TlpPolicy policy = new TlpPolicy(parties);
        ScoreModel scores = new ScoreModel(settings.lifetimes());
        RecipientViews views = new RecipientViews(policy, scores, settings.lifetimes(), settings.sightingsTlp());
        IndicatorMerger merger = new IndicatorMerger(settings.lifetimes(), scores, views.folds());
        AlertRouter router = new AlertRouter(views);

        TopicNameExtractor<String, SpecificRecord> toAlerts = toParty(ALERTS, parties, Alert::getRecipient);
        TopicNameExtractor<String, SpecificRecord> toRejected = toParty(REJECTED, parties, Rejection::getParty);

        StreamsBuilder builder = new StreamsBuilder();

        // stage 1: intake, per party topic, decoding from bytes
        KStream<String, SpecificRecord> submissions = builder
                .stream(List.copyOf(submissionTopics.keySet()),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("submissions"))
                .process(() -> new SubmissionIntake(submissionTopics,
                        new RecordDecoder<>(topics.valueSerde(SUBMISSIONS).deserializer()), intake,
                        settings.sourceDefaults(), metrics), Named.as("submission-intake"));
        KStream<String, SpecificRecord> sightings = builder
                .stream(List.copyOf(sightingTopics.keySet()),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("sightings"))
                .process(() -> new SightingIntake(sightingTopics,
                        new RecordDecoder<>(topics.valueSerde(SIGHTINGS).deserializer()), intake, metrics),
                        Named.as("sighting-intake"));
        int partitions = settings.platform().topicLayout().partitions();
        Map<String, KStream<String, SpecificRecord>> intakeOut = submissions.merge(sightings, Named.as("intake"))
                .split(Named.as("intake-"))
                .branch(isA(REJECTED), Branched.as("rejections"))
                .branch(new PlacedHere(partitions, metrics), Branched.as("placed"))
                .defaultBranch(Branched.as("misplaced"));
        intakeOut.get("intake-rejections").to(toRejected, produced(REJECTED, topics, "intake-rejected-sink"));

        // An event that arrived in its locality's partition is merged right here, in the same task and
        // transaction. Only a misplaced one (a producer partitioning by key) is sent to the task owning its
        // locality through the repartition topic, which this same sub-topology reads: the repartition topic
        // has the input topics' partition count, so partition p of every one of them is task p's.
        KStream<String, IndicatorEvent> repartitioned = intakeOut.get("intake-misplaced")
                .mapValues(v -> (IndicatorEvent) v, Named.as("as-misplaced-event"))
                .repartition(Repartitioned.with(Serdes.String(), internal.events())
                        .withName("indicator-events")
                        .withNumberOfPartitions(partitions)
                        .withStreamPartitioner(new LocalityPartitioner()));
        KStream<String, IndicatorEvent> events = intakeOut.get("intake-placed")
                .mapValues(v -> (IndicatorEvent) v, Named.as("as-placed-event"))
                .merge(repartitioned, Named.as("events"));

        // stages 2 to 7: merge, score, correlate in-task, lifecycle, route
        builder.addStateStore(Stores.keyValueStoreBuilder(
                stores.apply(MergeProcessor.INDICATORS_STORE), Serdes.Bytes(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                stores.apply(MergeProcessor.CORRELATIONS_STORE), Serdes.String(),
                internal.correlationStates()));
        Map<String, KStream<String, SpecificRecord>> merged = events
                .process(() -> new MergeProcessor(merger, router, new RelationFinder(settings.correlationFanout()),
                                metrics, settings.expiryInterval(), internal.states()), Named.as("merge"),
                        MergeProcessor.INDICATORS_STORE, MergeProcessor.CORRELATIONS_STORE)
                .split(Named.as("merge-"))
                .branch(isA(ALERTS), Branched.as("alerts"))
                .branch(isA(INDICATORS), Branched.as("indicators"))
                .branch(isA(CORRELATIONS), Branched.as("correlations"))
                .branch((k, v) -> v instanceof ReferenceMember, Branched.as("references"))
                .defaultBranch(Branched.as("rejections"));
        merged.get("merge-alerts").to(toAlerts, produced(ALERTS, topics, "alerts-sink"));
        merged.get("merge-indicators").to(INDICATORS.name(), produced(INDICATORS, topics, "indicators-sink"));
        merged.get("merge-correlations").to(CORRELATIONS.name(), produced(CORRELATIONS, topics, "correlations-sink"));
        merged.get("merge-rejections").to(toRejected, produced(REJECTED, topics, "merge-rejected-sink"));

        // stage 4c: references and co-submitted groups, keyed by reference
        builder.addStateStore(Stores.keyValueStoreBuilder(
                stores.apply(ReferenceProcessor.MEMBERS_STORE), Serdes.String(),
                internal.referenceMemberStates()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                stores.apply(ReferenceProcessor.SIZES_STORE), Serdes.String(), Serdes.Integer()));
        Map<String, KStream<String, SpecificRecord>> referenced = merged.get("merge-references")
                .mapValues(v -> (ReferenceMember) v, Named.as("as-reference-member"))
                .repartition(Repartitioned.with(Serdes.String(), internal.referenceMembers()).withName("reference-members"))
                .process(() -> new ReferenceProcessor(views, settings.correlationFanout(), metrics),
                        Named.as("references"), ReferenceProcessor.MEMBERS_STORE, ReferenceProcessor.SIZES_STORE)
                .split(Named.as("references-"))
                .branch(isA(ALERTS), Branched.as("alerts"))
                .defaultBranch(Branched.as("correlations"));
        referenced.get("references-alerts").to(toAlerts, produced(ALERTS, topics, "reference-alerts-sink"));
        referenced.get("references-correlations").to(CORRELATIONS.name(),
                produced(CORRELATIONS, topics, "reference-correlations-sink"));
        return builder.build();
    }

    /** Each configured party's copy of a topic, by name: the intake takes provenance from the topic. */
    private static Map<String, String> partyByTopic(PartyTopic<?> topic, Parties parties) {
        Map<String, String> byTopic = new HashMap<>();
        for (PartyId party : parties.all()) {
            byTopic.put(topic.name(party), party.value());
        }
        return byTopic;
    }

    /** Selects a stage's records of the type a catalogue topic holds, for the branch that writes them there. */
    private static Predicate<String, SpecificRecord> isA(TopicEntry<?> topic) {
        Class<?> type = topic.valueType();
        return (key, value) -> type.isInstance(value);
    }

    /**
     * Writes a branch of a stage's mixed output with its topic's serde, through {@link Narrowed} (a view of
     * the serde, rather than a casting node per record); the branch must have been selected by {@link #isA}.
     */
    private static <T extends SpecificRecord> Produced<String, SpecificRecord> produced(TopicEntry<T> topic,
                                                                                         Topics topics, String name) {
        return Produced.with(Serdes.String(), Narrowed.of(topic.valueType(), topics.valueSerde(topic))).withName(name);
    }

    /** Routes each record to its party's copy of a per-party topic, by the party the record names. */
    private static <T extends SpecificRecord> TopicNameExtractor<String, SpecificRecord> toParty(
            PartyTopic<T> topic, Parties parties, Function<T, String> partyOf) {
        Map<String, String> byParty = new HashMap<>();
        for (PartyId party : parties.all()) {
            byParty.put(party.value(), topic.name(party));
        }
        Class<T> type = topic.valueType();
        return (key, record, ctx) -> {
            String party = partyOf.apply(type.cast(record));
            String name = byParty.get(party);
            if (name == null) {
                // the topology only addresses configured parties; failing here beats writing where nobody reads
                throw new IllegalStateException("no topic for party '" + party + "'");
            }
            return name;
        };
    }
}
