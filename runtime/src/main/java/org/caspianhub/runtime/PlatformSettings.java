package org.caspianhub.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
 * the topic layout. One typed place, read from {@link Settings}:
 *
 * <table>
 * <caption>settings</caption>
 * <tr><td>CASPIAN_KAFKA_BOOTSTRAP</td><td>localhost:9092</td></tr>
 * <tr><td>CASPIAN_KAFKA_PROPERTIES</td><td>a client properties file (security.protocol, SASL, TLS) merged into every client</td></tr>
 * <tr><td>CASPIAN_SCHEMA_REGISTRY_URL</td><td>http://localhost:8081</td></tr>
 * <tr><td>CASPIAN_SCHEMA_REGISTRY_AUTH</td><td>user:password for basic auth, unset by default</td></tr>
 * <tr><td>CASPIAN_SCHEMAS_AUTO_REGISTER</td><td>true</td></tr>
 * <tr><td>CASPIAN_PARTIES</td><td>ir,az</td></tr>
 * <tr><td>CASPIAN_AMBER_AGREEMENTS</td><td>ir:az</td></tr>
 * <tr><td>CASPIAN_TOPIC_PARTITIONS</td><td>6</td></tr>
 * <tr><td>CASPIAN_TOPIC_REPLICATION</td><td>1</td></tr>
 * <tr><td>CASPIAN_PARTY_TOPIC_COMPRESSION</td><td>gzip: the {@code compression.type} of the topics a party reads
 *     with its own Kafka clients (alerts, rejected, alerts.dlq), set when they are created</td></tr>
 * <tr><td>CASPIAN_DATA_DIR</td><td>./data: where services keep local state (Kafka Streams stores), each in a
 *     subdirectory of its own; all of it can be rebuilt from Kafka</td></tr>
 * </table>
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

    public static PlatformSettings from(Settings settings) {
        Map<String, String> overrides = settings.optional("CASPIAN_KAFKA_PROPERTIES")
                .map(PlatformSettings::readProperties)
                .orElse(Map.of());
        return new PlatformSettings(
                settings.string("CASPIAN_KAFKA_BOOTSTRAP", "localhost:9092"),
                overrides,
                settings.string("CASPIAN_SCHEMA_REGISTRY_URL", "http://localhost:8081"),
                settings.secret("CASPIAN_SCHEMA_REGISTRY_AUTH"),
                settings.bool("CASPIAN_SCHEMAS_AUTO_REGISTER", true),
                Parties.parse(settings.string("CASPIAN_PARTIES", "ir,az"),
                        settings.string("CASPIAN_AMBER_AGREEMENTS", "ir:az")),
                new TopicLayout(settings.integer("CASPIAN_TOPIC_PARTITIONS", 6),
                        (short) settings.integer("CASPIAN_TOPIC_REPLICATION", 1),
                        settings.oneOf("CASPIAN_PARTY_TOPIC_COMPRESSION", TopicLayout.DEFAULT_PARTY_COMPRESSION,
                                TopicLayout.COMPRESSION_TYPES)),
                Path.of(settings.string("CASPIAN_DATA_DIR", "data")));
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

    private static Map<String, String> readProperties(String path) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CASPIAN_KAFKA_PROPERTIES file " + path, e);
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
