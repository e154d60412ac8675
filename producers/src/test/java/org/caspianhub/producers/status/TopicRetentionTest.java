package org.caspianhub.producers.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.caspianhub.topics.HubTopics;
import org.junit.jupiter.api.Test;

/** The status table's retention comes from the broker: what the hub provisioned, or what an operator set since. */
class TopicRetentionTest {

    private final TestPlatform platform = TestPlatforms.embedded();

    @Test
    void readsEachTopicsRetentionAndNoneForATopicKeptForever() throws Exception {
        Parties parties = TestParties.unique("ir");
        PartyId ir = TestParties.role(parties, "ir");
        platform.provisionTopics(parties);
        Map<String, Object> client = Map.of("bootstrap.servers", platform.bootstrapServers());
        try (Admin admin = Admin.create(client)) {
            ConfigResource rejected = new ConfigResource(ConfigResource.Type.TOPIC, HubTopics.rejected(ir));
            admin.incrementalAlterConfigs(Map.of(rejected, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "-1"),
                    AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            // the broker applies the change from the metadata log a moment after the controller accepted it
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.describeConfigs(List.of(rejected)).all()
                    .get(30, TimeUnit.SECONDS).get(rejected).get("retention.ms").value().equals("-1"));
        }

        Map<String, Duration> retention = TopicRetention.read(client, List.of(HubTopics.submissions(ir), HubTopics.rejected(ir)));

        assertThat(retention).containsExactly(Map.entry(HubTopics.submissions(ir), Duration.ofDays(7)));
    }
}
