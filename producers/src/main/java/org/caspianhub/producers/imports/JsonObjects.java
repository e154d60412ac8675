package org.caspianhub.producers.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Streams the elements of one array inside a large JSON document, one element tree at a time
 * (Jackson's streaming parser), so memory holds one object, never the file.
 */
final class JsonObjects {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonObjects() {
    }

    /**
     * Calls {@code each} for every element of the array at {@code arrayField} of the root object and
     * {@code rootField} for every other root field (small ones are read as trees, arrays and objects
     * whose name is in {@code skip} are skipped without being read).
     */
    static void streamArray(Path file, String arrayField, Consumer<JsonNode> each,
                            java.util.function.BiConsumer<String, JsonNode> rootField, java.util.Set<String> skip)
            throws IOException {
        try (JsonParser parser = MAPPER.getFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ImportFormatException("the file is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (name.equals(arrayField) && token == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        each.accept(parser.readValueAsTree());
                    }
                } else if (skip.contains(name)) {
                    parser.skipChildren();
                } else {
                    rootField.accept(name, parser.readValueAsTree());
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ImportFormatException("the JSON is malformed at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
