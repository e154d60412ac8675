package org.caspianhub.registry.server;

import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The registry's operations with Confluent's semantics: one global id per distinct schema,
 * versions per subject, compatibility checked before a new version is accepted. Writes are
 * serialised and persisted to the Kafka log before they become visible.
 */
final class SchemaRegistryService {

    private final SchemaStore store = new SchemaStore();
    private final KafkaSchemaLog log;

    SchemaRegistryService(KafkaSchemaLog log) {
        this.log = log;
    }

    void recover() {
        synchronized (store) {
            log.replayInto(store);
        }
    }

    /** Registers the schema under the subject and returns its id; the same schema again returns the same id. */
    int register(String subject, String schemaText, String schemaType) {
        requireAvro(schemaType);
        Schema schema = parse(schemaText);
        synchronized (store) {
            var existing = store.find(subject, schema);
            if (existing.isPresent()) {
                return existing.get().id();
            }
            List<SchemaStore.SchemaVersion> versions = store.versions(subject);
            List<String> problems = store.effectiveLevel(subject)
                    .violations(schema, versions.stream().map(SchemaStore.SchemaVersion::schema).toList());
            if (!problems.isEmpty()) {
                throw RegistryError.incompatible(String.join("; ", problems));
            }
            int nextVersion = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
            var version = new SchemaStore.SchemaVersion(subject, nextVersion, store.idFor(schema), schema);
            log.appendSchema(version);
            store.apply(version);
            return version.id();
        }
    }

    SchemaStore.SchemaVersion lookup(String subject, String schemaText, String schemaType) {
        requireAvro(schemaType);
        Schema schema = parse(schemaText);
        synchronized (store) {
            if (!store.hasSubject(subject)) {
                throw RegistryError.subjectNotFound(subject);
            }
            return store.find(subject, schema)
                    .orElseThrow(() -> RegistryError.schemaNotFound("not registered under subject '" + subject + "'"));
        }
    }

    Schema schemaById(int id) {
        synchronized (store) {
            return store.schemaById(id).orElseThrow(() -> RegistryError.schemaNotFound("no schema with id " + id));
        }
    }

    List<SchemaStore.SchemaVersion> usesOf(int id) {
        synchronized (store) {
            store.schemaById(id).orElseThrow(() -> RegistryError.schemaNotFound("no schema with id " + id));
            return store.usesOf(id);
        }
    }

    List<String> subjects() {
        synchronized (store) {
            return store.subjectNames();
        }
    }

    List<SchemaStore.SchemaVersion> versions(String subject) {
        synchronized (store) {
            if (!store.hasSubject(subject)) {
                throw RegistryError.subjectNotFound(subject);
            }
            return store.versions(subject);
        }
    }

    SchemaStore.SchemaVersion version(String subject, String version) {
        int number = parseVersion(version);
        List<SchemaStore.SchemaVersion> versions = versions(subject);
        if (number == -1) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == number).findFirst()
                .orElseThrow(() -> RegistryError.versionNotFound(subject, version));
    }

    /** Problems that would keep the schema from following the given version (or all, under a transitive level). */
    List<String> compatibilityProblems(String subject, String version, String schemaText, String schemaType) {
        requireAvro(schemaType);
        Schema schema = parse(schemaText);
        synchronized (store) {
            if (!store.hasSubject(subject)) {
                if ("latest".equals(version)) {
                    return List.of(); // nothing to be incompatible with
                }
                throw RegistryError.subjectNotFound(subject);
            }
        }
        CompatibilityLevel level = compatibility(subject);
        List<Schema> against = level.name().endsWith("_TRANSITIVE")
                ? versions(subject).stream().map(SchemaStore.SchemaVersion::schema).toList()
                : List.of(version(subject, version).schema());
        return level.violations(schema, against);
    }

    CompatibilityLevel compatibility(String subject) {
        synchronized (store) {
            return subject == null ? store.globalLevel() : store.effectiveLevel(subject);
        }
    }

    java.util.Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        synchronized (store) {
            return store.subjectLevel(subject);
        }
    }

    CompatibilityLevel setCompatibility(String subject, String level) {
        CompatibilityLevel parsed = CompatibilityLevel.parse(level).orElseThrow(() -> RegistryError.invalidCompatibility(level));
        synchronized (store) {
            log.appendConfig(subject, parsed);
            store.applyConfig(subject, parsed);
        }
        return parsed;
    }

    private static void requireAvro(String schemaType) {
        if (schemaType != null && !"AVRO".equals(schemaType.toUpperCase(Locale.ROOT))) {
            throw RegistryError.invalidSchema("schemaType " + schemaType + " is not supported by this registry; only AVRO is");
        }
    }

    private static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryError.invalidSchema("the 'schema' field is missing or empty");
        }
        try {
            return new Schema.Parser().setValidateDefaults(true).parse(schemaText);
        } catch (SchemaParseException | org.apache.avro.AvroTypeException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("UnresolvedSchema")) {
                // Avro 1.12 reports an unknown top-level type as an internal placeholder: name it instead
                throw RegistryError.invalidSchema("undefined type '" + topLevelType(schemaText)
                        + "': not an Avro primitive or complex type, nor a named type defined in this schema");
            }
            throw RegistryError.invalidSchema(e.toString());
        }
    }

    private static String topLevelType(String schemaText) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(schemaText);
            return node.isTextual() ? node.asText() : node.path("type").asText("?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static int parseVersion(String version) {
        if ("latest".equals(version) || "-1".equals(version)) {
            return -1;
        }
        try {
            int number = Integer.parseInt(version);
            if (number < 1) {
                throw RegistryError.invalidVersion(version);
            }
            return number;
        } catch (NumberFormatException e) {
            throw RegistryError.invalidVersion(version);
        }
    }
}
