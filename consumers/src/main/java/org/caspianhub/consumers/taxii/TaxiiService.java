package org.caspianhub.consumers.taxii;

import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.caspianhub.consumers.stix.StixIds;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.Health;
import org.caspianhub.runtime.HubService;
import org.caspianhub.runtime.ServiceMetrics;
import org.caspianhub.runtime.Settings;
import org.caspianhub.runtime.WebServers;
import org.caspianhub.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TAXII 2.1 server: a {@link CollectionTopology} keeps each party's collection in Kafka
 * Streams state stores (rebuilt from Kafka after a restart), and {@link TaxiiApi} serves them
 * over HTTP on CASPIAN_TAXII_PORT, with /health and /metrics on its management listener
 * (CASPIAN_TAXII_MANAGEMENT_PORT), never on the port the parties reach.
 *
 * <p>Runs as a single instance per application id (CASPIAN_TAXII_APPLICATION_ID). Instances
 * sharing an application id share one Kafka Streams group and split its partitions, so each
 * would hold, and answer from, only part of every collection. A second instance for
 * availability needs its own application id (it then builds its own full copy of the
 * collections, with its own date_added values), and clients must stay on one instance (sticky
 * sessions), since {@code next} and {@code added_after} values of one copy mean nothing to the other.
 */
public final class TaxiiService implements HubService {

    private static final Logger LOG = LoggerFactory.getLogger(TaxiiService.class);
    private static final long MAX_REQUEST_BYTES = 64 * 1024;

    private final TaxiiSettings settings;
    private final PrometheusMeterRegistry metrics;
    private final Clock clock;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private Javalin web;
    private Javalin management;

    public TaxiiService(TaxiiSettings settings) {
        this(settings, ServiceMetrics.create("taxii"));
    }

    public TaxiiService(TaxiiSettings settings, PrometheusMeterRegistry metrics) {
        this(settings, metrics, Clock.systemUTC());
    }

    TaxiiService(TaxiiSettings settings, PrometheusMeterRegistry metrics, Clock clock) {
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "taxii";
    }

