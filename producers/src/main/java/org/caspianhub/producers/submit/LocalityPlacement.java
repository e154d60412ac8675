package org.caspianhub.producers.submit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Sighting;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.normalize.Normalized;
import org.caspianhub.indicators.relate.Locality;

/**
 * Chooses the partition of each submission and sighting: the partition of its value's locality
 * (the indicators module's {@link Locality}), the one whose task in the Streams topology holds the
 * indicator's state. The topology then merges the record where it arrives instead of sending it
 * through a repartition topic first (one write, one read and one transaction less per submission).
 * Every record of one indicator goes to one partition, so the topology sees them in the order they
 * were written. The record key stays the submission id. A value the normalizer refuses (the
 * topology will reject it) and any other record keep Kafka's partitioning by key.
 */
final class LocalityPlacement {

    private final IndicatorNormalizer normalizer = new IndicatorNormalizer();

    /** The record with its partition chosen, given the topic's partition count; unchanged when it has none to choose. */
    ProducerRecord<String, SpecificRecord> place(ProducerRecord<String, SpecificRecord> record, int partitions) {
        if (record.partition() != null) {
            return record;
        }
        Integer partition = null;
        if (record.value() instanceof IndicatorSubmission s) {
            partition = partitionOf(s.getValue(), s.getType(), partitions);
        } else if (record.value() instanceof Sighting s) {
            partition = partitionOf(s.getValue(), s.getType(), partitions);
        }
        if (partition == null) {
            return record;
        }
        return new ProducerRecord<>(record.topic(), partition, record.timestamp(), record.key(), record.value(),
                record.headers());
    }

    /** As the topology's intake normalizes it: an UNKNOWN type is detected. */
    private Integer partitionOf(String value, IndicatorType declared, int partitions) {
        if (value == null) {
            return null;
        }
        Normalized normalized = normalizer.normalize(value, declared == IndicatorType.UNKNOWN ? null : declared);
        return normalized instanceof Normalized.Valid valid ? Locality.partitionOf(valid, partitions) : null;
    }
}
