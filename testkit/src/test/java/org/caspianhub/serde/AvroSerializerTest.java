package org.caspianhub.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.registry.client.CachingSchemaRegistry;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The serializer against the embedded registry: one record that cannot be written harms no other. */
class AvroSerializerTest {

    @ParameterizedTest
    @ValueSource(ints = {10, 10_000})
    void aRecordThatCannotBeWrittenFailsAloneAndLeavesNothingForTheNextOne(int valueLength) {
        CachingSchemaRegistry registry = new CachingSchemaRegistry(
                new HttpSchemaRegistryClient(TestPlatforms.embedded().schemaRegistryUrl()));
        AvroSerializer<IndicatorSubmission> serializer = new AvroSerializer<>(IndicatorSubmission.getClassSchema(),
                registry, false, true);
        String topic = "cti.serializer-test.submissions";
        IndicatorSubmission good = SerdeRoundTripContract.submission("203.0.113.7", IndicatorType.IPV4);
        IndicatorSubmission broken = IndicatorSubmission.newBuilder(good).setValue("x".repeat(valueLength))
                .build();
        // a required field left null: a builder refuses it, a record changed in place does not; the fields
        // before it (the value among them) are already in the encoder when the write fails
        broken.put(broken.getSchema().getField("tlp").pos(), null);
        byte[] before = serializer.serialize(topic, good);

        assertThatThrownBy(() -> serializer.serialize(topic, broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot write org.caspianhub.avro.IndicatorSubmission for topic " + topic);
        assertThat(serializer.serialize(topic, good)).isEqualTo(before);
    }
}
