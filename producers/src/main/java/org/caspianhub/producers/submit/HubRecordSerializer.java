package org.caspianhub.producers.submit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.caspianhub.topics.PartyTopic;
import org.caspianhub.topics.TopicCatalogue;
import org.caspianhub.topics.Topics;

/**
 * One serializer for everything the producers write (submissions and sightings), dispatching to
 * the topic's Avro serde, so one transactional producer can write both.
 */
final class HubRecordSerializer implements Serializer<SpecificRecord> {

    /** The topics the producers write; each record goes out with its topic's serde, found by its type. */
    private static final List<PartyTopic<?>> WRITTEN = List.of(TopicCatalogue.SUBMISSIONS, TopicCatalogue.SIGHTINGS);

    private final Map<Class<?>, Serializer<?>> byClass = new HashMap<>();

    HubRecordSerializer(Topics topics) {
        for (PartyTopic<?> topic : WRITTEN) {
            byClass.put(topic.valueType(), topics.valueSerde(topic).serializer());
        }
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