    @Override
    public synchronized void start() throws InterruptedException {
        if (streams != null) {
            return;
        }
        if (settings.demoKeys()) {
            LOG.warn("TAXII: no CASPIAN_API_KEYS_FILE; accepting the well-known demo keys demo-<party>-<role> (local use only)");
        }
        settings.publicUrlWarning().ifPresent(warning -> LOG.warn("TAXII: {}", warning));
        Topics topics = new Topics(settings.platform().schemaRegistry(), settings.platform().autoRegisterSchemas());
        List<PartyId> parties = List.copyOf(settings.platform().parties().all());
        streams = new KafkaStreams(CollectionTopology.build(parties, topics.alertSerde().deserializer(),
                settings.retention(), clock), streamsProperties());
        // a bug in a processor replaces the thread instead of stopping the server
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("TAXII: stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics);
        streams.start();

        web = WebServers.api(name(), metrics, MAX_REQUEST_BYTES, TaxiiApi.ERRORS);
        new TaxiiApi(settings, new CollectionQueries(new StreamsStores()), MAX_REQUEST_BYTES).register(web);
        web.start(settings.host(), settings.port());
        management = WebServers.management(name(), metrics, this::health)
                .start(settings.management().host(), settings.management().port());

        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("TAXII: the collection topology stopped while starting (state "
                        + streams.state() + "); see the log above");
            }
            Thread.sleep(50);
        }
        if (streams.state() != KafkaStreams.State.RUNNING) {
            LOG.warn("TAXII: collections still rebuilding after {}s; requests get 503 until they are ready",
                    settings.startTimeout().toSeconds());
        }
    }

    private Properties streamsProperties() {
        Properties props = new Properties();
        props.putAll(settings.platform().kafkaClientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDirectory().toString());
        // one thread: date_added values are handed out and stored in one order, so a client paging
        // with added_after can never skip an object stored late with an earlier date
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.platform().topicLayout().replicationFactor());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        // alerts are written in transactions: never show an aborted one
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Streams members do not leave their group on close: a restarted server waits this long for its partitions
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        return props;
    }

    /** The stores of the partitions this instance holds, each queried on its own. */
    private final class StreamsStores implements CollectionQueries.Stores {
        @Override
        public List<ReadOnlyKeyValueStore<Bytes, byte[]>> objects() {
            return stores(CollectionTopology.OBJECTS_STORE);
        }

        @Override
        public List<ReadOnlyKeyValueStore<Bytes, byte[]>> index() {
            return stores(CollectionTopology.INDEX_STORE);
        }

        private List<ReadOnlyKeyValueStore<Bytes, byte[]>> stores(String name) {
            KafkaStreams running = streams;
            if (running == null || running.state() != KafkaStreams.State.RUNNING) {
                throw new org.apache.kafka.streams.errors.InvalidStateStoreException("collections not ready");
            }
            List<ReadOnlyKeyValueStore<Bytes, byte[]>> stores = new ArrayList<>();
            for (int partition : writerPartitions(running)) {
                stores.add(running.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<Bytes, byte[]>keyValueStore())
                        .withPartition(partition)));
            }
            return stores;
        }
    }

    /** Partitions of the collection writer's tasks (those reading the repartitioned STIX objects). */
    private static Set<Integer> writerPartitions(KafkaStreams streams) {
        Set<Integer> partitions = new TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                boolean writer = task.topicPartitions().stream()
                        .anyMatch(tp -> tp.topic().endsWith("-" + CollectionTopology.REPARTITION + "-repartition"));
                if (writer) {
                    partitions.add(task.taskId().partition());
                }
            }
        }
        return partitions;
    }

    /** The port TAXII listens on (the configured one, or the one picked for 0). */
    public int port() {
        return web == null ? settings.port() : web.port();
    }

    /** The management listener's base URL: /health and /metrics, never on the TAXII port. */
    public String managementUrl() {
        return "http://" + urlHost(settings.management().host()) + ":" + management.port();
    }

    /** The discovery URL. */
    public String discoveryUrl() {
        String base = settings.publicUrl() != null ? settings.publicUrl() : "http://" + urlHost(settings.host()) + ":" + port();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + TaxiiApi.DISCOVERY;
    }

    /** How a URL names the bind address: this machine for a wildcard, brackets for an IPv6 literal. */
    static String urlHost(String bindHost) {
        if (bindHost == null || bindHost.isBlank() || bindHost.equals("0.0.0.0") || bindHost.equals("::")) {
            return "localhost";
        }
        return bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
    }

    @Override
    public Health health() {
        KafkaStreams running = streams;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("collections", running == null ? "STOPPED" : running.state().name());
        boolean up = running != null && running.state() == KafkaStreams.State.RUNNING && web != null;
        return up ? Health.up(details) : Health.down(details);
    }

    @Override
    public List<String> endpoints() {
        List<String> endpoints = new ArrayList<>();
        endpoints.add("taxii            " + discoveryUrl() + " (discovery), API root " + TaxiiApi.API_ROOT
                + (settings.demoKeys() ? ", demo keys demo-<party>-soc" : ""));
        if (management != null) {
            endpoints.add("  management     " + managementUrl() + "/health, /metrics");
        }
        Map<String, String> collections = new HashMap<>();
        for (PartyId party : settings.platform().parties().all()) {
            collections.put(party.value(), StixIds.collection(party));
        }
        new TreeSet<>(collections.keySet()).forEach(party ->
                endpoints.add("  collection     " + party + "-alerts " + collections.get(party)));
        return endpoints;
    }

    @Override
    public synchronized void close() {
        if (web != null) {
            web.stop();
            web = null;
        }
        if (management != null) {
            management.stop();
            management = null;
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
            streamsMetrics = null;
        }
        if (streams != null) {
            streams.close(java.time.Duration.ofSeconds(10));
            streams = null;
        }
    }

    public static void main(String[] args) throws Exception {
        TaxiiService service = new TaxiiService(TaxiiSettings.from(Settings.fromEnvironment()));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "taxii-shutdown"));
        service.start();
        service.endpoints().forEach(LOG::info);
    }
}
