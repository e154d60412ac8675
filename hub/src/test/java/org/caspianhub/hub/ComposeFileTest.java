package org.caspianhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is checked offline: against the
 * Compose Specification's JSON Schema (deploy/compose-spec), and for the things a broken compose
 * file would get wrong silently: a service per hub module, files it mounts that do not exist.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private final JsonNode compose = read();

    private static JsonNode read() {
        try {
            // SnakeYAML resolves anchors, aliases and merge keys (<<) as Compose does; Jackson's YAML parser does not
            Object yaml = new org.yaml.snakeyaml.Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
            return new ObjectMapper().valueToTree(yaml);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void itIsValidAgainstTheComposeSpecification() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode spec = (com.fasterxml.jackson.databind.node.ObjectNode)
                new ObjectMapper().readTree(ROOT.resolve("deploy/compose-spec/compose.schema.json").toFile());
        // the published schema's $id is relative ("compose_spec.json"); the validator wants an absolute URI
        spec.put("$id", "https://raw.githubusercontent.com/compose-spec/compose-spec/master/schema/compose-spec.json");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(spec);
        Set<ValidationMessage> problems = schema.validate(compose);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyHubServiceKafkaTheRegistryAndPrometheusAreThere() {
        assertThat(compose.get("services").properties()).extracting(java.util.Map.Entry::getKey)
                .contains("kafka-1", "kafka-2", "kafka-3", "schema-registry", "hub-init", "streams", "gateway", "feeds", "dispatcher", "taxii",
                        "prometheus");
        assertThat(compose.at("/services/kafka-1/image").asText()).startsWith("apache/kafka:");
        assertThat(compose.at("/services/schema-registry/image").asText()).startsWith("confluentinc/cp-schema-registry:");
        assertThat(compose.at("/services/streams/command/0").asText()).isEqualTo("streams");
    }

    @Test
    void theExampleConfigurationItMountsIsValid() {
        org.caspianhub.parties.Parties parties = org.caspianhub.parties.Parties.parse(
                compose.at("/x-hub-environment/CASPIAN_PARTIES").asText(),
                compose.at("/x-hub-environment/CASPIAN_AMBER_AGREEMENTS").asText());
        assertThat(org.caspianhub.runtime.auth.ApiKeyStore.load(ROOT.resolve("deploy/api-keys.example.json"), parties)
                .principals()).hasSize(6);
        assertThat(org.caspianhub.consumers.dispatch.DispatcherSettings.from(org.caspianhub.runtime.Settings.of(java.util.Map.of(
                "CASPIAN_SUBSCRIPTIONS_FILE", ROOT.resolve("deploy/subscriptions.example.json").toString())))
                .subscriptions()).hasSize(2);
        assertThat(org.caspianhub.producers.feeds.FeedsFile.load(ROOT.resolve("deploy/feeds.example.json"), parties,
                java.util.Map.of())).isEmpty();
    }

    @Test
    void onlyThePortsThePartiesUseArePublishedAndManagementStaysInside() throws Exception {
        java.util.Map<String, List<String>> published = new java.util.TreeMap<>();
        compose.get("services").properties().forEach(service -> service.getValue().path("ports")
                .forEach(port -> published.computeIfAbsent(service.getKey(), k -> new ArrayList<>()).add(port.asText())));
        assertThat(published).isEqualTo(java.util.Map.of(
                "kafka-1", List.of("9092:9092"),            // the parties' own Kafka clients (SASL), one port per broker
                "kafka-2", List.of("9094:9094"),
                "kafka-3", List.of("9096:9096"),
                "gateway", List.of("8080:8080"),            // analysts, feeds, the console
                "taxii", List.of("8084:8084"),              // SOCs' TAXII clients
                "prometheus", List.of("127.0.0.1:9090:9090"))); // operators, on the host's loopback only
        assertThat(compose.at("/services/gateway/environment/CASPIAN_GATEWAY_MANAGEMENT_PORT").asText()).isEqualTo("9080");
        assertThat(compose.at("/services/taxii/environment/CASPIAN_TAXII_MANAGEMENT_PORT").asText()).isEqualTo("9084");
        String scraped = Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        assertThat(scraped).contains("gateway:9080", "taxii:9084").doesNotContain("gateway:8080", "taxii:8084");
    }

    @Test
    void kafkaIsAClusterOfThreeKraftNodesReplicatingEveryTopicThreeTimesWithTwoInSync() {
        List<String> nodes = List.of("kafka-1", "kafka-2", "kafka-3");
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode env = compose.at("/services/" + nodes.get(i) + "/environment");
            assertThat(env.path("KAFKA_NODE_ID").asInt()).isEqualTo(i + 1);
            assertThat(env.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
            assertThat(env.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText())
                    .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(env.path("KAFKA_ADVERTISED_LISTENERS").asText()).contains("INTERNAL://" + nodes.get(i) + ":19092");
            for (String replication : List.of("KAFKA_DEFAULT_REPLICATION_FACTOR", "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
                    "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")) {
                assertThat(env.path(replication).asInt()).as(nodes.get(i) + " " + replication).isEqualTo(3);
            }
            for (String inSync : List.of("KAFKA_MIN_INSYNC_REPLICAS", "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")) {
                assertThat(env.path(inSync).asInt()).as(nodes.get(i) + " " + inSync).isEqualTo(2);
            }
            assertThat(env.path("CLUSTER_ID").asText()).as("one cluster").isEqualTo(
                    compose.at("/services/kafka-1/environment/CLUSTER_ID").asText());
        }
        assertThat(compose.at("/x-hub-environment/CASPIAN_TOPIC_REPLICATION").asText()).isEqualTo("3");
        assertThat(compose.at("/x-hub-environment/CASPIAN_KAFKA_BOOTSTRAP").asText())
                .isEqualTo("kafka-1:19092,kafka-2:19092,kafka-3:19092");
        // nothing starts before all three are healthy
        for (String service : List.of("schema-registry", "hub-init")) {
            nodes.forEach(node -> assertThat(compose.at("/services/" + service + "/depends_on/" + node + "/condition").asText())
                    .as(service + " waits for " + node).isEqualTo("service_healthy"));
        }
    }

    @Test
    void everyFileItMountsExists() {
        List<String> missing = new ArrayList<>();
        compose.get("services").forEach(service -> service.path("volumes").forEach(volume -> {
            String source = volume.asText().split(":")[0];
            if (source.startsWith("./") && !Files.exists(ROOT.resolve(source))) {
                missing.add(source);
            }
        }));
        assertThat(missing).isEmpty();
    }
}
