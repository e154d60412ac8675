package org.caspianhub.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.registry.client.SchemaRegistryException;
import org.caspianhub.testkit.TestPlatforms;
import org.caspianhub.topics.SchemaProvisioner;
import org.junit.jupiter.api.Test;

/** How a schema may change under the registry's compatibility rules. */
class SchemaEvolutionTest {

    private final HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(TestPlatforms.embedded().schemaRegistryUrl());
    private final String subject = "evolution-" + UUID.randomUUID() + "-value";

    private static final Schema V1 = SchemaBuilder.record("Sighting").namespace("probe").fields()
            .requiredString("value").requiredInt("count").endRecord();
    private static final Schema OPTIONAL_FIELD_ADDED = SchemaBuilder.record("Sighting").namespace("probe").fields()
            .requiredString("value").requiredInt("count").optionalString("note").endRecord();
    private static final Schema REQUIRED_FIELD_REMOVED = SchemaBuilder.record("Sighting").namespace("probe").fields()
            .requiredString("value").endRecord();

    @Test
    void theDefaultIsBackwardAndAnOptionalFieldMayBeAdded() {
        assertThat(registry.compatibility(subject)).isEqualTo("BACKWARD");
        int first = registry.register(subject, V1);
        int second = registry.register(subject, OPTIONAL_FIELD_ADDED);

        assertThat(second).isNotEqualTo(first);
        assertThat(registry.versions(subject)).containsExactly(1, 2);
        assertThat(registry.version(subject, "latest").schema()).isEqualTo(OPTIONAL_FIELD_ADDED);
        assertThat(registry.register(subject, V1)).as("re-registering returns the existing id").isEqualTo(first);
    }

    @Test
    void underTheHubsFullTransitiveLevelARequiredFieldMayNotBeRemoved() {
        registry.setCompatibility(subject, SchemaProvisioner.HUB_COMPATIBILITY);
        registry.register(subject, V1);

        assertThat(registry.isCompatible(subject, "latest", REQUIRED_FIELD_REMOVED)).isFalse();
        assertThatThrownBy(() -> registry.register(subject, REQUIRED_FIELD_REMOVED))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("READER_FIELD_MISSING_DEFAULT").contains("count");
                });
        assertThat(registry.versions(subject)).containsExactly(1);
        assertThat(registry.register(subject, OPTIONAL_FIELD_ADDED)).isPositive();
    }

    @Test
    void transitiveLevelsCheckEveryEarlierVersion() {
        registry.setCompatibility(subject, "FORWARD_TRANSITIVE");
        registry.register(subject, V1);
        registry.register(subject, OPTIONAL_FIELD_ADDED);
        // compatible with version 2 alone would not be enough: version 1 readers need "count"
        assertThatThrownBy(() -> registry.register(subject, REQUIRED_FIELD_REMOVED))
                .isInstanceOf(SchemaRegistryException.class);
    }
}
