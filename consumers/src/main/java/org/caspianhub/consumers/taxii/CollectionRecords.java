package org.caspianhub.consumers.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The values the TAXII topology writes, as JSON: a STIX object on its way to its collection
 * ({@link Pending}), an object in a collection ({@link Stored}), and an entry of the version
 * index ({@link IndexEntry}).
 */
final class CollectionRecords {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CollectionRecords() {
    }

    /** A STIX object derived from one alert, bound for the collection of {@code party}. */
    record Pending(String party, String alertId, ObjectNode object) {
    }

    /** An object in a collection with what TAXII's filters need without parsing it. */
    record Stored(String id, String type, String version, long dateAdded, ObjectNode object) {
    }

    /** One version of one object: when it was added, which alert made it, the object's first {@code created}. */
    record IndexEntry(long dateAdded, String alertId, String created) {
    }

    static byte[] encode(Object record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T decode(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName() + " in a collection store", e);
        }
    }

    static JsonNode tree(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
