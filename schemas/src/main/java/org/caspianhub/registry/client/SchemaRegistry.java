package org.caspianhub.registry.client;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry REST API the hub uses. Any Confluent-compatible
 * registry answers it: Confluent's own, Apicurio's {@code ccompat} API, Karapace, Redpanda, and
 * the hub's embedded registry.
 */
public interface SchemaRegistry {

    /** Registers {@code schema} under {@code subject} (or finds it there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with this global id. */
    Schema schemaById(int id);

    /** The version of {@code subject} that holds exactly {@code schema}. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** A version of a subject; {@code version} is a number or {@code latest}. */
    RegisteredSchema version(String subject, String version);

    /** Whether {@code schema} could be registered as the next version after {@code version}. */
    boolean isCompatible(String subject, String version, Schema schema);

    List<String> subjects();

    List<Integer> versions(String subject);

    /** The compatibility level in force for the subject (its own, else the global one). */
    String compatibility(String subject);

    void setCompatibility(String subject, String level);
}
