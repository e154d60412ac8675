package org.caspianhub.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatforms;
import org.caspianhub.topics.HubTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three KRaft brokers in one process: every hub topic on three of them, and one broker down loses nothing. */
class EmbeddedKafkaClusterTest {

    private static TestPlatforms.ClusterPlatform platform;

    @BeforeAll
    static void start() {
        platform = TestPlatforms.embeddedCluster();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyHubTopicIsReplicatedThreeTimesAndAWriteNeedsTwoInSync() throws Exception {
        Parties parties = TestParties.unique("ir");
        PartyId ir = TestParties.role(parties, "ir");
        platform.provisionTopics(parties);
        List<String> topics = List.of(HubTopics.submissions(ir), HubTopics.alerts(ir), HubTopics.alertsDeadLetter(ir),
                HubTopics.INDICATORS, HubTopics.SCHEMAS);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            for (String topic : topics) {
                assertThat(described.get(topic).partitions()).as(topic)
                        .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            }
            List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (ConfigResource resource : resources) {
                assertThat(configs.get(resource).get("min.insync.replicas").value()).as(resource.name()).isEqualTo("2");
            }
            // the internal topics too (created on first use): transactions and committed offsets survive a broker as well
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config brokerConfig = admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS).get(broker);
            assertThat(brokerConfig.get("offsets.topic.replication.factor").value()).isEqualTo("3");
            assertThat(brokerConfig.get("transaction.state.log.replication.factor").value()).isEqualTo("3");
            assertThat(brokerConfig.get("transaction.state.log.min.isr").value()).isEqualTo("2");
            assertThat(brokerConfig.get("min.insync.replicas").value()).isEqualTo("2");
        }
    }

    @Test
    void aBrokerStoppedUnderLoadAndRestartedLosesNothingAcknowledgedAndDuplicatesNothing() throws Exception {
        Parties parties = TestParties.unique("ir");
        PartyId ir = TestParties.role(parties, "ir");
        platform.provisionTopics(parties);
        String topic = HubTopics.submissions(ir);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicReference<Exception> failed = new AtomicReference<>();
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        int total = 3_000;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < total; i++) {
                String value = "submission-" + i;
                producer.send(new ProducerRecord<>(topic, value, value), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.add(value);
                    } else {
                        failed.compareAndSet(null, error);
                    }
                });
                if (i == 1_000) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 500);
                    platform.cluster().stopNode(2);
                } else if (i == 2_000) {
                    platform.cluster().startNode(2);
                }
                if (i % 100 == 0) {
                    producer.flush(); // a steady load rather than one burst
                }
            }
            producer.flush();
        }
        assertThat(failed.get()).as("every send acknowledged with one broker down").isNull();
        assertThat(acknowledged).hasSize(total);

        List<String> read = readAll(topic);
        assertThat(new HashSet<>(read)).as("nothing acknowledged is lost").containsAll(acknowledged);
        assertThat(read).as("nothing is written twice").doesNotHaveDuplicates();

        // the restarted broker catches up: every partition has its three replicas in sync again
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic).partitions().stream().map(TopicPartitionInfo::isr)
                    .allMatch(isr -> isr.size() == 3));
        }
    }

    private static List<String> readAll(String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "cluster-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
