package org.caspianhub.streams;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.warninglist.Warninglists;
import org.caspianhub.parties.PartyId;
import org.caspianhub.registry.client.CachingSchemaRegistry;
import org.caspianhub.runtime.Health;
import org.caspianhub.runtime.HubService;
import org.caspianhub.runtime.ServiceMetrics;
import org.caspianhub.runtime.Settings;
import org.caspianhub.runtime.WebServers;
import org.caspianhub.runtime.streams.StreamsApplication;
import org.caspianhub.streams.intake.Intake;
import org.caspianhub.streams.intake.WarninglistCheck;
import org.caspianhub.streams.topology.CoPartitioning;
import org.caspianhub.streams.topology.HubTopology;
import org.caspianhub.streams.topology.InternalSerdes;
import org.caspianhub.streams.topology.StreamsProperties;
import org.caspianhub.topics.TopicCatalogue;
import org.caspianhub.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's Kafka Streams application as a service: builds the topology
 * ({@link HubTopology}), runs it with exactly-once v2, and serves {@code /health} (UP only while
 * Kafka Streams is RUNNING) and {@code /metrics} (the pipeline's counters, Kafka Streams' own
 * metrics and the JVM's) on {@code CASPIAN_STREAMS_PORT}. A stream thread that dies of an
 * unexpected error is replaced; its transaction was aborted, so nothing is lost or doubled.
 */
public final class StreamsService implements HubService {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final StreamsSettings settings;
    private final PrometheusMeterRegistry registry;
    private final PipelineMetrics metrics;
    private StreamsApplication streams;
    private Javalin web;

    public StreamsService(StreamsSettings settings) {
        this(settings, ServiceMetrics.create("streams"));
    }

    /** With a registry shared with other services of one process (the all-in-one launcher). */
    public StreamsService(StreamsSettings settings, PrometheusMeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
        this.metrics = new PipelineMetrics(registry);
    }

    @Override
    public String name() {
        return "streams";
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    /** The topology this service runs, for tests and for printing ({@code Topology#describe()}). */
    public Topology topology() {
        CachingSchemaRegistry schemaRegistry = settings.platform().schemaRegistry();
        Topics topics = new Topics(schemaRegistry, settings.platform().autoRegisterSchemas());
        return HubTopology.build(settings, topics, InternalSerdes.using(schemaRegistry), defaultIntake(), metrics);
    }

    /** The indicators module's normalizer and warninglists. */
    public static Intake defaultIntake() {
        return new Intake(new IndicatorNormalizer(), warninglists());
    }

    /** The MISP warninglists bundled with the indicators module (loaded once per process). */
    static WarninglistCheck warninglists() {
        Warninglists lists = Warninglists.bundled();
        return lists::matches;
    }

    @Override
    public synchronized void start() throws Exception {
        if (streams != null) {
            return;
        }
        checkPartitionCounts();
        Topology topology = topology();
        LOG.info("streams: {} (instance {}) for {}, {} thread(s), commit every {} ms, state in {}", settings.applicationId(),
                settings.instanceId(), settings.platform().parties(), settings.threads(), settings.commitInterval().toMillis(),
                settings.stateDir().toAbsolutePath());
        // a failed stream thread's transaction is aborted and a new thread takes over: nothing lost or doubled
        streams = new StreamsApplication(name(), topology, StreamsProperties.of(settings, metrics)).withMetrics(registry);
        web = WebServers.create(name(), registry, this::health, 1024);
        web.start(settings.host(), settings.port());
        if (!streams.start(START_TIMEOUT)) {
            LOG.warn("streams: not RUNNING after {} s (state {}); /health reports DOWN until it is",
                    START_TIMEOUT.toSeconds(), streams.state());
        }
    }

    /** Every party's submissions and sightings topic must have the layout's partition count ({@link CoPartitioning}). */
    private void checkPartitionCounts() throws InterruptedException {
        List<String> inputs = new ArrayList<>();
        for (PartyId party : settings.platform().parties().all()) {
            inputs.add(TopicCatalogue.SUBMISSIONS.name(party));
            inputs.add(TopicCatalogue.SIGHTINGS.name(party));
        }
        try (Admin admin = Admin.create(settings.platform().kafkaClientProperties())) {
            CoPartitioning.check(admin, inputs, settings.platform().topicLayout().partitions(), Duration.ofSeconds(30));
        }
    }

    /** The HTTP port actually bound (useful with CASPIAN_STREAMS_PORT=0). */
    public int port() {
        return web == null ? -1 : web.port();
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.NOT_RUNNING : streams.state();
    }

    @Override
    public Health health() {
        if (streams == null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", KafkaStreams.State.NOT_RUNNING.name());
            details.put("applicationId", settings.applicationId());
            return Health.down(details);
        }
        return streams.health();
    }

    @Override
    public List<String> endpoints() {
        List<String> endpoints = new ArrayList<>();
        endpoints.add("streams          http://" + settings.host() + ":" + port() + " (/health, /metrics), application "
                + settings.applicationId());
        endpoints.add("streams reads    cti.<party>.submissions, cti.<party>.sightings for " + settings.platform().parties());
        endpoints.add("streams writes   cti.<party>.alerts, cti.<party>.rejected, cti.hub.indicators, cti.hub.correlations");
        return endpoints;
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
            streams = null;
        }
        if (web != null) {
            web.stop();
            web = null;
        }
    }

    public static void main(String[] args) throws Exception {
        StreamsService service = new StreamsService(StreamsSettings.from(Settings.fromEnvironment()));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "streams-shutdown"));
        service.start();
        service.endpoints().forEach(line -> LOG.info("{}", line));
        Thread.currentThread().join();
    }
}
