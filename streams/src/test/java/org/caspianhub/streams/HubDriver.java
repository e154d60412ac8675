package org.caspianhub.streams;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.Correlation;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Rejection;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Sighting;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.avro.Tlp;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.parties.PartyId;
import org.caspianhub.registry.client.CachingSchemaRegistry;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.runtime.Settings;
import org.caspianhub.streams.correlate.Placement;
import org.caspianhub.streams.merge.IndicatorStore;
import org.caspianhub.streams.merge.MergeProcessor;
import org.caspianhub.streams.topology.HubTopology;
import org.caspianhub.streams.topology.InternalSerdes;
import org.caspianhub.streams.topology.StreamsProperties;
import org.caspianhub.testkit.TestPlatforms;
import org.caspianhub.topics.HubTopics;
import org.caspianhub.topics.TopicCatalogue;
import org.caspianhub.topics.Topics;

/**
 * The hub's whole topology in a {@link TopologyTestDriver}, with the real schema registry of the
 * shared test platform (every record crosses the same serdes as in production). Three parties by
 * default: {@code ir} and {@code az} with an AMBER agreement, {@code kz} without any.
 */
public final class HubDriver implements AutoCloseable {

    /** When the tests' submissions were accepted, and the driver's initial wall clock. */
    public static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    public final TopologyTestDriver driver;
    public final PipelineMetrics metrics;
    public final StreamsSettings settings;
    private final Topics topics;
    private final InternalSerdes internal;
    private final Path stateDir;
    private final Map<String, TestOutputTopic<String, Alert>> alerts = new HashMap<>();
    private final Map<String, TestOutputTopic<String, Rejection>> rejected = new HashMap<>();
    private TestOutputTopic<String, Indicator> indicators;
    private TestOutputTopic<String, Correlation> correlations;

    public HubDriver() {
        this(Map.of());
    }

    public HubDriver(Map<String, String> overrides) {
        this(overrides, Stores::persistentKeyValueStore);
    }

    /** With in-memory stores: the same topology, built and torn down many times faster (property tests). */
    public static HubDriver inMemory(Map<String, String> overrides) {
        return new HubDriver(overrides, Stores::inMemoryKeyValueStore);
    }

