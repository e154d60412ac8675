package org.caspianhub.serde;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.registry.client.CachingSchemaRegistry;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.Test;

/** Bytes that are not what the deserializer expects give a SerializationException naming the topic and the problem. */
class DeserializerErrorsTest {

    private final AvroSerde<IndicatorSubmission> serde = AvroSerde.forValues(IndicatorSubmission.class,
            new CachingSchemaRegistry(new HttpSchemaRegistryClient(TestPlatforms.embedded().schemaRegistryUrl())));

    @Test
    void bytesWithoutTheMagicByteAreRefused() {
        byte[] json = "{\"value\":\"1.2.3.4\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> serde.deserializer().deserialize("cti.ir.submissions", json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cti.ir.submissions")
                .hasMessageContaining("0x7b")
                .hasMessageContaining("magic byte");
    }

    @Test
    void anUnknownSchemaIdIsRefused() {
        byte[] unknownId = {0, 0, 0x0f, 0x42, 0x3f, 2, 'x'};
        assertThatThrownBy(() -> serde.deserializer().deserialize("cti.az.submissions", unknownId))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cti.az.submissions")
                .hasMessageContaining("schema id 999999")
                .hasMessageContaining("40403");
    }

    @Test
    void tooShortAndCorruptRecordsAreRefused() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("cti.ir.submissions", new byte[] {0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("too short");

        IndicatorSubmission valid = SerdeRoundTripContract.submission("203.0.113.9", null);
        byte[] bytes = serde.serializer().serialize("cti.ir.submissions", valid);
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> serde.deserializer().deserialize("cti.ir.submissions", truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cti.ir.submissions")
                .hasMessageContaining("not valid Avro");
    }
}
