package org.caspianhub.consumers.taxii;

import io.javalin.Javalin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.alert.Timestamps;
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
 * The TAXII 2.1 server: each party's collection is served from its alert topic
 * ({@code cti.<party>.alerts}), which already holds every version of every alert routed to the
 * party, in order. The server keeps only a compact {@link CollectionIndex} (RocksDB, under
 * CASPIAN_TAXII_STATE_DIR) from STIX id and date_added to the alert's offset, kept up by a
 * {@link CollectionMaterializer}, and renders the STIX objects a request asks for from the
 * alerts themselves ({@link ObjectRenderer}). {@link TaxiiApi} serves them over HTTP on
 * CASPIAN_TAXII_PORT, with /health and /metrics on its management listener
 * (CASPIAN_TAXII_MANAGEMENT_PORT), never on the port the parties reach.
 *
 * <p>No consumer group, no changelog, no topic of its own: every replica reads the alert topics
 * by itself and derives the same date_added values from them, so replicas can stand side by side
 * and a server whose disk is gone rebuilds the same collections.
 */
public final class TaxiiService implements HubService {

    private static final Logger LOG = LoggerFactory.getLogger(TaxiiService.class);
    private static final long MAX_REQUEST_BYTES = 64 * 1024;
    private static final int READERS = 4;

    private final TaxiiSettings settings;
    private final PrometheusMeterRegistry metrics;
    private final Clock clock;
    private CollectionIndex index;
    private CollectionMaterializer materializer;
    private AlertLog alertLog;
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
        if (index != null) {
            return;
        }
        if (settings.demoKeys()) {
            LOG.warn("TAXII: no CASPIAN_API_KEYS_FILE; accepting the well-known demo keys demo-<party>-<role> (local use only)");
        }
        settings.publicUrlWarning().ifPresent(warning -> LOG.warn("TAXII: {}", warning));
        List<PartyId> parties = List.copyOf(settings.platform().parties().all());
        AlertTopicCheck.warnings(settings.platform().kafkaClientProperties(), parties, settings.retention())
                .forEach(warning -> LOG.warn("TAXII: {}", warning));
        Topics topics = new Topics(settings.platform().schemaRegistry(), settings.platform().autoRegisterSchemas());
        Deserializer<Alert> alerts = topics.alertSerde().deserializer();
        index = CollectionIndex.open(settings.stateDirectory(), settings.indexMemoryBytes());
        materializer = new CollectionMaterializer(index, consumer("index", Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000)),
                alerts, parties, settings.settleTime(), settings.retention(), clock);
        materializer.start();
        AtomicInteger readers = new AtomicInteger();
        alertLog = new AlertLog(() -> consumer("reader-" + readers.incrementAndGet(),
                Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 256 * 1024)), alerts, READERS);
        bindMetrics(parties);

        web = WebServers.api(name(), metrics, MAX_REQUEST_BYTES, TaxiiApi.ERRORS);
        new TaxiiApi(settings, new CollectionQueries(index), new ObjectRenderer(alertLog), materializer::isReady, MAX_REQUEST_BYTES)
                .register(web);
        web.start(settings.host(), settings.port());
        management = WebServers.management(name(), metrics, this::health)
                .start(settings.management().host(), settings.management().port());

        if (!materializer.awaitReady(settings.startTimeout())) {
            LOG.warn("TAXII: collections still being built after {}s; requests get 503 until they are ready",
                    settings.startTimeout().toSeconds());
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String role, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(settings.platform().kafkaClientProperties());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-" + role);
        // alerts are written in transactions: never show an aborted one
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.putAll(extra);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void bindMetrics(List<PartyId> parties) {
        for (PartyId party : parties) {
            Gauge.builder("caspian_taxii_collection_behind_seconds", this, service -> service.behindSeconds(party.value()))
                    .description("how far the collection's complete part lags the clock (about CASPIAN_TAXII_SETTLE_TIME when caught up)")
                    .tag("party", party.value()).register(metrics);
        }
        Gauge.builder("caspian_taxii_index_memory_bytes", this, service -> service.indexMemory().getOrDefault("blockCacheUsage", 0L))
                .description("off-heap memory of the collection index (block cache with memtables charged to it)")
                .register(metrics);
    }

    private double behindSeconds(String party) {
        CollectionMaterializer running = materializer;
        Long horizon = running == null ? null : running.horizons().get(party);
        return horizon == null ? Double.NaN : (Timestamps.toMicros(clock.instant()) - horizon) / 1e6;
    }

    /** For each alert partition, the offset up to which its alerts are in the collections (for operators and the footprint benchmark). */
    public Map<TopicPartition, Long> indexedOffsets() {
        CollectionMaterializer running = materializer;
        return running == null ? Map.of() : running.indexedOffsets();
    }

    /** The index's off-heap memory by kind, in bytes. */
    public Map<String, Long> indexMemory() {
        CollectionIndex open = index;
        return open == null ? Map.of() : open.memory();
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
        CollectionMaterializer running = materializer;
        Map<String, Object> details = new LinkedHashMap<>();
        boolean ready = running != null && running.isReady();
        details.put("collections", running == null ? "STOPPED" : ready ? "READY" : "BUILDING");
        if (running != null && running.lastFailure() != null) {
            details.put("failure", running.lastFailure().toString());
        }
        for (PartyId party : settings.platform().parties().all()) {
            double behind = behindSeconds(party.value());
            if (!Double.isNaN(behind)) {
                details.put(party.value() + "BehindSeconds", Math.round(behind * 10) / 10.0);
            }
        }
        boolean up = ready && running.lastFailure() == null && web != null;
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
        if (materializer != null) {
            materializer.close();
            materializer = null;
        }
        if (alertLog != null) {
            alertLog.close();
            alertLog = null;
        }
        if (index != null) {
            index.close();
            index = null;
        }
    }

    public static void main(String[] args) throws Exception {
        TaxiiService service = new TaxiiService(TaxiiSettings.from(Settings.fromEnvironment()));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "taxii-shutdown"));
        service.start();
        service.endpoints().forEach(LOG::info);
    }
}
