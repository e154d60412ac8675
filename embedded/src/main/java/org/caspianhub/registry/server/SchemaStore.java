package org.caspianhub.registry.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The registry's state in memory: global schema ids, subjects with their versions, and
 * compatibility settings. It is rebuilt from the Kafka log at start-up and only changed through
 * {@link #apply(SchemaVersion)} and {@link #applyConfig(String, CompatibilityLevel)}, in log order.
 * Not thread-safe on its own: {@link SchemaRegistryService} serialises writes.
 */
final class SchemaStore {

    /** One version of one subject. */
    record SchemaVersion(String subject, int version, int id, Schema schema) {
    }

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<String, List<SchemaVersion>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int highestId;

    void apply(SchemaVersion version) {
        schemasById.putIfAbsent(version.id(), version.schema());
        idsByCanonical.putIfAbsent(version.schema().toString(), version.id());
        List<SchemaVersion> versions = subjects.computeIfAbsent(version.subject(), s -> new ArrayList<>());
        versions.removeIf(v -> v.version() == version.version());
        versions.add(version);
        versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
        highestId = Math.max(highestId, version.id());
    }

    void applyConfig(String subject, CompatibilityLevel level) {
        if (subject == null) {
            globalLevel = level;
        } else {
            subjectLevels.put(subject, level);
        }
    }

    Optional<Schema> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** The id this schema has anywhere in the registry, or the id it would get. */
    int idFor(Schema schema) {
        Integer existing = idsByCanonical.get(schema.toString());
        return existing != null ? existing : highestId + 1;
    }

    Optional<SchemaVersion> find(String subject, Schema schema) {
        String canonical = schema.toString();
        return versions(subject).stream().filter(v -> v.schema().toString().equals(canonical)).findFirst();
    }

    List<SchemaVersion> versions(String subject) {
        return List.copyOf(subjects.getOrDefault(subject, List.of()));
    }

    boolean hasSubject(String subject) {
        return subjects.containsKey(subject);
    }

    List<String> subjectNames() {
        return List.copyOf(subjects.keySet());
    }

    /** Subjects and versions holding the schema with this id. */
    List<SchemaVersion> usesOf(int id) {
        List<SchemaVersion> uses = new ArrayList<>();
        subjects.values().forEach(list -> list.stream().filter(v -> v.id() == id).forEach(uses::add));
        return uses;
    }

    CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }
}
