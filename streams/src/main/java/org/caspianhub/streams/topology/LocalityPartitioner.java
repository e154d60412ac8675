package org.caspianhub.streams.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.caspianhub.avro.streams.IndicatorEvent;

/**
 * Partitions indicator events by their locality (see
 * {@link org.caspianhub.streams.correlate.Placement}) rather than by their key: a URL, its
 * host's domain and the domain's subdomains, or an address and the prefixes around it, then land
 * in one task, where relating them is a local store read instead of another repartition.
 * Every event of one indicator has the same locality, so per-key order is kept.
 */
final class LocalityPartitioner implements StreamPartitioner<String, IndicatorEvent> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, IndicatorEvent event, int numPartitions) {
        byte[] locality = event.getLocality().getBytes(StandardCharsets.UTF_8);
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(locality)) % numPartitions));
    }
}
