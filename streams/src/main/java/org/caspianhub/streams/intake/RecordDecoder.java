package org.caspianhub.streams.intake;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.caspianhub.registry.client.SchemaRegistryException;
import org.caspianhub.streams.topology.RecordFailures;

/**
 * Decodes a record's bytes inside the topology rather than at the source, so that bytes that are
 * not a valid record become a rejection (with the bytes kept) instead of a dead stream thread.
 * A schema registry that cannot be reached is not the record's fault: that is rethrown, the
 * transaction aborts and the record is read again once the registry answers.
 */
public final class RecordDecoder<T> {

    /** The outcome: the record, or why its bytes are not one. */
    public record Decoded<T>(T value, String error) {
        public boolean ok() {
            return value != null;
        }
    }

    private final Deserializer<T> deserializer;

    public RecordDecoder(Deserializer<T> deserializer) {
        this.deserializer = deserializer;
    }

    public Decoded<T> decode(String topic, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new Decoded<>(null, "the record has no value");
        }
        try {
            T value = deserializer.deserialize(topic, bytes);
            return value == null ? new Decoded<>(null, "the record has no value") : new Decoded<>(value, null);
        } catch (SerializationException e) {
            if (RecordFailures.isTransient(e)) {
                throw e;
            }
            return new Decoded<>(null, e.getMessage());
        } catch (RuntimeException e) {
            // Avro readers can fail with anything on arbitrary bytes (negative lengths, huge arrays)
            return new Decoded<>(null, "the bytes are not a valid record: " + e);
        }
    }
}
