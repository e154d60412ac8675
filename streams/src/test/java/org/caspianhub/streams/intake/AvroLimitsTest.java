package org.caspianhub.streams.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.apache.avro.SystemLimitException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.parties.PartyId;
import org.caspianhub.serde.AvroDeserializer;
import org.caspianhub.serde.AvroLimits;
import org.caspianhub.streams.HubDriver;
import org.caspianhub.topics.HubTopics;
import org.caspianhub.topics.TopicCatalogue;
import org.caspianhub.topics.TopicLayout;
import org.junit.jupiter.api.Test;

/**
 * Avro's length limits are in force as soon as the hub can decode anything, at the size of the largest
 * record a topic holds: that record still decodes, one byte more of claimed length does not.
 */
class AvroLimitsTest {

    private static final String TOPIC = HubTopics.submissions(PartyId.of("az"));

    @Test
    void loadingTheDeserializerPutsTheLimitsInForceAtTheTopicsLargestRecord() throws ClassNotFoundException {
        Class.forName(AvroDeserializer.class.getName(), true, AvroDeserializer.class.getClassLoader());

        for (String property : new String[] {SystemLimitException.MAX_STRING_LENGTH_PROPERTY,
                SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY}) {
            assertThat(System.getProperty(property)).as(property).isEqualTo("1048588");
        }
        assertThat(AvroLimits.MAX_LENGTH).isEqualTo(TopicLayout.MAX_MESSAGE_BYTES);
        assertThat(SystemLimitException.checkMaxStringLength(AvroLimits.MAX_LENGTH)).isEqualTo(AvroLimits.MAX_LENGTH);
        assertThatThrownBy(() -> SystemLimitException.checkMaxStringLength(AvroLimits.MAX_LENGTH + 1L))
                .isInstanceOf(SystemLimitException.class);
        assertThatThrownBy(() -> SystemLimitException.checkMaxBytesLength(AvroLimits.MAX_LENGTH + 1L))
                .isInstanceOf(SystemLimitException.class);
        assertThatThrownBy(() -> SystemLimitException.checkMaxCollectionLength(AvroLimits.MAX_LENGTH + 1L))
                .isInstanceOf(SystemLimitException.class);
    }

    @Test
    void theLargestRecordATopicHoldsStillDecodesAndALongerClaimIsRefused() {
        try (HubDriver hub = HubDriver.inMemory(Map.of())) {
            Serializer<IndicatorSubmission> serializer = hub.topics().valueSerde(TopicCatalogue.SUBMISSIONS).serializer();
            Deserializer<IndicatorSubmission> deserializer = hub.topics().valueSerde(TopicCatalogue.SUBMISSIONS).deserializer();

            IndicatorSubmission largest = withDescriptionFilling(serializer, TopicLayout.MAX_MESSAGE_BYTES);
            byte[] bytes = serializer.serialize(TOPIC, largest);
            assertThat(bytes).hasSize(TopicLayout.MAX_MESSAGE_BYTES);
            assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(largest);

            // the same header, then a submission id claiming one byte more than the limit
            byte[] claim = Arrays.copyOf(bytes, 5 + 4 + 16);
            long zigzag = (AvroLimits.MAX_LENGTH + 1L) << 1; // a 4-byte varint
            for (int i = 0; i < 4; i++) {
                claim[5 + i] = (byte) ((zigzag >>> (7 * i)) & 0x7f | (i < 3 ? 0x80 : 0));
            }
            assertThatThrownBy(() -> deserializer.deserialize(TOPIC, claim))
                    .isInstanceOf(SerializationException.class)
                    .hasCauseInstanceOf(SystemLimitException.class)
                    .hasMessageContaining("String length 1048589 exceeds maximum allowed")
                    .hasMessageContaining("strings at most 1048588 bytes");
        }
    }

    /** A submission whose description makes its serialized record exactly {@code size} bytes. */
    private static IndicatorSubmission withDescriptionFilling(Serializer<IndicatorSubmission> serializer, int size) {
        int length = 1;
        for (int attempt = 0; attempt < 5; attempt++) {
            IndicatorSubmission s = HubDriver.submission("largest.example.net").setSubmissionId("largest")
                    .setDescription("d".repeat(length)).build();
            int serialized = serializer.serialize(TOPIC, s).length;
            if (serialized == size) {
                return s;
            }
            length += size - serialized;
        }
        throw new AssertionError("no description length makes a record of exactly " + size + " bytes");
    }
}
