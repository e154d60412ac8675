package org.caspianhub.testkit;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Settings;
import org.caspianhub.topics.TopicProvisioner;

/**
 * A real Kafka cluster and a schema registry for integration tests. Whether the broker is the
 * embedded KRaft broker or a Testcontainers one is hidden here: tests ask for settings and topics.
 */
public interface TestPlatform {

    String bootstrapServers();

    String schemaRegistryUrl();

    /** Settings pointing at this platform, for the given parties (see {@link TestParties}). */
    default Settings settings(Parties parties) {
        return Settings.of(Map.of(
                PlatformSettings.KAFKA_BOOTSTRAP.name(), bootstrapServers(),
                PlatformSettings.SCHEMA_REGISTRY_URL.name(), schemaRegistryUrl(),
                PlatformSettings.PARTIES.name(), String.join(",", parties.all().stream().map(PartyId::value).toList()),
                PlatformSettings.AMBER_AGREEMENTS.name(), TestParties.agreements(parties),
                PlatformSettings.TOPIC_PARTITIONS.name(), "3"));
    }

    default PlatformSettings platformSettings(Parties parties) {
        return PlatformSettings.from(settings(parties));
    }

    /** Creates every topic the parties need; returns what it did. */
    default TopicProvisioner.Report provisionTopics(Parties parties) {
        PlatformSettings platform = platformSettings(parties);
        try (Admin admin = Admin.create(platform.kafkaClientProperties())) {
            return new TopicProvisioner(admin).provision(platform.topicLayout().topicsFor(parties));
        }
    }
}
