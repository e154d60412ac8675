package org.caspianhub.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SystemLimitException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.caspianhub.registry.client.CachingSchemaRegistry;

/**
 * Reads Confluent's wire format into a generated Avro class, resolving the writer's schema
 * (fetched by id once) against the class's own: a record written with an older or newer
 * compatible schema reads fine. Errors name the topic and what is wrong with the bytes. A length
 * prefix beyond {@link AvroLimits} is refused before anything is allocated for it.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    static {
        AvroLimits.apply(); // before the first decode, whoever loads this class first
    }

    private final Schema readerSchema;
    private final CachingSchemaRegistry registry;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    public AvroDeserializer(Schema readerSchema, CachingSchemaRegistry registry) {
        this.readerSchema = readerSchema;
        this.registry = registry;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < WireFormat.HEADER_LENGTH) {
            throw new SerializationException("record on topic " + topic + " is " + data.length
                    + " bytes, too short for the Confluent wire format (magic byte and 4-byte schema id)");
        }
        if (data[0] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "record on topic %s starts with byte 0x%02x, not the magic byte 0x00 of the Confluent wire format",
                    topic, data[0]));
        }
        int id = ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
        SpecificDatumReader<T> reader = readerFor(topic, id);
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_LENGTH,
                    data.length - WireFormat.HEADER_LENGTH, decoders.get());
            decoders.set(decoder);
            return reader.read(null, decoder);
        } catch (SystemLimitException e) {
            throw new SerializationException("record on topic " + topic + " with schema id " + id
                    + " claims a length no record can hold (" + e.getMessage() + "; the limits are "
                    + AvroLimits.describe() + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("record on topic " + topic + " with schema id " + id
                    + " is not valid Avro for " + readerSchema.getFullName() + ": " + e, e);
        }
    }

    private SpecificDatumReader<T> readerFor(String topic, int id) {
        SpecificDatumReader<T> reader = readersByWriterId.get(id);
        if (reader != null) {
            return reader;
        }
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(id);
        } catch (RuntimeException e) {
            throw new SerializationException("record on topic " + topic + " names schema id " + id
                    + ", which the schema registry cannot provide: " + e.getMessage(), e);
        }
        reader = new SpecificDatumReader<>(writerSchema, readerSchema);
        readersByWriterId.putIfAbsent(id, reader);
        return reader;
    }
}
