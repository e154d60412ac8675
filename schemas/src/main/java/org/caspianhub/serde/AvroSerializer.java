package org.caspianhub.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.caspianhub.registry.client.CachingSchemaRegistry;

/**
 * Writes a generated Avro record in Confluent's wire format, registering (or, with
 * auto-registration off, looking up) its schema under the topic's subject once.
 * Thread-safe: Kafka Streams shares one instance across stream threads.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    /**
     * Per-thread buffers, so the hot path allocates only the returned array. The encoder buffers: a
     * direct one would call the stream's synchronized write for every field.
     */
    private static final class Buffers {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        BinaryEncoder encoder;
    }

    private final Schema schema;
    private final SpecificDatumWriter<T> writer;
    private final CachingSchemaRegistry registry;
    private final boolean isKey;
    private final boolean autoRegister;
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

    public AvroSerializer(Schema schema, CachingSchemaRegistry registry, boolean isKey, boolean autoRegister) {
        this.schema = schema;
        this.writer = new SpecificDatumWriter<>(schema);
        this.registry = registry;
        this.isKey = isKey;
        this.autoRegister = autoRegister;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        int id = schemaId(topic);
        Buffers local = buffers.get();
        local.out.reset();
        local.out.write(WireFormat.MAGIC_BYTE);
        local.out.write(id >>> 24);
        local.out.write(id >>> 16);
        local.out.write(id >>> 8);
        local.out.write(id);
        try {
            local.encoder = EncoderFactory.get().binaryEncoder(local.out, local.encoder);
            writer.write(data, local.encoder);
            local.encoder.flush();
        } catch (IOException | RuntimeException e) {
            // the encoder still holds the failed record's first bytes and would flush them into the next one
            local.encoder = null;
            throw new SerializationException("cannot write " + schema.getFullName() + " for topic " + topic
                    + ": " + e.getMessage(), e);
        }
        return local.out.toByteArray();
    }

    private int schemaId(String topic) {
        String subject = WireFormat.subject(topic, isKey);
        try {
            return autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
        } catch (RuntimeException e) {
            throw new SerializationException("cannot " + (autoRegister ? "register" : "find")
                    + " schema " + schema.getFullName() + " under subject " + subject + " for topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }
}
