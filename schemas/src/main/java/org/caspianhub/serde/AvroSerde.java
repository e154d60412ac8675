package org.caspianhub.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.caspianhub.registry.client.CachingSchemaRegistry;

/** Serde for one generated Avro class over Confluent's wire format and a schema registry. */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    private AvroSerde(Class<T> type, CachingSchemaRegistry registry, boolean isKey, boolean autoRegister) {
        Schema schema = SpecificData.get().getSchema(type);
        this.serializer = new AvroSerializer<>(schema, registry, isKey, autoRegister);
        this.deserializer = new AvroDeserializer<>(schema, registry);
    }

    /** A value serde that registers its schema on first use (the local default). */
    public static <T extends SpecificRecord> AvroSerde<T> forValues(Class<T> type, CachingSchemaRegistry registry) {
        return new AvroSerde<>(type, registry, false, true);
    }

    /**
     * A value serde; with {@code autoRegister} false the schema must already be registered
     * (the usual stance in production, where schemas are registered by a deployment step).
     */
    public static <T extends SpecificRecord> AvroSerde<T> forValues(Class<T> type, CachingSchemaRegistry registry,
                                                                    boolean autoRegister) {
        return new AvroSerde<>(type, registry, false, autoRegister);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
