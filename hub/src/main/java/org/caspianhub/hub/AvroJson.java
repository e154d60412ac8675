package org.caspianhub.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Any Avro datum (as a {@code GenericDatumReader} reads it) as plain JSON a person reads: records
 * as objects, a union as its value (no Avro JSON type wrappers), enums and strings as text,
 * timestamps as ISO-8601 instants, bytes as base64.
 */
final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    static JsonNode toJson(Object datum, Schema schema) {
        if (datum == null) {
            return NODES.nullNode();
        }
        switch (schema.getType()) {
            case UNION:
                return toJson(datum, schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)));
            case RECORD: {
                GenericRecord record = (GenericRecord) datum;
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), toJson(record.get(field.pos()), field.schema()));
                }
                return object;
            }
            case ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (Object item : (Collection<?>) datum) {
                    array.add(toJson(item, schema.getElementType()));
                }
                return array;
            }
            case MAP: {
                ObjectNode object = NODES.objectNode();
                ((Map<?, ?>) datum).forEach((k, v) -> object.set(k.toString(), toJson(v, schema.getValueType())));
                return object;
            }
            case INT:
                return isLogical(schema, "date") ? NODES.textNode(LocalDate.ofEpochDay((Integer) datum).toString())
                        : NODES.numberNode((Integer) datum);
            case LONG: {
                long value = (Long) datum;
                if (isLogical(schema, "timestamp-millis")) {
                    return NODES.textNode(Instant.ofEpochMilli(value).toString());
                }
                if (isLogical(schema, "timestamp-micros")) {
                    return NODES.textNode(Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L),
                            Math.floorMod(value, 1_000_000L) * 1_000L).toString());
                }
                return NODES.numberNode(value);
            }
            case FLOAT:
                return NODES.numberNode((Float) datum);
            case DOUBLE:
                return NODES.numberNode((Double) datum);
            case BOOLEAN:
                return NODES.booleanNode((Boolean) datum);
            case BYTES: {
                ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case FIXED:
                return NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
            case NULL:
                return NODES.nullNode();
            default: // STRING, ENUM
                return NODES.textNode(datum.toString());
        }
    }

    private static boolean isLogical(Schema schema, String name) {
        LogicalType type = schema.getLogicalType();
        return type != null && type.getName().equals(name);
    }
}
