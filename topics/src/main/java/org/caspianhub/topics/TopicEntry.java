package org.caspianhub.topics;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * One topic of the {@link TopicCatalogue}: what it holds (string keys, values of {@link #valueType}),
 * how long the broker keeps it, and what a party's own principal may do with it. Whether one topic
 * exists per party or one for the whole hub is the kind of entry: {@link PartyTopic} or
 * {@link HubWideTopic}.
 */
public sealed interface TopicEntry<V extends SpecificRecord> permits PartyTopic, HubWideTopic {

    /** The Avro record every value is; the serde and the registered schema follow from it. */
    Class<V> valueType();

    Storage storage();

    PartyAccess access();

    /** The schema registered under the topic's {@code <topic>-value} subject. */
    default Schema valueSchema() {
        return SpecificData.get().getSchema(valueType());
    }
}
