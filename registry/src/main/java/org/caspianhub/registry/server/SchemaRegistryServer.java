package org.caspianhub.registry.server;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import org.caspianhub.runtime.Health;
import org.caspianhub.runtime.HubService;
import org.caspianhub.runtime.ServiceMetrics;
import org.caspianhub.runtime.Settings;
import org.caspianhub.runtime.WebServers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded schema registry as a service: it rebuilds its state from the Kafka topic, then
 * serves Confluent's REST API. One instance per cluster (it does not elect a leader).
 */
public final class SchemaRegistryServer implements HubService {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final long MAX_REQUEST_BYTES = 4L * 1024 * 1024;

    private final RegistrySettings settings;
    private final PrometheusMeterRegistry metrics = ServiceMetrics.create("registry");
    private KafkaSchemaLog log;
    private Javalin app;
    private volatile boolean ready;

    public SchemaRegistryServer(RegistrySettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        SchemaRegistryServer server = new SchemaRegistryServer(RegistrySettings.from(Settings.fromEnvironment()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "registry-shutdown"));
        server.start();
        server.endpoints().forEach(e -> LOG.info("{}", e));
    }

    @Override
    public String name() {
        return "schema-registry";
    }

    @Override
    public synchronized void start() {
        log = new KafkaSchemaLog(settings.platform().kafkaClientProperties(), settings.topic());
        log.ensureTopic(settings.platform().topicLayout().replicationFactor());
        SchemaRegistryService service = new SchemaRegistryService(log);
        service.recover();
        app = WebServers.create(name(), metrics, this::health, MAX_REQUEST_BYTES);
        new RegistryHttpApi(service).mount(app);
        app.start(settings.host(), settings.port());
        ready = true;
    }

    /** The URL clients use, e.g. {@code http://localhost:8081}. */
    public String url() {
        return "http://" + settings.host() + ":" + app.port();
    }

    @Override
    public Health health() {
        return ready ? Health.up(Map.of("topic", settings.topic())) : Health.down(Map.of("reason", "starting"));
    }

    @Override
    public List<String> endpoints() {
        return List.of("schema registry  " + url() + "  (Confluent REST API, state in topic " + settings.topic() + ")");
    }

    @Override
    public synchronized void close() {
        ready = false;
        if (app != null) {
            app.stop();
            app = null;
        }
        if (log != null) {
            log.close();
            log = null;
        }
        metrics.close();
    }
}
