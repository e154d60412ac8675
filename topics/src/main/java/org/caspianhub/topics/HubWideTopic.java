package org.caspianhub.topics;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/** A topic the hub has one of, for every party: {@code cti.hub.<purpose>}. No party's principal reaches it. */
public record HubWideTopic<V extends SpecificRecord>(String purpose, Class<V> valueType, Storage storage)
        implements TopicEntry<V> {

    static final String HUB = "hub";

    public HubWideTopic {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(storage, "storage");
    }

    public String name() {
        return "cti." + HUB + "." + purpose;
    }

    @Override
    public PartyAccess access() {
        return PartyAccess.NONE;
    }

    @Override
    public String toString() {
        return name();
    }
}
