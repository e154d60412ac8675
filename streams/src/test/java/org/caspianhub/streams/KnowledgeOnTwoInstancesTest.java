package org.caspianhub.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.normalize.Normalized;
import org.caspianhub.indicators.relate.Locality;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.gateway.GatewayService;
import org.caspianhub.producers.gateway.GatewaySettings;
import org.caspianhub.runtime.Settings;
import org.caspianhub.testkit.TestPlatforms;
import org.caspianhub.topics.HubTopics;
import org.junit.jupiter.api.Test;

/**
 * The pull side with the topology split over two streams instances, on a real broker: values whose
 * submissions partitions are owned by one instance and by the other are both found, through either
 * of two gateway replicas (each materializes every party's alert topic itself, whoever wrote it),
 * and both replicas export the same bytes under the same ETag.
 */
class KnowledgeOnTwoInstancesTest {

    @Test
    void lookUpsAreAnsweredWhicheverInstanceOwnsTheKeyAndWhicheverReplicaIsAsked() throws Exception {
        try (HubCluster cluster = new HubCluster(TestPlatforms.embedded(), "ir", "az");
             Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.platform.bootstrapServers()))) {
            StreamsSettings one = cluster.settings(HubCluster.tempDir());
            StreamsSettings two = cluster.settings(HubCluster.tempDir());
            int partitions = one.platform().topicLayout().partitions();
            PartyId ir = cluster.party("ir");
            try (StreamsService first = new StreamsService(one); StreamsService second = new StreamsService(two);
                 GatewayService gatewayA = gateway(cluster); GatewayService gatewayB = gateway(cluster)) {
                first.start();
                second.start();
                gatewayA.start();
                gatewayB.start();
                String submissions = HubTopics.submissions(ir);
                Map<Integer, String> owner = new HashMap<>();
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    owner.clear();
                    owner.putAll(owners(admin, cluster.applicationId, submissions, one.instanceId(), two.instanceId()));
                    return first.state() == KafkaStreams.State.RUNNING && second.state() == KafkaStreams.State.RUNNING
                            && owner.size() == partitions && owner.containsValue("one") && owner.containsValue("two");
                });

                // one value in each partition, so each instance merges some of them
                List<String> values = new ArrayList<>();
                Map<String, String> mergedBy = new HashMap<>();
                for (int i = 0; values.size() < partitions && i < 1000; i++) {
                    String value = "two-instances-" + i + ".example";
                    int partition = Locality.partitionOf((Normalized.Valid) new IndicatorNormalizer().normalize(value, null),
                            partitions);
                    if (!mergedBy.containsValue(owner.get(partition) + partition)) {
                        values.add(value);
                        mergedBy.put(value, owner.get(partition) + partition);
                    }
                }
                assertThat(mergedBy.values()).anyMatch(o -> o.startsWith("one")).anyMatch(o -> o.startsWith("two"));
                HttpClient http = HttpClient.newHttpClient();
                for (String value : values) {
                    HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(gatewayA.url() + "/api/v1/indicators"))
                            .header("Authorization", "Bearer demo-" + ir.value() + "-analyst")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"value\": \"" + value + "\", \"tlp\": \"green\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
                }
                for (GatewayService gateway : List.of(gatewayA, gatewayB)) {
                    for (String value : values) {
                        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                            HttpResponse<String> found = http.send(HttpRequest.newBuilder(
                                            URI.create(gateway.url() + "/api/v1/indicators/" + value.toUpperCase()))
                                    .header("Authorization", "Bearer demo-" + ir.value() + "-soc").build(),
                                    HttpResponse.BodyHandlers.ofString());
                            assertThat(found.statusCode()).as(value + " merged by instance " + mergedBy.get(value)
                                    + ", asked at " + gateway.url() + ": " + found.body()).isEqualTo(200);
                            assertThat(found.body()).contains("\"value\":\"" + value + "\"");
                        });
                    }
                }
                // both replicas give the same export under the same tag, whatever order each read the partitions in
                List<HttpResponse<String>> exports = new ArrayList<>();
                for (GatewayService gateway : List.of(gatewayA, gatewayB)) {
                    exports.add(http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/v1/exports/csv"))
                            .header("Authorization", "Bearer demo-" + ir.value() + "-soc").build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
                assertThat(exports.get(0).body()).isEqualTo(exports.get(1).body());
                assertThat(exports.get(0).headers().firstValue("ETag")).isEqualTo(exports.get(1).headers().firstValue("ETag"));
            }
        }
    }

    private static GatewayService gateway(HubCluster cluster) throws Exception {
        Settings settings = cluster.platform.settings(cluster.parties).with(Map.of(
                "CASPIAN_GATEWAY_PORT", "0",
                "CASPIAN_GATEWAY_STATUS_APP_ID", "gateway-status-" + UUID.randomUUID(),
                "CASPIAN_GATEWAY_STATE_DIR", Files.createTempDirectory("gateway-state").toString(),
                "CASPIAN_GATEWAY_PRODUCERS", "1"));
        return new GatewayService(GatewaySettings.from(settings));
    }

    /** Which instance ("one" or "two") owns each partition of a topic in the application's group. */
    private static Map<Integer, String> owners(Admin admin, String group, String topic, String oneId, String twoId)
            throws Exception {
        Map<Integer, String> owners = new HashMap<>();
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        for (MemberDescription member : description.members()) {
            String instance = member.groupInstanceId().orElse("");
            String name = instance.startsWith(oneId) ? "one" : instance.startsWith(twoId) ? "two" : null;
            for (TopicPartition tp : member.assignment().topicPartitions()) {
                if (tp.topic().equals(topic) && name != null) {
                    owners.put(tp.partition(), name);
                }
            }
        }
        return owners;
    }
}
