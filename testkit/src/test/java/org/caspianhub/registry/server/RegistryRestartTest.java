package org.caspianhub.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Settings;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.Test;

/** The registry's state lives in its Kafka topic: a new instance on the same topic serves the same ids. */
class RegistryRestartTest {

    @Test
    void aRestartedRegistryKeepsIdsVersionsAndSettings() {
        String topic = "_schemas-restart-" + UUID.randomUUID();
        PlatformSettings platform = PlatformSettings.from(Settings.of(Map.of(
                "CASPIAN_KAFKA_BOOTSTRAP", TestPlatforms.embedded().bootstrapServers())));
        Schema submission = IndicatorSubmission.getClassSchema();
        Schema alert = Alert.getClassSchema();

        int submissionId;
        int alertId;
        try (SchemaRegistryServer first = new SchemaRegistryServer(new RegistrySettings("localhost", 0, topic, platform))) {
            first.start();
            HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(first.url());
            submissionId = client.register("cti.ir.submissions-value", submission);
            alertId = client.register("cti.ir.alerts-value", alert);
            client.setCompatibility("cti.ir.alerts-value", "FULL_TRANSITIVE");
            assertThat(client.register("cti.az.submissions-value", submission))
                    .as("the same schema under another subject keeps its global id").isEqualTo(submissionId);
        }

        try (SchemaRegistryServer second = new SchemaRegistryServer(new RegistrySettings("localhost", 0, topic, platform))) {
            second.start();
            HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(second.url());
            assertThat(client.schemaById(submissionId)).isEqualTo(submission);
            assertThat(client.schemaById(alertId)).isEqualTo(alert);
            assertThat(client.subjects()).containsExactly("cti.az.submissions-value", "cti.ir.alerts-value",
                    "cti.ir.submissions-value");
            assertThat(client.version("cti.ir.alerts-value", "1").id()).isEqualTo(alertId);
            assertThat(client.compatibility("cti.ir.alerts-value")).isEqualTo("FULL_TRANSITIVE");
            assertThat(client.register("cti.ir.submissions-value", submission)).isEqualTo(submissionId);
            int next = client.register("another-value", Schema.create(Schema.Type.STRING));
            assertThat(next).as("new ids continue after the recovered ones").isGreaterThan(Math.max(submissionId, alertId));
        }
    }
}
