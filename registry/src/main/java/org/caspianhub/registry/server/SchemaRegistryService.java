package org.caspianhub.registry.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The registry's operations with Confluent's semantics: one global id per distinct schema (with
 * its references), versions per subject, compatibility checked before a new version is accepted,
 * soft deletes before permanent ones. Writes are serialised and persisted to the Kafka log before
 * they become visible.
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
    int register(String subject, String schemaText, String schemaType, List<SchemaStore.Reference> references) {
        requireAvro(schemaType);
        synchronized (store) {
            SchemaStore.StoredSchema schema = parseNew(schemaText, references);
            var existing = store.find(subject, schema, false);
            if (existing.isPresent()) {
                return existing.get().id();
            }
            List<String> problems = store.effectiveLevel(subject).violations(schema.schema(), liveSchemas(subject));
            if (!problems.isEmpty()) {
                throw RegistryError.incompatible(String.join("; ", problems));
            }
            // versions continue after soft-deleted ones, as in Confluent's registry
            List<SchemaStore.SchemaVersion> all = store.versions(subject, true);
            int nextVersion = all.isEmpty() ? 1 : all.get(all.size() - 1).version() + 1;
            var version = new SchemaStore.SchemaVersion(subject, nextVersion, store.idFor(schema), schema, false);
            log.appendSchema(version);
            store.apply(version);
            return version.id();
        }
    }

    SchemaStore.SchemaVersion lookup(String subject, String schemaText, String schemaType,
                                     List<SchemaStore.Reference> references, boolean includeDeleted) {
        requireAvro(schemaType);
        synchronized (store) {
            SchemaStore.StoredSchema schema = new ReferenceResolver(ReferenceResolver.Lookup.of(store), true).parse(schemaText, references);
            var found = store.find(subject, schema, includeDeleted);
            if (found.isPresent()) {
                return found.get();
            }
            if (!store.hasSubject(subject, includeDeleted)) {
                throw RegistryError.subjectNotFound(subject);
            }
            throw RegistryError.schemaNotFound("not registered under subject '" + subject + "'");
        }
    }

    SchemaStore.StoredSchema schemaById(int id) {
        synchronized (store) {
            return store.schemaById(id).orElseThrow(() -> RegistryError.schemaNotFound("no schema with id " + id));
        }
    }

    List<SchemaStore.SchemaVersion> usesOf(int id, boolean includeDeleted) {
        synchronized (store) {
            store.schemaById(id).orElseThrow(() -> RegistryError.schemaNotFound("no schema with id " + id));
            return store.usesOf(id, includeDeleted);
        }
    }

    List<String> subjects(boolean includeDeleted) {
        synchronized (store) {
            return store.subjectNames(includeDeleted);
        }
    }

    /** Subjects with at least one soft-deleted version (Confluent's {@code ?deletedOnly=true}). */
    List<String> subjectsWithDeletedVersions() {
        synchronized (store) {
            return store.subjectNames(true).stream()
                    .filter(s -> store.versions(s, true).stream().anyMatch(SchemaStore.SchemaVersion::deleted)).toList();
        }
    }

    List<SchemaStore.SchemaVersion> versions(String subject, boolean includeDeleted) {
        synchronized (store) {
            if (!store.hasSubject(subject, includeDeleted)) {
                throw RegistryError.subjectNotFound(subject);
            }
            return store.versions(subject, includeDeleted);
        }
    }

    SchemaStore.SchemaVersion version(String subject, String version, boolean includeDeleted) {
        int number = parseVersion(version);
        List<SchemaStore.SchemaVersion> versions = versions(subject, includeDeleted);
        if (number == -1) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == number).findFirst()
                .orElseThrow(() -> RegistryError.versionNotFound(subject, version));
    }

    /** Ids of the schemas whose references name this subject version. */
    List<Integer> referencedBy(String subject, String version) {
        SchemaStore.SchemaVersion target = version(subject, version, true);
        synchronized (store) {
            return store.referencing(subject, target.version()).stream().filter(v -> !v.deleted())
                    .map(SchemaStore.SchemaVersion::id).distinct().sorted().toList();
        }
    }

    /**
     * Problems that would keep the schema from following the given version (or all live versions,
     * under a transitive level). As Confluent's registry: against "latest" of a subject with no live
     * version there is nothing to be incompatible with; against a numbered version that does not
     * exist, 40402.
     */
    List<String> compatibilityProblems(String subject, String version, String schemaText, String schemaType,
                                       List<SchemaStore.Reference> references) {
        requireAvro(schemaType);
        int number = parseVersion(version);
        synchronized (store) {
            SchemaStore.StoredSchema schema = parseNew(schemaText, references);
            List<SchemaStore.SchemaVersion> live = store.versions(subject, false);
            Optional<SchemaStore.SchemaVersion> against = number == -1
                    ? live.stream().reduce((a, b) -> b)
                    : live.stream().filter(v -> v.version() == number).findFirst();
            if (against.isEmpty()) {
                if (number == -1) {
                    return List.of();
                }
                throw RegistryError.versionNotFound(subject, version);
            }
            CompatibilityLevel level = store.effectiveLevel(subject);
            List<Schema> earlier = level.name().endsWith("_TRANSITIVE")
                    ? live.stream().map(SchemaStore.SchemaVersion::schema).toList()
                    : List.of(against.get().schema());
            return level.violations(schema.schema(), earlier);
        }
    }

    /** Problems that would keep the schema from being registered: the same check as a registration makes. */
    List<String> compatibilityProblemsWithAll(String subject, String schemaText, String schemaType,
                                              List<SchemaStore.Reference> references) {
        requireAvro(schemaType);
        synchronized (store) {
            SchemaStore.StoredSchema schema = parseNew(schemaText, references);
            return store.effectiveLevel(subject).violations(schema.schema(), liveSchemas(subject));
        }
    }

    /**
     * Soft-deletes every live version of the subject, or with {@code permanent} forgets every version
     * (which must all have been soft-deleted first) and the subject's config. Returns the versions.
     */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        synchronized (store) {
            if (!store.hasSubject(subject, true)) {
                throw RegistryError.subjectNotFound(subject);
            }
            if (!permanent && !store.hasSubject(subject, false)) {
                throw RegistryError.subjectSoftDeleted(subject);
            }
            List<SchemaStore.SchemaVersion> targets = store.versions(subject, permanent);
            for (SchemaStore.SchemaVersion version : targets) {
                if (permanent && !version.deleted()) {
                    throw RegistryError.subjectNotSoftDeleted(subject);
                }
                refuseIfReferenced(version, permanent, subject);
            }
            List<Integer> numbers = targets.stream().map(SchemaStore.SchemaVersion::version).toList();
            if (!permanent) {
                int watermark = numbers.get(numbers.size() - 1);
                log.appendSubjectDeleted(subject, watermark);
                store.applySubjectDeleted(subject, watermark);
            } else {
                for (int i = targets.size() - 1; i >= 0; i--) {
                    forget(targets.get(i));
                }
                forgetConfig(subject);
            }
            return numbers;
        }
    }

    /** Soft-deletes one version, or with {@code permanent} forgets one that was soft-deleted first. */
    int deleteVersion(String subject, String version, boolean permanent) {
        int number = parseVersion(version);
        synchronized (store) {
            Optional<SchemaStore.SchemaVersion> target = number == -1
                    ? store.versions(subject, false).stream().reduce((a, b) -> b)
                    : store.version(subject, number);
            if (target.isEmpty()) {
                if (!store.hasSubject(subject, true)) {
                    throw RegistryError.subjectNotFound(subject);
                }
                throw RegistryError.versionNotFound(subject, version);
            }
            SchemaStore.SchemaVersion found = target.get();
            if (!permanent && found.deleted()) {
                throw RegistryError.versionSoftDeleted(subject, found.version());
            }
            if (permanent && !found.deleted()) {
                throw RegistryError.versionNotSoftDeleted(subject, found.version());
            }
            refuseIfReferenced(found, permanent, null);
            if (!permanent) {
                SchemaStore.SchemaVersion deleted = found.markDeleted();
                log.appendSchema(deleted);
                store.apply(deleted);
            } else {
                forget(found);
                if (!store.hasSubject(subject, true)) {
                    forgetConfig(subject);
                }
            }
            return found.version();
        }
    }

    CompatibilityLevel compatibility(String subject) {
        synchronized (store) {
            return subject == null ? store.globalLevel() : store.effectiveLevel(subject);
        }
    }

    SchemaStore.SubjectConfig globalConfig() {
        synchronized (store) {
            SchemaStore.SubjectConfig global = store.globalConfig();
            return new SchemaStore.SubjectConfig(Optional.of(store.globalLevel()), global.normalize());
        }
    }

    Optional<SchemaStore.SubjectConfig> subjectConfig(String subject) {
        synchronized (store) {
            return store.subjectConfig(subject);
        }
    }

    /** Sets the parts of the config the update names (subject null: the global config); returns the result. */
    SchemaStore.SubjectConfig updateConfig(String subject, SchemaStore.SubjectConfig update) {
        synchronized (store) {
            SchemaStore.SubjectConfig current = subject == null ? store.globalConfig()
                    : store.subjectConfig(subject).orElse(SchemaStore.SubjectConfig.NONE);
            SchemaStore.SubjectConfig updated = current.with(update);
            log.appendConfig(subject, updated);
            store.applyConfig(subject, updated);
            return subject == null ? globalConfig() : updated;
        }
    }

    /** Removes the subject's own config (40401 when it has none) or resets the global one; returns what it was. */
    SchemaStore.SubjectConfig deleteConfig(String subject) {
        synchronized (store) {
            if (subject == null) {
                SchemaStore.SubjectConfig was = globalConfig();
                log.appendConfig(null, SchemaStore.SubjectConfig.NONE);
                store.applyConfig(null, SchemaStore.SubjectConfig.NONE);
                return was;
            }
            SchemaStore.SubjectConfig was = store.subjectConfig(subject)
                    .orElseThrow(() -> RegistryError.subjectNotFound(subject));
            forgetConfig(subject);
            return was;
        }
    }

    static CompatibilityLevel parseLevel(String level) {
        return CompatibilityLevel.parse(level).orElseThrow(() -> RegistryError.invalidCompatibility(level));
    }

    private void forget(SchemaStore.SchemaVersion version) {
        log.appendSchemaRemoved(version);
        store.removeVersion(version.subject(), version.version());
        log.appendHighestId(store.highestId());
    }

    private void forgetConfig(String subject) {
        if (store.subjectConfig(subject).isPresent()) {
            log.appendConfigRemoved(subject);
            store.applyConfig(subject, SchemaStore.SubjectConfig.NONE);
        }
    }

    /** Confluent refuses (42206) to delete a version another live schema references; a permanent delete counts soft-deleted ones too. */
    private void refuseIfReferenced(SchemaStore.SchemaVersion version, boolean permanent, String exceptSubject) {
        List<SchemaStore.SchemaVersion> by = new ArrayList<>(store.referencing(version.subject(), version.version()));
        by.removeIf(v -> (!permanent && v.deleted()) || v.subject().equals(exceptSubject));
        if (!by.isEmpty()) {
            throw RegistryError.referenceExists(version.subject(), version.version(), by.get(0).subject(), by.get(0).version());
        }
    }

    private List<Schema> liveSchemas(String subject) {
        return store.versions(subject, false).stream().map(SchemaStore.SchemaVersion::schema).toList();
    }

    private SchemaStore.StoredSchema parseNew(String schemaText, List<SchemaStore.Reference> references) {
        return new ReferenceResolver(ReferenceResolver.Lookup.of(store), false).parse(schemaText, references);
    }

    private static void requireAvro(String schemaType) {
        if (schemaType != null && !"AVRO".equals(schemaType.toUpperCase(Locale.ROOT))) {
            throw RegistryError.invalidSchema("schemaType " + schemaType + " is not supported by this registry; only AVRO is");
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
