package org.caspianhub.testkit;

import java.util.Map;
import org.caspianhub.embedded.BrokerSettings;
import org.caspianhub.embedded.EmbeddedKafkaCluster;
import org.caspianhub.embedded.EmbeddedPlatform;
import org.caspianhub.parties.Parties;
import org.caspianhub.registry.server.RegistrySettings;
import org.caspianhub.registry.server.SchemaRegistryServer;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Settings;
import org.caspianhub.topics.HubTopics;

/**
 * Where integration tests get their {@link TestPlatform}. {@link #embedded()} is the default: one
 * in-process KRaft broker and registry per test JVM, started on first use (about 2.5 s) and
 * stopped when the JVM exits. {@link #onKafka(String)} puts the embedded registry in front of a
 * broker started elsewhere, such as Testcontainers' {@code apache/kafka}.
 */
public final class TestPlatforms {

    private static EmbeddedPlatform shared;

    private TestPlatforms() {
    }

    public static synchronized TestPlatform embedded() {
        if (shared == null) {
            EmbeddedPlatform platform = EmbeddedPlatform.ephemeral();
            try {
                platform.start();
            } catch (Exception e) {
                platform.close();
                throw new IllegalStateException("cannot start the embedded test platform: " + e, e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "test-platform-shutdown"));
            shared = platform;
        }
        return new OnEmbeddedPlatform(shared);
    }

    /** A test platform on an {@link EmbeddedPlatform} of this JVM. */
    public static class OnEmbeddedPlatform implements TestPlatform {
        final EmbeddedPlatform platform;

        OnEmbeddedPlatform(EmbeddedPlatform platform) {
            this.platform = platform;
        }

        @Override
        public String bootstrapServers() {
            return platform.bootstrapServers();
        }

        @Override
        public String schemaRegistryUrl() {
            return platform.schemaRegistryUrl();
        }
    }

    /**
     * A KRaft cluster of three brokers and a registry of its own, for a test that stops and starts
     * brokers (so never the shared one): every topic it provisions is replicated three times with
     * {@code min.insync.replicas} 2. Close it when done (about 5 s to start).
     */
    public static ClusterPlatform embeddedCluster() {
        EmbeddedPlatform platform = new EmbeddedPlatform(BrokerSettings.ephemeral().withBrokers(3), 0, Settings.of(Map.of()));
        try {
            platform.start();
        } catch (Exception e) {
            platform.close();
            throw new IllegalStateException("cannot start the embedded test cluster: " + e, e);
        }
        return new ClusterPlatform(platform);
    }

    /** Three brokers: {@link #cluster()} stops and starts them. */
    public static final class ClusterPlatform extends OnEmbeddedPlatform implements AutoCloseable {

        private ClusterPlatform(EmbeddedPlatform platform) {
            super(platform);
        }

        /** With the replication of three brokers. */
        @Override
        public Settings settings(Parties parties) {
            return super.settings(parties).with(Map.of(PlatformSettings.TOPIC_REPLICATION.name(), "3"));
        }

        public EmbeddedKafkaCluster cluster() {
            return platform.cluster().orElseThrow();
        }

        @Override
        public void close() {
            platform.close();
        }
    }

    /**
     * A platform on a broker started elsewhere; the registry it starts is closed with the
     * returned handle.
     */
    public static ExternalKafkaPlatform onKafka(String bootstrapServers) {
        Settings settings = Settings.of(Map.of(PlatformSettings.KAFKA_BOOTSTRAP.name(), bootstrapServers));
        SchemaRegistryServer registry = new SchemaRegistryServer(
                new RegistrySettings("localhost", 0, HubTopics.SCHEMAS, PlatformSettings.from(settings)));
        registry.start();
        return new ExternalKafkaPlatform(bootstrapServers, registry);
    }

    /** A test platform on an external broker, owning the registry it started. */
    public static final class ExternalKafkaPlatform implements TestPlatform, AutoCloseable {
        private final String bootstrapServers;
        private final SchemaRegistryServer registry;

        private ExternalKafkaPlatform(String bootstrapServers, SchemaRegistryServer registry) {
            this.bootstrapServers = bootstrapServers;
            this.registry = registry;
        }

        @Override
        public String bootstrapServers() {
            return bootstrapServers;
        }

        @Override
        public String schemaRegistryUrl() {
            return registry.url();
        }

        @Override
        public void close() {
            registry.close();
        }
    }
}
