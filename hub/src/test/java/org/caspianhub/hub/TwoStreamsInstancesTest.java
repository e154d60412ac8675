package org.caspianhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.caspianhub.embedded.BrokerSettings;
import org.caspianhub.embedded.EmbeddedPlatform;
import org.caspianhub.hub.chaos.AlertLedger;
import org.caspianhub.hub.chaos.ChaosRig;
import org.caspianhub.hub.chaos.ChildJvm;
import org.caspianhub.hub.chaos.SubmissionLoad;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.gateway.GatewayService;
import org.caspianhub.producers.gateway.GatewaySettings;
import org.caspianhub.runtime.InstanceId;
import org.caspianhub.runtime.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two streams instances, each {@code caspian-hub streams} in a JVM of its own with its own state
 * directory, share the topology's partitions. One is killed outright (SIGKILL) in the middle of a
 * counted load through the gateway: its partitions move to the other, and every submission the
 * gateway acknowledged becomes exactly its alert, none lost, none written twice.
 */
class TwoStreamsInstancesTest {

    private static final String SUBMISSIONS = "cti.ir.submissions";

    @Test
    void aKilledInstancesPartitionsMoveToTheOtherAndEveryAcknowledgedSubmissionHasItsAlertOnce(@TempDir Path dir)
            throws Exception {
        Map<String, String> layout = Map.of("CASPIAN_TOPIC_PARTITIONS", "4");
        try (EmbeddedPlatform platform = new EmbeddedPlatform(BrokerSettings.ephemeral(), 0, Settings.of(layout))) {
            platform.start();
            Map<String, String> env = new java.util.HashMap<>(layout);
            env.put("CASPIAN_KAFKA_BOOTSTRAP", platform.bootstrapServers());
            env.put("CASPIAN_SCHEMA_REGISTRY_URL", platform.schemaRegistryUrl());
            // the survivor takes over once the killed member's session has timed out: the brokers' shortest
            Map<String, String> streams = Map.of("CASPIAN_STREAMS_SESSION_TIMEOUT", "6s");
            GatewayService gateway = new GatewayService(GatewaySettings.from(platform.connectedSettings().with(Map.of(
                    "CASPIAN_GATEWAY_PORT", "0", "CASPIAN_DATA_DIR", dir.resolve("gateway").toString()))));
            try (ChaosRig rig = new ChaosRig(dir, env);
                 Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()))) {
                ChildJvm a = rig.streams("streams-a", streams);
                ChildJvm b = rig.streams("streams-b", streams);
                ChaosRig.startAll(Duration.ofSeconds(120), a, b);
                gateway.start();
                String idA = instanceId(dir.resolve("streams-a"));
                String idB = instanceId(dir.resolve("streams-b"));
                assertThat(idA).as("two instances on one host, ids generated apart").isNotEqualTo(idB);
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    Map<String, Integer> held = submissionPartitions(admin);
                    return held.keySet().equals(Set.of(idA, idB)) && !held.containsValue(0);
                });

                try (AlertLedger ledger = new AlertLedger(platform.bootstrapServers(), platform.schemaRegistryUrl(),
                        List.of(PartyId.of("ir"), PartyId.of("az")), PartyId.of("az"))) {
                    SubmissionLoad load = new SubmissionLoad(() -> List.of(gateway.url()), "demo-ir-analyst", 600, 20,
                            Duration.ofMillis(50), Duration.ofSeconds(60));
                    Thread loader = new Thread(load, "load");
                    loader.start();
                    load.awaitAcknowledged(200, loader);
                    b.kill();

                    // its partitions move to the survivor (after the session timeout), which then holds them all
                    await().atMost(Duration.ofSeconds(60)).until(() -> submissionPartitions(admin).equals(Map.of(idA, 4)));
                    loader.join(120_000);
                    assertThat(loader.isAlive()).isFalse();
                    Set<String> acknowledged = load.acknowledged();
                    assertThat(acknowledged).as("the gateway does not need Streams").hasSize(600);

                    assertThat(ledger.awaitAlerted(acknowledged, Duration.ofSeconds(90)))
                            .as("every acknowledged submission has its alert (missing: %s)",
                                    missing(acknowledged, ledger)).isTrue();
                    Thread.sleep(2_000); // the ledger keeps reading: a late duplicate would show below
                    assertThat(ledger.duplicates()).as("no alert written twice").isZero();
                    System.out.printf("two streams instances, one killed after 200 of 600: %d acknowledged, %d alerted, "
                            + "%d duplicates%n", acknowledged.size(), ledger.alerted(acknowledged).size(), ledger.duplicates());
                }
            } finally {
                gateway.close();
            }
        }
    }

    private static String instanceId(Path stateDir) throws Exception {
        return Files.readString(stateDir.resolve(InstanceId.FILE)).trim();
    }

    /** Members of the topology's group by instance id, each with how many submissions partitions it holds. */
    private static Map<String, Integer> submissionPartitions(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("caspian-hub")).all().get().get("caspian-hub");
        Map<String, Integer> held = new TreeMap<>();
        for (MemberDescription member : group.members()) {
            int partitions = (int) member.assignment().topicPartitions().stream()
                    .filter(p -> p.topic().equals(SUBMISSIONS)).count();
            // Kafka Streams gives each stream thread's consumer the instance id with "-<thread>" appended
            held.merge(member.groupInstanceId().orElse(member.consumerId()).replaceFirst("-\\d+$", ""), partitions,
                    Integer::sum);
        }
        return held.values().stream().mapToInt(Integer::intValue).sum() == 4 ? held : Map.of();
    }

    private static String missing(Set<String> acknowledged, AlertLedger ledger) {
        return acknowledged.stream().filter(key -> !ledger.alerted(acknowledged).contains(key)).limit(10)
                .collect(Collectors.joining(", "));
    }
}
