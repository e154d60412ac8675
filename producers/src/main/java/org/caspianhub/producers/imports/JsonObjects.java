package org.caspianhub.producers.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.caspianhub.runtime.Utf8;

/**
 * Streams the elements of one array inside a large JSON document, one element tree at a time
 * (Jackson's streaming parser), so memory holds one object, never the file.
 *
 * <p>What one object may hold is bounded, so one huge object (a {@code labels} array of tens of
 * millions of items) cannot fill the heap: at most {@value #MAX_OBJECT_BYTES} bytes and
 * {@value #MAX_OBJECT_TOKENS} JSON tokens per object read whole (an element of the streamed array,
 * a root field, a file holding a single STIX object), at most {@value #MAX_DEPTH} levels of nesting
 * and strings of at most {@value #MAX_OBJECT_BYTES} characters. Past a limit the import stops with a
 * 400 naming the limit (entries before it stay written, as for any fault found part-way). The text
 * must be strict UTF-8: an overlong form ({@code C0 AE}) is refused, not decoded as '.'.
 */
final class JsonObjects {

    /** Nesting levels a file may use: far more than STIX or MISP need, far less than a stack can take. */
    static final int MAX_DEPTH = 100;
    /** Bytes of one object read whole. */
    static final int MAX_OBJECT_BYTES = 4 * 1024 * 1024;
    /** JSON tokens of one object read whole (a tree of at most about 20 MB). */
    static final int MAX_OBJECT_TOKENS = 250_000;

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_OBJECT_BYTES)
                    .build())
            .build());

    private JsonObjects() {
    }

    /** A parser of {@code file} that refuses malformed UTF-8 (overlong forms included) as it reads. */
    static JsonParser open(Path file) throws IOException {
        InputStream in = Utf8.checking(Files.newInputStream(file));
        try {
            return MAPPER.getFactory().createParser(in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * The value at the parser's current token as a tree, within the per-object limits.
     *
     * @param what names the value in the error ("element 3 of 'objects'")
     */
    static JsonNode readBounded(JsonParser parser, String what) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        JsonParser bounded = new JsonParserDelegate(parser) {
            private int tokens = 1;

            @Override
            public JsonToken nextToken() throws IOException {
                return counted(super.nextToken());
            }

            @Override
            public JsonToken nextValue() throws IOException {
                return counted(super.nextValue());
            }

            private JsonToken counted(JsonToken token) {
                long bytes = start < 0 ? 0 : delegate.currentLocation().getByteOffset() - start;
                if (++tokens > MAX_OBJECT_TOKENS || bytes > MAX_OBJECT_BYTES) {
                    throw new ImportFormatException(what + " is larger than an import allows for one object ("
                            + MAX_OBJECT_BYTES + " bytes and " + MAX_OBJECT_TOKENS + " JSON tokens); split it, or drop what "
                            + "the hub does not keep");
                }
                return token;
            }
        };
        return MAPPER.readTree(bounded);
    }

    /**
     * Calls {@code each} for every element of the array at {@code arrayField} of the root object and
     * {@code rootField} for every other root field (small ones are read as trees, arrays and objects
     * whose name is in {@code skip} are skipped without being read).
     */
    static void streamArray(Path file, String arrayField, Consumer<JsonNode> each,
                            java.util.function.BiConsumer<String, JsonNode> rootField, java.util.Set<String> skip)
            throws IOException {
        try (JsonParser parser = open(file)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ImportFormatException("the file is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (name.equals(arrayField) && token == JsonToken.START_ARRAY) {
                    long index = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        each.accept(readBounded(parser, "element " + index++ + " of '" + arrayField + "'"));
                    }
                } else if (skip.contains(name)) {
                    parser.skipChildren();
                } else {
                    rootField.accept(name, readBounded(parser, "the root field '" + name + "'"));
                }
            }
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (Utf8.MalformedException e) {
            throw notUtf8(e);
        }
    }

    /** The import's error for JSON Jackson could not read: where, when it knows, and why. */
    static ImportFormatException malformed(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
        return new ImportFormatException("the JSON is malformed" + where + ": " + e.getOriginalMessage(), e);
    }

    /** The import's error for text that is not strict UTF-8. */
    static ImportFormatException notUtf8(Utf8.MalformedException e) {
        return new ImportFormatException("the file is " + e.getMessage(), e);
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
