package org.caspianhub.streams.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.Predicate;
import org.caspianhub.avro.streams.IndicatorEvent;
import org.caspianhub.indicators.relate.Locality;
import org.caspianhub.streams.PipelineMetrics;

/**
 * Whether an indicator event arrived in the partition its locality maps to. The gateway (and the
 * feed poller and importers, through the same writer) write each submission there, so the task
 * that read it also owns the indicator's state and merges it at once, in the same transaction;
 * only a misplaced event (a producer partitioning by key) crosses the repartition topic. This
 * relies on every submissions, sightings and repartition topic having the same partition count,
 * which {@link CoPartitioning} checks at start-up. Counts both answers
 * ({@code caspian_events_placement_total{path}}).
 */
final class PlacedHere implements Predicate<String, SpecificRecord> {

    private final int partitions;
    private final PipelineMetrics metrics;

    PlacedHere(int partitions, PipelineMetrics metrics) {
        this.partitions = partitions;
        this.metrics = metrics;
    }

    @Override
    public boolean test(String key, SpecificRecord value) {
        if (!(value instanceof IndicatorEvent event)) {
            return false;
        }
        boolean here = Locality.partition(event.getLocality(), partitions) == event.getSourcePartition();
        metrics.placement(here);
        return here;
    }
}
