package org.caspianhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.embedded.EmbeddedKafkaCluster;
import org.caspianhub.parties.PartyId;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.runtime.Settings;
import org.caspianhub.topics.Topics;
import org.caspianhub.topics.TypedTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole local hub on three brokers ({@code local --brokers 3}): one broker is stopped while
 * analysts submit through the gateway, and started again. Every submission the gateway
 * acknowledged still becomes its alert, and no alert is on the topic twice.
 */
class LocalHubOnThreeBrokersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aBrokerStoppedAndRestartedUnderSubmissionsLosesNoAcknowledgedSubmissionAndDuplicatesNoAlert(@TempDir Path dir)
            throws Exception {
        Settings settings = Settings.of(Map.of(
                "CASPIAN_BROKERS", "3", "CASPIAN_BROKER_PORT", "0", "CASPIAN_CONTROLLER_PORT", "0", "CASPIAN_REGISTRY_PORT", "0",
                "CASPIAN_STREAMS_PORT", "0", "CASPIAN_GATEWAY_PORT", "0", "CASPIAN_DISPATCHER_PORT", "0",
                "CASPIAN_TAXII_PORT", "0", "CASPIAN_TOPIC_PARTITIONS", "2", "CASPIAN_STREAMS_THREADS", "1"));
        try (LocalHub hub = new LocalHub(settings, dir.resolve("data"))) {
            hub.start();
            EmbeddedKafkaCluster cluster = hub.platform().cluster().orElseThrow();
            Set<String> acknowledged = new HashSet<>();
            int total = 60;
            for (int i = 1; i <= total; i++) {
                if (i == 21) {
                    cluster.stopNode(2);
                } else if (i == 41) {
                    cluster.startNode(2);
                }
                String value = "5.188.207." + i;
                if (submit(hub, value)) {
                    acknowledged.add("ipv4:" + value);
                }
            }
            // with two of three brokers up, the gateway keeps acknowledging
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(total - 5);

            List<Alert> alerts = alertsFor(hub, PartyId.of("az"), acknowledged);
            Set<String> alerted = new HashSet<>();
            alerts.stream().filter(a -> a.getKind() == AlertKind.NEW_INDICATOR).forEach(a -> alerted.add(a.getIndicatorKey()));
            System.out.printf("three brokers: %d of %d submissions acknowledged, %d alerts for az, %d indicators alerted%n",
                    acknowledged.size(), total, alerts.size(), alerted.size());
            assertThat(alerted).as("every acknowledged submission has its alert").containsAll(acknowledged);
            assertThat(alerts).extracting(Alert::getAlertId).as("no alert twice on the topic").doesNotHaveDuplicates();
        }
    }

    /** Whether the gateway acknowledged it (2xx); a refused or failed request is simply not counted. */
    private static boolean submit(LocalHub hub, String value) {
        String body = JSON.createObjectNode().put("value", value).put("tlp", "green").put("confidence", 80).toString();
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(hub.gateway().url() + "/api/v1/indicators"))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer demo-ir-analyst")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() >= 200 && response.statusCode() < 300;
        } catch (Exception e) {
            return false;
        }
    }

    /** Every committed alert on the party's topic, read until the wanted indicators all have one or two minutes pass. */
    private static List<Alert> alertsFor(LocalHub hub, PartyId party, Set<String> wanted) {
        Topics topics = new Topics(new HttpSchemaRegistryClient(hub.platform().schemaRegistryUrl()));
        TypedTopic<String, Alert> topic = topics.alerts(party);
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.platform().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "three-brokers-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Alert> alerts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!seen.containsAll(wanted) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(500))) {
                    alerts.add(record.value());
                    seen.add(record.value().getIndicatorKey());
                }
            }
            // a little longer, to see anything written twice
            consumer.poll(Duration.ofSeconds(2)).forEach(record -> alerts.add(record.value()));
        }
        return alerts;
    }
}
