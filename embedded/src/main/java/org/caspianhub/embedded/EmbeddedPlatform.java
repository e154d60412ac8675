package org.caspianhub.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.caspianhub.registry.server.RegistrySettings;
import org.caspianhub.registry.server.SchemaRegistryServer;
import org.caspianhub.runtime.Health;
import org.caspianhub.runtime.HubService;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Settings;
import org.caspianhub.topics.HubTopics;
import org.caspianhub.topics.SchemaProvisioner;
import org.caspianhub.topics.TopicProvisioner;

/**
 * What the hub runs on, started in-process: a real KRaft broker (or a cluster of three, see
 * {@link BrokerSettings#brokers()}), the embedded schema registry on top of it, and every topic of
 * the configured parties. The local hub and the integration tests
 * both start it; a deployment points the services at a real cluster and registry instead.
 */
public final class EmbeddedPlatform implements HubService {

    private final EmbeddedKafka broker;
    private final Settings settings;
    private final int registryPort;
    private SchemaRegistryServer registry;
    private PlatformSettings platform;
    private TopicProvisioner.Report topicReport;
    private List<SchemaProvisioner.Registered> schemas = List.of();

    public EmbeddedPlatform(BrokerSettings brokerSettings, int registryPort, Settings settings) {
        this.broker = brokerSettings.brokers() == 1 ? new EmbeddedKafkaBroker(brokerSettings)
                : new EmbeddedKafkaCluster(brokerSettings);
        this.registryPort = registryPort;
        // on three brokers every hub topic is replicated three times (and, by the brokers' default, needs two in sync)
        this.settings = settings.withDefaults(Map.of(PlatformSettings.TOPIC_REPLICATION.name(), Integer.toString(broker.replication())));
    }

    /** Free ports, temporary storage, the default parties: for tests. */
    public static EmbeddedPlatform ephemeral() {
        return new EmbeddedPlatform(BrokerSettings.ephemeral(), 0, Settings.of(Map.of()));
    }

    @Override
    public String name() {
        return "platform";
    }

    @Override
    public synchronized void start() throws Exception {
        broker.start();
        Settings connected = settings.with(Map.of(PlatformSettings.KAFKA_BOOTSTRAP.name(), broker.bootstrapServers()));
        registry = new SchemaRegistryServer(new RegistrySettings("localhost", registryPort, HubTopics.SCHEMAS,
                PlatformSettings.from(connected)));
        registry.start();
        platform = PlatformSettings.from(connected.with(Map.of(PlatformSettings.SCHEMA_REGISTRY_URL.name(), registry.url())));
        try (Admin admin = Admin.create(platform.kafkaClientProperties())) {
            topicReport = new TopicProvisioner(admin).provision(platform.topicLayout().topicsFor(platform.parties()));
        }
        schemas = new SchemaProvisioner(platform.schemaRegistry())
                .provision(platform.topicLayout().topicsFor(platform.parties()));
    }

    /** Settings a service uses to reach this platform. */
    public PlatformSettings platformSettings() {
        return platform;
    }

    /** The settings this platform was started with, plus where its broker and registry listen. */
    public Settings connectedSettings() {
        return settings.with(Map.of(
                PlatformSettings.KAFKA_BOOTSTRAP.name(), broker.bootstrapServers(),
                PlatformSettings.SCHEMA_REGISTRY_URL.name(), registry.url()));
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The cluster, to stop and start one of its nodes; empty on a single broker. */
    public Optional<EmbeddedKafkaCluster> cluster() {
        return broker instanceof EmbeddedKafkaCluster cluster ? Optional.of(cluster) : Optional.empty();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    public TopicProvisioner.Report topicReport() {
        return topicReport;
    }

    @Override
    public Health health() {
        Health kafka = broker.health();
        Health schemas = registry == null ? Health.down(Map.of()) : registry.health();
        return new Health(kafka.up() && schemas.up(), Map.of("kafka", kafka.status(), "registry", schemas.status()));
    }

    @Override
    public List<String> endpoints() {
        List<String> endpoints = new ArrayList<>(broker.endpoints());
        if (registry != null) {
            endpoints.addAll(registry.endpoints());
        }
        if (topicReport != null) {
            endpoints.add("topics           " + topicReport.created().size() + " created, "
                    + topicReport.existing().size() + " already present, for " + platform.parties());
            endpoints.add("schemas          " + schemas.size() + " subjects registered ("
                    + SchemaProvisioner.HUB_COMPATIBILITY + ")");
        }
        return endpoints;
    }

    @Override
    public synchronized void close() {
        if (registry != null) {
            registry.close();
            registry = null;
        }
        broker.close();
    }
}
