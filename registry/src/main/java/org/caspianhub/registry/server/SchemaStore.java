package org.caspianhub.registry.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The registry's state in memory: global schema ids, subjects with their versions (soft-deleted
 * ones kept, marked), and subject configs. It is rebuilt from the Kafka log at start-up and only
 * changed by the {@code apply...}/{@code remove...} methods, in log order. Not thread-safe on its
 * own: {@link SchemaRegistryService} serialises writes.
 */
final class SchemaStore {

    /** A reference from one schema to a named type defined by a version of another subject (Confluent's shape). */
    record Reference(String name, String subject, int version) {
    }

    /**
     * A schema as the registry knows it: its text (Avro's canonical rendering, referenced types not
     * inlined), the references it was registered with, and the schema resolved with them.
     */
    record StoredSchema(String text, List<Reference> references, Schema schema) {

        StoredSchema {
            references = List.copyOf(references);
        }

        /** What makes two registrations the same schema, and so the same id. */
        String identity() {
            return references.isEmpty() ? text : text + "\u0000" + references;
        }
    }

    /** One version of one subject. */
    record SchemaVersion(String subject, int version, int id, StoredSchema stored, boolean deleted) {

        Schema schema() {
            return stored.schema();
        }

        SchemaVersion markDeleted() {
            return new SchemaVersion(subject, version, id, stored, true);
        }
    }

    /** A subject's own config: each part empty where the subject does not set it. */
    record SubjectConfig(Optional<CompatibilityLevel> compatibility, Optional<Boolean> normalize) {

        static final SubjectConfig NONE = new SubjectConfig(Optional.empty(), Optional.empty());

        boolean isEmpty() {
            return compatibility.isEmpty() && normalize.isEmpty();
        }

        /** This config with every part {@code update} sets replaced. */
        SubjectConfig with(SubjectConfig update) {
            return new SubjectConfig(update.compatibility.or(() -> compatibility), update.normalize.or(() -> normalize));
        }
    }

    private final Map<Integer, StoredSchema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByIdentity = new HashMap<>();
    private final Map<String, List<SchemaVersion>> subjects = new TreeMap<>();
    private final Map<String, SubjectConfig> subjectConfigs = new HashMap<>();
    private SubjectConfig globalConfig = SubjectConfig.NONE;
    private int highestId;

    void apply(SchemaVersion version) {
        schemasById.putIfAbsent(version.id(), version.stored());
        idsByIdentity.putIfAbsent(version.stored().identity(), version.id());
        List<SchemaVersion> versions = subjects.computeIfAbsent(version.subject(), s -> new ArrayList<>());
        versions.removeIf(v -> v.version() == version.version());
        versions.add(version);
        versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
        highestId = Math.max(highestId, version.id());
    }

    /** Marks every version up to {@code watermark} soft-deleted (Confluent's DELETE_SUBJECT record). */
    void applySubjectDeleted(String subject, int watermark) {
        List<SchemaVersion> versions = subjects.get(subject);
        if (versions != null) {
            versions.replaceAll(v -> v.version() <= watermark ? v.markDeleted() : v);
        }
    }

    /** Forgets a version (a permanent delete); its id is forgotten too once no version holds it. */
    void removeVersion(String subject, int version) {
        List<SchemaVersion> versions = subjects.get(subject);
        if (versions == null) {
            return;
        }
        versions.stream().filter(v -> v.version() == version).findFirst().ifPresent(removed -> {
            versions.remove(removed);
            if (versions.isEmpty()) {
                subjects.remove(subject);
            }
            if (usesOf(removed.id(), true).isEmpty()) {
                schemasById.remove(removed.id());
                idsByIdentity.remove(removed.stored().identity());
            }
        });
    }

    /** Ids never come back: after a permanent delete the log records the highest id handed out. */
    void applyHighestId(int id) {
        highestId = Math.max(highestId, id);
    }

    int highestId() {
        return highestId;
    }

    void applyConfig(String subject, SubjectConfig config) {
        if (subject == null) {
            globalConfig = config;
        } else if (config.isEmpty()) {
            subjectConfigs.remove(subject);
        } else {
            subjectConfigs.put(subject, config);
        }
    }

    Optional<StoredSchema> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** The id this schema has anywhere in the registry, or the id it would get. */
    int idFor(StoredSchema schema) {
        Integer existing = idsByIdentity.get(schema.identity());
        return existing != null ? existing : highestId + 1;
    }

    Optional<SchemaVersion> find(String subject, StoredSchema schema, boolean includeDeleted) {
        String identity = schema.identity();
        return versions(subject, includeDeleted).stream().filter(v -> v.stored().identity().equals(identity)).findFirst();
    }

    /** The subject's versions, oldest first; soft-deleted ones only when asked for. */
    List<SchemaVersion> versions(String subject, boolean includeDeleted) {
        return subjects.getOrDefault(subject, List.of()).stream().filter(v -> includeDeleted || !v.deleted()).toList();
    }

    Optional<SchemaVersion> version(String subject, int version) {
        return subjects.getOrDefault(subject, List.of()).stream().filter(v -> v.version() == version).findFirst();
    }

    /** Whether the subject has a version (a live one, or any when {@code includeDeleted}). */
    boolean hasSubject(String subject, boolean includeDeleted) {
        return !versions(subject, includeDeleted).isEmpty();
    }

    List<String> subjectNames(boolean includeDeleted) {
        return subjects.keySet().stream().filter(s -> hasSubject(s, includeDeleted)).toList();
    }

    /** Subjects and versions holding the schema with this id. */
    List<SchemaVersion> usesOf(int id, boolean includeDeleted) {
        List<SchemaVersion> uses = new ArrayList<>();
        subjects.values().forEach(list -> list.stream().filter(v -> v.id() == id && (includeDeleted || !v.deleted()))
                .forEach(uses::add));
        return uses;
    }

    /** Versions (live or soft-deleted) whose references name this subject version. */
    List<SchemaVersion> referencing(String subject, int version) {
        List<SchemaVersion> found = new ArrayList<>();
        for (List<SchemaVersion> list : subjects.values()) {
            for (SchemaVersion v : list) {
                if (v.stored().references().stream().anyMatch(r -> r.subject().equals(subject) && r.version() == version)) {
                    found.add(v);
                }
            }
        }
        return found;
    }

    CompatibilityLevel globalLevel() {
        return globalConfig.compatibility().orElse(CompatibilityLevel.BACKWARD);
    }

    SubjectConfig globalConfig() {
        return globalConfig;
    }

    Optional<SubjectConfig> subjectConfig(String subject) {
        return Optional.ofNullable(subjectConfigs.get(subject));
    }

    CompatibilityLevel effectiveLevel(String subject) {
        return subjectConfig(subject).flatMap(SubjectConfig::compatibility).orElseGet(this::globalLevel);
    }
}
