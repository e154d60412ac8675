package org.caspianhub.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.caspianhub.parties.Parties;
import org.caspianhub.registry.client.CachingSchemaRegistry;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.topics.TopicLayout;

/**
 * What every service needs to reach the platform: Kafka, the schema registry, the parties and
 * the topic layout. One typed place, read from {@link Settings} through the declarations in
 * {@link #ALL} (name, default, range and description of each).
 */
public record PlatformSettings(
        String bootstrapServers,
        Map<String, String> kafkaClientOverrides,
        String schemaRegistryUrl,
        Optional<Secret> schemaRegistryAuth,
        boolean autoRegisterSchemas,
        Parties parties,
        TopicLayout topicLayout,
        Path dataDirectory) {

    public static final Setting<String> KAFKA_BOOTSTRAP = Setting.string("CASPIAN_KAFKA_BOOTSTRAP", "localhost:9092",
            "Kafka bootstrap servers");
    public static final Setting<Optional<Path>> KAFKA_PROPERTIES = Setting.optionalPath("CASPIAN_KAFKA_PROPERTIES",
            "a client properties file (security.protocol, SASL, TLS) merged into every Kafka client");
    public static final Setting<String> SCHEMA_REGISTRY_URL = Setting.string("CASPIAN_SCHEMA_REGISTRY_URL",
            "http://localhost:8081", "any Confluent-compatible schema registry");
    public static final Setting<Optional<Secret>> SCHEMA_REGISTRY_AUTH = Setting.secret("CASPIAN_SCHEMA_REGISTRY_AUTH",
            "user:password for the registry's basic auth");
    public static final Setting<Boolean> SCHEMAS_AUTO_REGISTER = Setting.bool("CASPIAN_SCHEMAS_AUTO_REGISTER", true,
            "false when admin init registers the schemas (production)");
    public static final Setting<String> PARTIES = Setting.string("CASPIAN_PARTIES", "ir,az",
            "the parties; a third joins here (topics, keys and ACLs follow)");
    public static final Setting<String> AMBER_AGREEMENTS = Setting.string("CASPIAN_AMBER_AGREEMENTS", "ir:az",
            "pairs of parties that share TLP:AMBER (none for no agreement)");
    public static final Setting<Integer> TOPIC_PARTITIONS = Setting.integer("CASPIAN_TOPIC_PARTITIONS", 6,
            "partitions of every topic the hub creates; the same for every service").atLeast(1);
    public static final Setting<Integer> TOPIC_REPLICATION = Setting.integer("CASPIAN_TOPIC_REPLICATION", 1,
            "replicas of every topic the hub creates").between(1, (int) Short.MAX_VALUE);
    public static final Setting<String> PARTY_TOPIC_COMPRESSION = Setting.oneOf("CASPIAN_PARTY_TOPIC_COMPRESSION",
            TopicLayout.DEFAULT_PARTY_COMPRESSION, TopicLayout.COMPRESSION_TYPES,
            "compression.type of the topics a party reads with its own Kafka clients (alerts, rejected, alerts.dlq)");
    public static final Setting<Path> DATA_DIR = Setting.path("CASPIAN_DATA_DIR", "data",
            "where services keep local state, each in a subdirectory of its own; all of it rebuildable from Kafka");

    public static final List<Setting<?>> ALL = List.of(KAFKA_BOOTSTRAP, KAFKA_PROPERTIES, SCHEMA_REGISTRY_URL,
            SCHEMA_REGISTRY_AUTH, SCHEMAS_AUTO_REGISTER, PARTIES, AMBER_AGREEMENTS, TOPIC_PARTITIONS, TOPIC_REPLICATION,
            PARTY_TOPIC_COMPRESSION, DATA_DIR);

    public static PlatformSettings from(Settings settings) {
        Map<String, String> overrides = KAFKA_PROPERTIES.read(settings)
                .map(PlatformSettings::readProperties)
                .orElse(Map.of());
        return new PlatformSettings(
                KAFKA_BOOTSTRAP.read(settings),
                overrides,
                SCHEMA_REGISTRY_URL.read(settings),
                SCHEMA_REGISTRY_AUTH.read(settings),
                SCHEMAS_AUTO_REGISTER.read(settings),
                Parties.parse(PARTIES.read(settings), AMBER_AGREEMENTS.read(settings)),
                new TopicLayout(TOPIC_PARTITIONS.read(settings), TOPIC_REPLICATION.read(settings).shortValue(),
                        PARTY_TOPIC_COMPRESSION.read(settings)),
                DATA_DIR.read(settings));
    }

    /** The directory a service keeps its local state in: {@code <CASPIAN_DATA_DIR>/<service>}. */
    public Path stateDirectory(String service) {
        return dataDirectory.resolve(service);
    }

    /** Base properties for any Kafka client: bootstrap servers plus the operator's overrides. */
    public Map<String, Object> kafkaClientProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(kafkaClientOverrides);
        return props;
    }

    /** A caching client for the configured registry; make one per service and share it. */
    public CachingSchemaRegistry schemaRegistry() {
        return new CachingSchemaRegistry(new HttpSchemaRegistryClient(schemaRegistryUrl,
                schemaRegistryAuth.map(Secret::reveal).orElse(null)));
    }

    private static Map<String, String> readProperties(Path path) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + KAFKA_PROPERTIES.name() + " file " + path, e);
        }
        Map<String, String> map = new HashMap<>();
        properties.forEach((k, v) -> map.put(k.toString(), v.toString()));
        return Map.copyOf(map);
    }

    @Override
    public String toString() {
        // the override file may hold SASL passwords: show only its keys
        return "PlatformSettings[kafka=" + bootstrapServers + ", kafkaOverrides=" + kafkaClientOverrides.keySet()
                + ", schemaRegistry=" + schemaRegistryUrl + ", registryAuth=" + schemaRegistryAuth.map(s -> "set").orElse("none")
                + ", " + parties + "]";
    }
}
