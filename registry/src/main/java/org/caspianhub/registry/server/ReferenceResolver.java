package org.caspianhub.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Parses an Avro schema with Confluent's schema references: every referenced subject version
 * (and what it references, depth first) is parsed into the same parser before the schema
 * itself, so the schema can use the referenced named types. A reference to a subject version
 * that does not exist is refused as Confluent refuses it (42201, "No schema reference found"),
 * never dropped. The stored text renders the referenced types by name, not inlined, as clients
 * that resolve the references themselves expect.
 */
final class ReferenceResolver {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A subject version a reference may name: its schema text and its own references. */
    record Target(String subject, int version, String text, List<SchemaStore.Reference> references, boolean deleted) {
    }

    /** Where referenced subject versions are found. */
    interface Lookup {

        /** The version, soft-deleted or not. */
        java.util.Optional<Target> find(String subject, int version);

        /** The subject's versions, oldest first, soft-deleted ones included. */
        List<Target> versions(String subject);

        /** The registry's current state. */
        static Lookup of(SchemaStore store) {
            return new Lookup() {
                @Override
                public java.util.Optional<Target> find(String subject, int version) {
                    return store.version(subject, version).map(ReferenceResolver::target);
                }

                @Override
                public List<Target> versions(String subject) {
                    return store.versions(subject, true).stream().map(ReferenceResolver::target).toList();
                }
            };
        }
    }

    private final Lookup lookup;
    private final boolean allowDeleted;

    /**
     * @param lookup       the registry's state, or (while the log is replayed) every version the log holds:
     *                     a soft delete rewrites a version's record after those of schemas that reference it
     * @param allowDeleted whether a reference may name a soft-deleted version: no for a schema being
     *                     registered or checked, yes for one replayed from the log
     */
    ReferenceResolver(Lookup lookup, boolean allowDeleted) {
        this.lookup = lookup;
        this.allowDeleted = allowDeleted;
    }

    private static Target target(SchemaStore.SchemaVersion version) {
        return new Target(version.subject(), version.version(), version.stored().text(), version.stored().references(),
                version.deleted());
    }

    SchemaStore.StoredSchema parse(String schemaText, List<SchemaStore.Reference> references) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryError.invalidSchema("the 'schema' field is missing or empty");
        }
        Map<String, Target> ordered = new LinkedHashMap<>();
        List<SchemaStore.Reference> resolved = new ArrayList<>();
        for (SchemaStore.Reference reference : references) {
            Target target = resolve(reference);
            resolved.add(new SchemaStore.Reference(reference.name(), reference.subject(), target.version()));
            collect(target, ordered, 0);
        }
        Schema.Parser parser = new Schema.Parser().setValidateDefaults(true);
        List<Schema> referenced = new ArrayList<>();
        try {
            for (Target dependency : ordered.values()) {
                referenced.add(parser.parse(dependency.text()));
            }
        } catch (RuntimeException e) {
            throw RegistryError.invalidSchema("a referenced schema does not parse: " + e.getMessage());
        }
        Schema schema = parseOwn(parser, schemaText);
        String text = referenced.isEmpty() ? schema.toString() : schema.toString(referenced, false);
        return new SchemaStore.StoredSchema(text, resolved, schema);
    }

    private Target resolve(SchemaStore.Reference reference) {
        if (reference.name() == null || reference.name().isBlank() || reference.subject() == null
                || reference.subject().isBlank()) {
            throw RegistryError.invalidSchema("Invalid reference: " + reference
                    + " (a reference needs a name, a subject and a version)");
        }
        var found = reference.version() == -1
                ? lookup.versions(reference.subject()).stream().filter(v -> allowDeleted || !v.deleted()).reduce((a, b) -> b)
                : lookup.find(reference.subject(), reference.version()).filter(v -> allowDeleted || !v.deleted());
        return found.orElseThrow(() -> RegistryError.invalidSchema("No schema reference found for subject \""
                + reference.subject() + "\" and version " + reference.version()));
    }

    private void collect(Target version, Map<String, Target> ordered, int depth) {
        String key = version.subject() + "\u0000" + version.version();
        if (ordered.containsKey(key)) {
            return;
        }
        if (depth > 64) {
            throw RegistryError.invalidSchema("references nest deeper than 64 levels (a cycle?)");
        }
        for (SchemaStore.Reference reference : version.references()) {
            Target target = lookup.find(reference.subject(), reference.version())
                    .orElseThrow(() -> RegistryError.invalidSchema("No schema reference found for subject \""
                            + reference.subject() + "\" and version " + reference.version()));
            collect(target, ordered, depth + 1);
        }
        ordered.put(key, version);
    }

    private static Schema parseOwn(Schema.Parser parser, String schemaText) {
        try {
            return parser.parse(schemaText);
        } catch (SchemaParseException | org.apache.avro.AvroTypeException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("UnresolvedSchema")) {
                // Avro 1.12 reports an unknown type as an internal placeholder: name it instead
                throw RegistryError.invalidSchema("undefined type '" + topLevelType(schemaText)
                        + "': not an Avro primitive or complex type, nor a named type defined in this schema"
                        + " or in one it references");
            }
            throw RegistryError.invalidSchema(e.toString());
        }
    }

    private static String topLevelType(String schemaText) {
        try {
            JsonNode node = JSON.readTree(schemaText);
            return node.isTextual() ? node.asText() : node.path("type").asText("?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** Confluent's {@code references} array from a request or a log record; empty when absent. */
    static List<SchemaStore.Reference> referencesIn(JsonNode node) {
        JsonNode array = node.get("references");
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw RegistryError.unprocessable("'references' must be an array of {name, subject, version}");
        }
        List<SchemaStore.Reference> references = new ArrayList<>();
        for (JsonNode reference : array) {
            JsonNode version = reference.get("version");
            if (version == null || !version.canConvertToInt()) {
                throw RegistryError.invalidSchema("Invalid reference: " + reference + " (a reference needs a version)");
            }
            references.add(new SchemaStore.Reference(reference.path("name").asText(null),
                    reference.path("subject").asText(null), version.asInt()));
        }
        return references;
    }

    static void write(List<SchemaStore.Reference> references, com.fasterxml.jackson.databind.node.ObjectNode into) {
        if (!references.isEmpty()) {
            var array = into.putArray("references");
            references.forEach(r -> array.addObject().put("name", r.name()).put("subject", r.subject()).put("version", r.version()));
        }
    }
}
