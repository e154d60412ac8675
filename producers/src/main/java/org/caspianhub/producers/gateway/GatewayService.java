package org.caspianhub.producers.gateway;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.warninglist.Warninglists;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.imports.ImportMetrics;
import org.caspianhub.producers.inbox.AlertFeeds;
import org.caspianhub.producers.knowledge.KnowledgeBase;
import org.caspianhub.producers.knowledge.PartyKnowledge;
import org.caspianhub.producers.knowledge.WarninglistHits;
import org.caspianhub.producers.imports.Importer;
import org.caspianhub.producers.sightings.SightingReader;
import org.caspianhub.producers.status.RecentlyAccepted;
import org.caspianhub.producers.status.StoredForm;
import org.caspianhub.producers.status.SubmissionStatusTable;
import org.caspianhub.producers.submit.HubWriter;
import org.caspianhub.producers.submit.JsonItemReader;
import org.caspianhub.producers.submit.SubmissionFactory;
import org.caspianhub.producers.submit.SubmissionMetrics;
import org.caspianhub.producers.submit.ValueCheck;
import org.caspianhub.runtime.Health;
import org.caspianhub.runtime.HubService;
import org.caspianhub.runtime.ServiceMetrics;
import org.caspianhub.runtime.Settings;
import org.caspianhub.runtime.WebServers;
import org.caspianhub.runtime.auth.ApiKeyStore;
import org.caspianhub.runtime.auth.Principal;
import org.caspianhub.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysts' REST gateway: submissions, revocations, sightings, imports and status look-ups
 * over JSON, and the pull side (look-ups, searches, exports of what the caller's party knows, from
 * a read model of its alert topic), authenticated by bearer API keys, written to the caller's party topics with
 * {@code acks=all}, idempotent transactional producers, answering only after the broker
 * acknowledged. Javalin serves it (small, embeddable, the project's shared web stack).
 */
public final class GatewayService implements HubService {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);
    static final String API = "/api/v1";

    private final GatewaySettings settings;
    private final PrometheusMeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();
    private final List<String> routes = new CopyOnWriteArrayList<>();
    private Map<String, Principal> demoKeys = Map.of();
    private Javalin app;
    private Javalin management;
    private HubWriter writer;
    private SubmissionStatusTable statusTable;
    private AlertFeeds alertFeeds;
    /** Each party's read model, by party id: its own store and reader. */
    private final Map<String, PartyKnowledge> knowledge = new LinkedHashMap<>();
    private volatile boolean started;

    public GatewayService(GatewaySettings settings) {
        this(settings, ServiceMetrics.create("gateway"));
    }

    public GatewayService(GatewaySettings settings, PrometheusMeterRegistry metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public synchronized void start() throws Exception {
        if (started) {
            return;
        }
        // the pipeline's own warninglists, for status answers: loaded (a few seconds) while the status table starts
        CompletableFuture<Warninglists> lists = CompletableFuture.supplyAsync(Warninglists::bundled);
        ApiKeyStore keys = settings.apiKeys().store();
        demoKeys = settings.apiKeys().demoKeys();
        Topics topics = new Topics(settings.platform().schemaRegistry(), settings.platform().autoRegisterSchemas());
        writer = new HubWriter(settings.platform(), topics, "caspian-gateway", settings.producers(), settings.sendTimeout(),
                settings.atomicBatches());
        Files.createDirectories(settings.stateDir());
        statusTable = new SubmissionStatusTable(settings.platform(), topics, settings.statusApplicationId(),
                settings.statusInstanceId(), settings.stateDir().resolve(settings.statusApplicationId()),
                settings.statusMemoryBytes());
        statusTable.start(Duration.ofSeconds(90));
        alertFeeds = new AlertFeeds(settings.platform(), topics, settings.alertStream(), settings.statusInstanceId());
        alertFeeds.start();

        ValueCheck values = new ValueCheck(new IndicatorNormalizer());
        SubmissionFactory factory = new SubmissionFactory(clock);
        RecentlyAccepted recent = new RecentlyAccepted(50_000, Duration.ofMinutes(1));
        Idempotency idempotency = new Idempotency(settings.idempotencyEntries(), settings.idempotencyTtl());
        WriteEndpoints writes = new WriteEndpoints(settings, writer, idempotency, new SubmissionMetrics(metrics),
                statusTable, recent, factory, new JsonItemReader(values, clock),
                new RevocationReader(values, (party, id) -> {
                    SubmissionStatusTable.Lookup lookup = statusTable.find(party, id);
                    return lookup instanceof SubmissionStatusTable.Found found ? Optional.of(found.status())
                            : recent.find(party, id);
                }),
                new SightingReader(values, clock));
        StatusEndpoint status = new StatusEndpoint(statusTable, recent,
                new StoredForm.Reader(new IndicatorNormalizer(), lists.join()));
        ImportsEndpoint imports = new ImportsEndpoint(settings, new Importer(writer, values, factory,
                new ImportMetrics(metrics), clock, settings.importChunk()), idempotency, statusTable);
        WarninglistHits hits = new WarninglistHits(lists.join());
        long memoryPerParty = settings.knowledge().memoryBytes() / settings.platform().parties().all().size();
        for (PartyId party : settings.platform().parties().all()) {
            knowledge.put(party.value(), PartyKnowledge.start(party, settings.knowledge(), memoryPerParty,
                    settings.platform().kafkaClientProperties(), topics.alertSerde().deserializer(), new IndicatorNormalizer(),
                    hits));
        }
        KnowledgeEndpoints knowledgeEndpoints = new KnowledgeEndpoints(knowledge, settings.knowledge(),
                settings.maxBodyBytes());
        OpenApiDocument openApi = OpenApiDocument.load();
        Authentication authentication = new Authentication(keys);

        app = WebServers.api("gateway", metrics, settings.maxBodyBytes(), ErrorBodies.FORMAT);
        app.events(events -> events.handlerAdded(h -> {
            if (h.getPath().startsWith(API) && h.getHttpMethod().isHttpMethod()) {
                routes.add(h.getHttpMethod().name() + " " + h.getPath());
            }
        }));
        app.exception(ApiException.class, ErrorBodies::write);
        app.before(API + "/*", ctx -> {
            if (!ctx.path().startsWith(API + "/openapi.") && ctx.method() != HandlerType.OPTIONS) {
                authentication.authenticate(ctx);
            }
        });
        app.get(API + "/openapi.yaml", openApi::serveYaml);
        app.get(API + "/openapi.json", openApi::serveJson);
        app.post(API + "/indicators", writes::indicators);
        app.post(API + "/revocations", writes::revocations);
        app.post(API + "/sightings", writes::sightings);
        app.post(API + "/imports", imports::post);
        app.get(API + "/submissions/{id}", status::get);
        app.get(API + "/alerts/stream", new AlertStreamEndpoint(alertFeeds, settings.alertStream(), metrics)::get);
        app.get(API + "/indicators", knowledgeEndpoints::search);
        app.get(API + "/indicators/{value}", knowledgeEndpoints::indicator);
        app.get(API + "/lookup", knowledgeEndpoints::lookupByQuery);
        app.post(API + "/lookups", knowledgeEndpoints::lookups);
        app.get(API + "/exports/misp/{document}", knowledgeEndpoints::misp);
        app.get(API + "/exports/{format}", knowledgeEndpoints::export);
        WebConsole.load().register(app); // the analysts' web page at /, not an API route
        app.start(settings.host(), settings.port());
        management = WebServers.management("gateway", metrics, this::health)
                .start(settings.management().host(), settings.management().port());
        started = true;
        LOG.info("gateway listening on {} for {}", url(), settings.platform().parties());
        if (!demoKeys.isEmpty()) {
            LOG.warn("gateway: CASPIAN_API_KEYS_FILE is not set, so the well-known demo API keys are active. "
                    + "They are for LOCAL USE ONLY: anyone can guess them. Keys: {}", String.join(", ", demoKeys.keySet()));
        }
    }

    /** Waits until every party's read model has applied every alert there was when the gateway started. */
    public boolean awaitKnowledge(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (PartyKnowledge party : knowledge.values()) {
            if (!party.reader().awaitCaughtUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /** One party's read model (benchmarks and tests measure and inspect it). */
    public KnowledgeBase knowledge(PartyId party) {
        return knowledge.get(party.value()).base();
    }

    /** The port it listens on (useful when configured as 0). */
    public int port() {
        return app.port();
    }

    public String url() {
        return settings.url(port());
    }

    /** Where /health and /metrics are: the management listener, never the API's port. */
    public String managementUrl() {
        return settings.managementUrl(management.port());
    }

    /** Every API route registered, as {@code POST /api/v1/indicators}: the OpenAPI contract test compares it with the document. */
    public List<String> registeredRoutes() {
        return List.copyOf(routes);
    }

    /**
     * UP while the gateway serves and can write: a status table that is rebalancing or restoring only
     * makes status look-ups wait (they answer 503 meanwhile), so it is a detail, not a reason to
     * restart the gateway. A table that has stopped for good (its threads failed) is DOWN: only a
     * restart brings status look-ups and idempotent retries back.
     */
    @Override
    public Health health() {
        if (!started) {
            return Health.down(Map.of("reason", "not started"));
        }
        return GatewayHealth.of(url(), statusTable.state(), knowledge.values());
    }

    @Override
    public List<String> endpoints() {
        if (!started) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("gateway          " + url() + API + "  (REST API)");
        lines.add("  management     " + managementUrl() + "/health, /metrics");
        lines.add("  OpenAPI        " + url() + API + "/openapi.yaml");
        lines.add("  web console    " + url() + "/");
        if (!demoKeys.isEmpty()) {
            lines.add("  demo API keys  " + String.join(", ", demoKeys.keySet()) + "  (LOCAL USE ONLY: anyone can guess them)");
        }
        return lines;
    }

    @Override
    public synchronized void close() {
        started = false;
        if (alertFeeds != null) {
            alertFeeds.close(); // ends every open stream with a 'shutdown' event before the server stops
            alertFeeds = null;
        }
        if (app != null) {
            app.stop();
            app = null;
        }
        if (management != null) {
            management.stop();
            management = null;
        }
        if (statusTable != null) {
            statusTable.close();
            statusTable = null;
        }
        knowledge.values().forEach(PartyKnowledge::close);
        knowledge.clear();
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    public static void main(String[] args) throws Exception {
        GatewayService gateway = new GatewayService(GatewaySettings.from(Settings.fromEnvironment()));
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "gateway-shutdown"));
        gateway.start();
        gateway.endpoints().forEach(System.out::println);
    }
}
