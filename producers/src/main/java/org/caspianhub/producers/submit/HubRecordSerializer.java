package org.caspianhub.producers.submit;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.Sighting;
import org.caspianhub.topics.Topics;

/**
 * One serializer for everything the producers write (submissions and sightings), dispatching to
 * the topic's Avro serde, so one transactional producer can write both.
 */
final class HubRecordSerializer implements Serializer<SpecificRecord> {

    private final Map<Class<?>, Serializer<?>> byClass;

    HubRecordSerializer(Topics topics) {
        this.byClass = Map.of(
                IndicatorSubmission.class, topics.submissionSerde().serializer(),
                Sighting.class, topics.sightingSerde().serializer());
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public byte[] serialize(String topic, SpecificRecord data) {
        if (data == null) {
            return null;
        }
        Serializer serializer = byClass.get(data.getClass());
        if (serializer == null) {
            throw new IllegalArgumentException("the producers do not write " + data.getClass().getSimpleName());
        }
        return serializer.serialize(topic, data);
    }
}
