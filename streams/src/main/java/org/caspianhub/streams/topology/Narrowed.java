package org.caspianhub.streams.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A stage emits several record types on one stream (alerts, indicators, correlations); after
 * the split by type, each branch writes with its own type's serde through this view of it, which
 * saves a casting node per record.
 */
final class Narrowed<T extends SpecificRecord> implements Serde<SpecificRecord> {

    private final Class<T> type;
    private final Serde<T> serde;

    private Narrowed(Class<T> type, Serde<T> serde) {
        this.type = type;
        this.serde = serde;
    }

    static <T extends SpecificRecord> Narrowed<T> of(Class<T> type, Serde<T> serde) {
        return new Narrowed<>(type, serde);
    }

    @Override
    public Serializer<SpecificRecord> serializer() {
        Serializer<T> inner = serde.serializer();
        return (topic, data) -> inner.serialize(topic, data == null ? null : type.cast(data));
    }

    @Override
    public Deserializer<SpecificRecord> deserializer() {
        Deserializer<T> inner = serde.deserializer();
        return inner::deserialize;
    }
}
