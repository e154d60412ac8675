package org.caspianhub.streams.topology;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.caspianhub.avro.streams.IndicatorEvent;
import org.caspianhub.indicators.relate.Locality;

/**
 * Partitions indicator events by their locality (the indicators module's {@link Locality}, the
 * same function the gateway uses to choose a submission's partition) rather than by their key: a
 * URL, its host's domain and the domain's subdomains, or an address and the prefixes around it,
 * then land in one task, where relating them is a local store read instead of another
 * repartition. Every event of one indicator has the same locality, so per-key order is kept.
 */
final class LocalityPartitioner implements StreamPartitioner<String, IndicatorEvent> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, IndicatorEvent event, int numPartitions) {
        return Optional.of(Set.of(Locality.partition(event.getLocality(), numPartitions)));
    }
}
