package org.caspianhub.consumers.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.testing.AlertTopics;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.testkit.NodeProject;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.caspianhub.topics.HubTopics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A party's own Kafka client reads its alert topic with no plugin: {@code kafkajs}, the most used
 * Node.js client, which decodes gzip but not LZ4, snappy or zstd. The alerts are produced as the
 * topology produces them (LZ4) onto a topic provisioned as {@code admin init} provisions it, and
 * decoded with Confluent's Node.js Avro deserializer against the hub's registry. Skipped, saying
 * why, only where node is absent or the npm registry cannot be reached.
 */
class KafkajsPartyTopicTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static NodeProject node;

    private final TestPlatform platform = TestPlatforms.embedded();

    @BeforeAll
    static void nodeAndKafkajsAreThere() throws Exception {
        node = NodeProject.interop().assumeInstalled("kafkajs", "@confluentinc/schemaregistry");
    }

    @Test
    void kafkajsReadsAndDecodesAPartysAlertTopic() throws Exception {
        Parties parties = TestParties.unique("ir", "az");
        platform.provisionTopics(parties);
        PartyId az = TestParties.role(parties, "az");
        List<Alert> alerts = List.of(Alerts.alert(az, "198.51.100.7").build(), Alerts.alert(az, "198.51.100.8").build(),
                Alerts.alert(az, "198.51.100.9").build());
        try (AlertTopics topics = new AlertTopics(platform)) {
            topics.sendAll(az, alerts);
        }

        JsonNode read = JSON.readTree(node.node(90, "interop.mjs", "consume", platform.schemaRegistryUrl(),
                HubTopics.alerts(az), platform.bootstrapServers(), Integer.toString(alerts.size())));

        assertThat(read).hasSize(alerts.size());
        assertThat(java.util.stream.StreamSupport.stream(read.spliterator(), false).map(r -> r.get("key").asText()).toList()).containsExactlyInAnyOrderElementsOf(alerts.stream().map(Alert::getAlertId).toList());
        JsonNode first = read.get(0).get("value");
        assertThat(first.get("recipient").asText()).isEqualTo(az.value());
        assertThat(first.get("value").asText()).startsWith("198.51.100.");
        assertThat(first.get("tlp").asText()).isEqualTo("GREEN");
    }
}
