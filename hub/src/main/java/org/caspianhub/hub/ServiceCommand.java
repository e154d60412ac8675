package org.caspianhub.hub;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.Callable;
import org.caspianhub.consumers.dispatch.AlertDispatcherService;
import org.caspianhub.consumers.dispatch.DispatcherSettings;
import org.caspianhub.consumers.taxii.TaxiiService;
import org.caspianhub.consumers.taxii.TaxiiSettings;
import org.caspianhub.producers.feeds.FeedPollerService;
import org.caspianhub.producers.feeds.FeedPollerSettings;
import org.caspianhub.producers.gateway.GatewayService;
import org.caspianhub.producers.gateway.GatewaySettings;
import org.caspianhub.registry.server.RegistrySettings;
import org.caspianhub.registry.server.SchemaRegistryServer;
import org.caspianhub.runtime.Health;
import org.caspianhub.runtime.HubService;
import org.caspianhub.runtime.ServiceMetrics;
import org.caspianhub.runtime.Settings;
import org.caspianhub.runtime.WebServers;
import org.caspianhub.streams.StreamsService;
import org.caspianhub.streams.StreamsSettings;
import picocli.CommandLine.Command;

/**
 * One service on its own, configured from the environment, for a deployment where Kafka and the
 * schema registry run elsewhere (docker-compose.yml runs one container per command).
 */
abstract class ServiceCommand implements Callable<Integer> {

    abstract HubService create(Settings settings);

    @Override
    public Integer call() throws Exception {
        try (ServiceRunner runner = new ServiceRunner()) {
            HubService service;
            try {
                service = runner.start(create(Settings.fromEnvironment()));
            } catch (ServiceRunner.StartupFailure e) {
                System.err.println("caspian-hub: " + e.getMessage());
                return 1;
            }
            service.endpoints().forEach(System.out::println);
            runner.runUntilStopped();
        }
        return 0;
    }

    @Command(name = "streams", mixinStandardHelpOptions = true,
            description = "The Kafka Streams topology: validate, normalize, merge, correlate, score, route alerts.")
    static final class Streams extends ServiceCommand {
        @Override
        HubService create(Settings settings) {
            return new StreamsService(StreamsSettings.from(settings));
        }
    }

    @Command(name = "gateway", mixinStandardHelpOptions = true,
            description = "The REST gateway for analysts, imports and SOC sightings, with the web console.")
    static final class Gateway extends ServiceCommand {
        @Override
        HubService create(Settings settings) {
            return new GatewayService(GatewaySettings.from(settings));
        }
    }

    @Command(name = "feeds", mixinStandardHelpOptions = true,
            description = {"Polls the configured feeds (CASPIAN_FEEDS_FILE); /health and /metrics on",
                "CASPIAN_FEEDS_HOST and CASPIAN_FEEDS_PORT (defaults: caspian-hub settings feeds)."})
    static final class Feeds extends ServiceCommand {
        @Override
        HubService create(Settings settings) {
            FeedPollerSettings feeds = FeedPollerSettings.from(settings);
            return new WithMetricsEndpoint("feeds", feeds.host(), feeds.port(), metrics -> new FeedPollerService(feeds, metrics));
        }
    }

    @Command(name = "dispatcher", mixinStandardHelpOptions = true,
            description = "Delivers each party's alerts to its subscriptions (CASPIAN_SUBSCRIPTIONS_FILE).")
    static final class Dispatcher extends ServiceCommand {
        @Override
        HubService create(Settings settings) {
            return new AlertDispatcherService(DispatcherSettings.from(settings));
        }
    }

    @Command(name = "taxii", mixinStandardHelpOptions = true,
            description = "The TAXII 2.1 server: one read-only collection of alerts per party.")
    static final class Taxii extends ServiceCommand {
        @Override
        HubService create(Settings settings) {
            return new TaxiiService(TaxiiSettings.from(settings));
        }
    }

    @Command(name = "registry", mixinStandardHelpOptions = true,
            description = "The embedded schema registry on its own (Confluent REST API, state in a Kafka topic).")
    static final class Registry extends ServiceCommand {
        @Override
        HubService create(Settings settings) {
            return new SchemaRegistryServer(RegistrySettings.from(settings));
        }
    }

    /** Gives a service without an HTTP server of its own the /health and /metrics every service has. */
    static final class WithMetricsEndpoint implements HubService {
        private final String host;
        private final int port;
        private final PrometheusMeterRegistry metrics;
        private final HubService service;
        private Javalin app;

        WithMetricsEndpoint(String serviceName, String host, int port,
                            java.util.function.Function<PrometheusMeterRegistry, HubService> factory) {
            this.host = host;
            this.port = port;
            this.metrics = ServiceMetrics.create(serviceName);
            this.service = factory.apply(metrics);
        }

        @Override
        public String name() {
            return service.name();
        }

        @Override
        public void start() throws Exception {
            service.start();
            app = WebServers.create(name(), metrics, service::health, 1024).start(host, port);
        }

        @Override
        public Health health() {
            return service.health();
        }

        @Override
        public List<String> endpoints() {
            List<String> endpoints = new java.util.ArrayList<>(service.endpoints());
            endpoints.add("  health         http://" + host + ":" + app.port() + "/health, /metrics");
            return endpoints;
        }

        @Override
        public void close() {
            if (app != null) {
                app.stop();
            }
            service.close();
        }
    }
}
