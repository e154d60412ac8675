package org.caspianhub.registry.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Caches what never changes in a registry (the id of a schema under a subject, the schema of an
 * id) so serializers call the registry once per subject and deserializers once per writer schema.
 * Everything else passes through.
 */
public final class CachingSchemaRegistry implements SchemaRegistry {

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final SchemaRegistry delegate;
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public CachingSchemaRegistry(SchemaRegistry delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
        return idsBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            int id = delegate.register(subject, schema);
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, delegate::schemaById);
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        RegisteredSchema found = delegate.lookup(subject, schema);
        idsBySubjectSchema.putIfAbsent(new SubjectSchema(subject, schema), found.id());
        return found;
    }

    /** The id of {@code schema} under {@code subject}, looked up once, without registering it. */
    public int idOf(String subject, Schema schema) {
        return idsBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema),
                key -> delegate.lookup(subject, schema).id());
    }

    @Override
    public RegisteredSchema version(String subject, String version) {
        return delegate.version(subject, version);
    }

    @Override
    public boolean isCompatible(String subject, String version, Schema schema) {
        return delegate.isCompatible(subject, version, schema);
    }

    @Override
    public List<String> subjects() {
        return delegate.subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        return delegate.versions(subject);
    }

    @Override
    public String compatibility(String subject) {
        return delegate.compatibility(subject);
    }

    @Override
    public void setCompatibility(String subject, String level) {
        delegate.setCompatibility(subject, level);
    }
}
