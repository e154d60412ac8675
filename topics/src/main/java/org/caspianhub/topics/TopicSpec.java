package org.caspianhub.topics;

import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A topic the hub needs: its partitions and configs, and the Avro schema of its values (empty for
 * the registry's own topic, whose records are JSON).
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs,
                        Optional<Schema> valueSchema) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }
}
