package org.caspianhub.consumers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The official OASIS STIX 2.1 JSON schemas (vendored unchanged under
 * src/test/resources/stix-json-schemas with their SOURCE.txt and LICENSE), applied to one object:
 * the schema for its {@code type}, found among the SDOs, SROs, observables and common objects.
 * Their {@code $id}s point at GitHub; they are read from the classpath, never fetched.
 */
public final class StixSchemas {

    private static final String ID_PREFIX = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
    private static final String CLASSPATH = "stix-json-schemas/schemas/";
    private static final List<String> FOLDERS = List.of("sdos/", "sros/", "observables/", "common/");
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ID_PREFIX, "classpath:" + CLASSPATH)));
    private static final Map<String, JsonSchema> BY_TYPE = new ConcurrentHashMap<>();

    private StixSchemas() {
    }

    /** Why the object breaks the OASIS schema of its type; empty when it does not. */
    public static List<String> errors(JsonNode object) {
        String type = object.path("type").asText("");
        JsonSchema schema = BY_TYPE.computeIfAbsent(type, StixSchemas::load);
        if (schema == null) {
            return List.of("no OASIS STIX 2.1 schema for type '" + type + "'");
        }
        return schema.validate(object).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Fails with every problem of every object that breaks its schema. */
    public static void assertValid(Iterable<JsonNode> objects) {
        StringBuilder problems = new StringBuilder();
        for (JsonNode object : objects) {
            List<String> errors = errors(object);
            if (!errors.isEmpty()) {
                problems.append(object.path("id").asText("(no id)")).append(": ").append(errors).append('\n');
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("objects that break the OASIS STIX 2.1 JSON schemas:\n" + problems);
        }
    }

    private static JsonSchema load(String type) {
        for (String folder : FOLDERS) {
            if (StixSchemas.class.getClassLoader().getResource(CLASSPATH + folder + type + ".json") != null) {
                return FACTORY.getSchema(SchemaLocation.of(ID_PREFIX + folder + type + ".json"));
            }
        }
        return null;
    }
}
