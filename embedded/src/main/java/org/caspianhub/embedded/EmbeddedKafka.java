package org.caspianhub.embedded;

import org.caspianhub.runtime.HubService;

/** An in-process Kafka: one broker ({@link EmbeddedKafkaBroker}) or a cluster of them ({@link EmbeddedKafkaCluster}). */
public interface EmbeddedKafka extends HubService {

    /** What a client is given as {@code bootstrap.servers}. */
    String bootstrapServers();

    /** The replication factor this Kafka's topics get: 1 on one broker, 3 on three. */
    default int replication() {
        return 1;
    }
}
