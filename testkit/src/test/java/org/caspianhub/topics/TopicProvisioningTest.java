package org.caspianhub.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.Test;

/** The admin step creates every topic of the design with its configs, and running it again is harmless. */
class TopicProvisioningTest {

    private final TestPlatform platform = TestPlatforms.embedded();

    @Test
    void everyPartyGetsItsTopicsAndASecondRunChangesNothing() throws Exception {
        Parties parties = TestParties.unique("ir", "az", "kz");
        TopicProvisioner.Report first = platform.provisionTopics(parties);
        TopicProvisioner.Report second = platform.provisionTopics(parties);

        List<String> perParty = parties.all().stream().flatMap(p -> List.of(HubTopics.submissions(p),
                HubTopics.sightings(p), HubTopics.rejected(p), HubTopics.alerts(p), HubTopics.alertsDeadLetter(p)).stream())
                .toList();
        assertThat(first.created()).containsAll(perParty).hasSize(perParty.size()
                + (first.created().contains(HubTopics.INDICATORS) ? 2 : 0) + (first.created().contains(HubTopics.SCHEMAS) ? 1 : 0));
        assertThat(second.created()).isEmpty();
        assertThat(second.existing()).containsAll(perParty).contains(HubTopics.INDICATORS, HubTopics.CORRELATIONS);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            PartyId kz = TestParties.role(parties, "kz");
            assertThat(admin.describeTopics(List.of(HubTopics.alerts(kz))).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(HubTopics.alerts(kz)).partitions()).hasSize(3);
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, HubTopics.INDICATORS),
                    new ConfigResource(ConfigResource.Type.TOPIC, HubTopics.submissions(kz)),
                    new ConfigResource(ConfigResource.Type.TOPIC, HubTopics.alerts(kz)))).all().get(30, TimeUnit.SECONDS);
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, HubTopics.INDICATORS))
                    .get("cleanup.policy").value()).isEqualTo("compact");
            Config submissions = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, HubTopics.submissions(kz)));
            assertThat(submissions.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(submissions.get("retention.ms").value()).isEqualTo(Long.toString(TimeUnit.DAYS.toMillis(7)));
            // a party's own producer cannot choose the time the hub reads for its records
            assertThat(submissions.get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
            // TAXII serves a party's collection from its alert topic: kept as long as TAXII's retention, stamped by the broker
            Config alerts = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, HubTopics.alerts(kz)));
            assertThat(alerts.get("retention.ms").value()).isEqualTo(Long.toString(TimeUnit.DAYS.toMillis(90)));
            assertThat(alerts.get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
        }
    }

    @Test
    void whatAPartyReadsIsInTheCodecEveryClientDecodesAndInternalTopicsKeepTheProducers() throws Exception {
        Parties parties = TestParties.unique("ir", "az");
        platform.provisionTopics(parties);
        PartyId az = TestParties.role(parties, "az");

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            List<String> partyRead = List.of(HubTopics.alerts(az), HubTopics.rejected(az), HubTopics.alertsDeadLetter(az));
            List<String> internal = List.of(HubTopics.submissions(az), HubTopics.sightings(az));
            List<ConfigResource> resources = new ArrayList<>();
            partyRead.forEach(t -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
            internal.forEach(t -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (String topic : partyRead) {
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic)).get("compression.type").value())
                        .as(topic).isEqualTo("gzip");
            }
            for (String topic : internal) {
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic)).get("compression.type").value())
                        .as(topic).isEqualTo("producer");
            }
        }
    }

    @Test
    void theTopicsCanBeWrittenAsSoonAsProvisioningReturns() throws Exception {
        Parties parties = TestParties.unique("ir", "az");
        platform.provisionTopics(parties);

        // no retries: a partition whose leader is not serving yet fails the write at once
        Map<String, Object> props = Map.of("bootstrap.servers", platform.bootstrapServers(), "retries", 0,
                "enable.idempotence", false, "acks", "all");
        String alerts = HubTopics.alerts(TestParties.role(parties, "az"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> writes = new ArrayList<>();
            for (int partition = 0; partition < producer.partitionsFor(alerts).size(); partition++) {
                writes.add(producer.send(new ProducerRecord<>(alerts, partition, null, new byte[] {1})));
            }
            for (Future<RecordMetadata> write : writes) {
                assertThat(write.get(30, TimeUnit.SECONDS).offset()).isZero();
            }
            assertThat(writes).hasSize(3);
        }
    }

    @Test
    void schemaProvisioningRegistersEveryValueSchemaOnceWithFullTransitiveCompatibility() {
        Parties parties = TestParties.unique("ir", "az");
        HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(platform.schemaRegistryUrl());
        List<TopicSpec> specs = platform.platformSettings(parties).topicLayout().topicsFor(parties);
        SchemaProvisioner provisioner = new SchemaProvisioner(registry);

        List<SchemaProvisioner.Registered> first = provisioner.provision(specs);
        List<SchemaProvisioner.Registered> again = provisioner.provision(specs);

        assertThat(first).hasSize(specs.size() - 1); // every topic but the registry's own
        assertThat(again).isEqualTo(first);
        PartyId ir = TestParties.role(parties, "ir");
        assertThat(registry.versions(HubTopics.alerts(ir) + "-value")).containsExactly(1);
        assertThat(registry.compatibility(HubTopics.alerts(ir) + "-value")).isEqualTo("FULL_TRANSITIVE");
    }
}