    private HubDriver(Map<String, String> overrides, Function<String, KeyValueBytesStoreSupplier> stores) {
        try {
            stateDir = Files.createTempDirectory("hub-driver");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new HashMap<>();
        values.put("CASPIAN_SCHEMA_REGISTRY_URL", TestPlatforms.embedded().schemaRegistryUrl());
        values.put("CASPIAN_KAFKA_BOOTSTRAP", "unused:9092");
        values.put("CASPIAN_PARTIES", "ir,az,kz");
        values.put("CASPIAN_AMBER_AGREEMENTS", "ir:az");
        values.put("CASPIAN_STREAMS_STATE_DIR", stateDir.toString());
        values.put("CASPIAN_STREAMS_APPLICATION_ID", "hub-driver-" + UUID.randomUUID().toString().substring(0, 8));
        values.putAll(overrides);
        settings = StreamsSettings.from(Settings.of(values));
        metrics = new PipelineMetrics(new SimpleMeterRegistry());
        CachingSchemaRegistry registry = registry(settings.platform().schemaRegistryUrl());
        topics = new Topics(registry);
        internal = InternalSerdes.using(registry);
        Properties props = StreamsProperties.of(settings, metrics);
        driver = new TopologyTestDriver(HubTopology.build(settings, topics, internal, StreamsService.defaultIntake(),
                metrics, stores), props, T0);
    }

    private static CachingSchemaRegistry sharedRegistry;

    /** One caching client per test JVM: every driver uses the same subjects, registered once. */
    private static synchronized CachingSchemaRegistry registry(String url) {
        if (sharedRegistry == null) {
            sharedRegistry = new CachingSchemaRegistry(new HttpSchemaRegistryClient(url));
        }
        return sharedRegistry;
    }

    // ---- input ------------------------------------------------------------------------------

    public void submit(String party, IndicatorSubmission submission) {
        submit(party, submission, submission.getSubmittedAt());
    }

    public void submit(String party, IndicatorSubmission submission, Instant recordTime) {
        driver.createInputTopic(HubTopics.submissions(PartyId.of(party)), new StringSerializer(),
                        topics.valueSerde(TopicCatalogue.SUBMISSIONS).serializer())
                .pipeInput(submission.getSubmissionId(), submission, recordTime);
    }

    public void submitRaw(String party, String key, byte[] bytes) {
        submitRaw(party, key, bytes, T0);
    }

    public void submitRaw(String party, String key, byte[] bytes, Instant recordTime) {
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(HubTopics.submissions(PartyId.of(party)),
                new StringSerializer(), new ByteArraySerializer());
        raw.pipeInput(key, bytes, recordTime);
    }

    public void sight(String party, Sighting sighting) {
        driver.createInputTopic(HubTopics.sightings(PartyId.of(party)), new StringSerializer(),
                        topics.valueSerde(TopicCatalogue.SIGHTINGS).serializer())
                .pipeInput(sighting.getValue(), sighting, sighting.getObservedAt());
    }

    public void sightRaw(String party, byte[] bytes) {
        driver.createInputTopic(HubTopics.sightings(PartyId.of(party)), new StringSerializer(), new ByteArraySerializer())
                .pipeInput("raw", bytes, T0);
    }

    public void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    // ---- output -----------------------------------------------------------------------------

    /** Alerts written for a party since the last call. */
    public List<Alert> alerts(String party) {
        return alerts.computeIfAbsent(party, p -> driver.createOutputTopic(HubTopics.alerts(PartyId.of(p)),
                new StringDeserializer(), topics.alertSerde().deserializer())).readValuesToList();
    }

    /**
     * Every record written to a party's topic since the last call, as that party's consumer reads
     * it: key, value bytes and timestamp. (Not to be mixed with {@link #alerts} on the same party.)
     */
    public List<TestRecord<String, byte[]>> records(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
    }

    public List<Rejection> rejected(String party) {
        return rejected.computeIfAbsent(party, p -> driver.createOutputTopic(HubTopics.rejected(PartyId.of(p)),
                new StringDeserializer(), topics.valueSerde(TopicCatalogue.REJECTED).deserializer())).readValuesToList();
    }

    public List<Indicator> published() {
        if (indicators == null) {
            indicators = driver.createOutputTopic(HubTopics.INDICATORS, new StringDeserializer(),
                    topics.valueSerde(TopicCatalogue.INDICATORS).deserializer());
        }
        return indicators.readValuesToList();
    }

    public List<Correlation> correlations() {
        if (correlations == null) {
            correlations = driver.createOutputTopic(HubTopics.CORRELATIONS, new StringDeserializer(),
                    topics.valueSerde(TopicCatalogue.CORRELATIONS).deserializer());
        }
        return correlations.readValuesToList();
    }

    /** The typed topics' serdes, to decode what {@link #records} returns. */
    public Topics topics() {
        return topics;
    }

    /** Drains every output topic (after a setup step whose output the test does not look at). */
    public void drain() {
        for (String p : List.of("ir", "az", "kz")) {
            alerts(p);
            rejected(p);
        }
        published();
        correlations();
    }

    /** The merged state the topology holds for a value (null when none). */
    public IndicatorState state(IndicatorType type, String canonicalValue) {
        KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(MergeProcessor.INDICATORS_STORE);
        String key = type.name().toLowerCase() + ":" + canonicalValue;
        return new IndicatorStore(store, internal.states().serializer(), internal.states().deserializer(),
                settings.applicationId() + "-indicators-changelog").get(Placement.of(type, canonicalValue, key).storeKey());
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temporary files only
        }
    }

    // ---- records ----------------------------------------------------------------------------

    /** A GREEN submission with confidence 80, accepted at {@link #T0}. */
    public static IndicatorSubmission.Builder submission(String value) {
        return IndicatorSubmission.newBuilder()
                .setSubmissionId(UUID.randomUUID().toString())
                .setAction(SubmissionAction.SUBMIT)
                .setValue(value)
                .setTlp(Tlp.GREEN)
                .setConfidence(80)
                .setSeverity(Severity.HIGH)
                .setTags(new ArrayList<>(List.of("c2")))
                .setChannel(SourceChannel.ANALYST)
                .setSubmitter("analyst-1")
                .setSubmittedAt(T0);
    }

    public static IndicatorSubmission submission(String value, Tlp tlp) {
        return submission(value).setTlp(tlp).build();
    }

    public static IndicatorSubmission revocation(String value) {
        return submission(value).setAction(SubmissionAction.REVOKE).build();
    }

    public static Sighting sighting(String value, SightingKind kind) {
        return Sighting.newBuilder()
                .setSightingId(UUID.randomUUID().toString())
                .setValue(value)
                .setKind(kind)
                .setCount(1)
                .setObservedAt(T0.plusSeconds(60))
                .build();
    }
}
