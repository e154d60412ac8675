package org.caspianhub.topics;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.caspianhub.parties.PartyId;

/** A topic each party has one of: {@code cti.<party>.<purpose>}. */
public record PartyTopic<V extends SpecificRecord>(String purpose, Class<V> valueType, Storage storage,
                                                   PartyAccess access) implements TopicEntry<V> {

    public PartyTopic {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(access, "access");
    }

    public String name(PartyId party) {
        return "cti." + party.value() + "." + purpose;
    }

    /**
     * The party a per-party topic belongs to: provenance comes from here, never from a payload.
     *
     * @throws IllegalArgumentException when the topic is not a per-party topic
     */
    public static PartyId partyOf(String topic) {
        if (topic != null && topic.startsWith("cti.") && !topic.startsWith("cti." + HubWideTopic.HUB + ".")) {
            int end = topic.indexOf('.', 4);
            if (end > 4) {
                return PartyId.of(topic.substring(4, end));
            }
        }
        throw new IllegalArgumentException("'" + topic + "' is not a per-party topic");
    }

    @Override
    public String toString() {
        return "cti.<party>." + purpose;
    }
}
