package org.caspianhub.consumers.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of each partition may be committed while alerts are delivered out of order.
 * An alert's offset stays open from the moment it is polled until it is delivered, dead-lettered
 * or skipped; the committable position of a partition is its lowest open offset (or one past
 * the highest polled when none is open). A crash therefore re-delivers everything not yet
 * finished and never skips an alert still in flight behind a finished one.
 *
 * <p>{@link #track}, {@link #committable} and {@link #forget} are called by the consumer's
 * thread; {@link #complete} by whichever thread finished a delivery.
 */
public final class OffsetLedger {

    private static final class PartitionLedger {
        final ConcurrentSkipListSet<Long> open = new ConcurrentSkipListSet<>();
        volatile long next = -1;
        long lastCommitted = -1;
    }

    private final Map<TopicPartition, PartitionLedger> partitions = new ConcurrentHashMap<>();

    /** A polled record's offset is now open. */
    public void track(TopicPartition partition, long offset) {
        PartitionLedger ledger = partitions.computeIfAbsent(partition, p -> new PartitionLedger());
        ledger.open.add(offset);
        if (offset + 1 > ledger.next) {
            ledger.next = offset + 1;
        }
    }

    /** The record is finished with (delivered, dead-lettered or skipped). Unknown partitions (revoked meanwhile) are ignored. */
    public void complete(TopicPartition partition, long offset) {
        PartitionLedger ledger = partitions.get(partition);
        if (ledger != null) {
            ledger.open.remove(offset);
        }
    }

    /** Offsets worth committing now: those that moved since the last call that reported them. */
    public Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((partition, ledger) -> {
            long position = position(ledger);
            if (position >= 0 && position != ledger.lastCommitted) {
                offsets.put(partition, new OffsetAndMetadata(position));
            }
        });
        return offsets;
    }

    /** Records that the offsets were committed (so they are not committed again unchanged). */
    public void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            PartitionLedger ledger = partitions.get(partition);
            if (ledger != null) {
                ledger.lastCommitted = offset.offset();
            }
        });
    }

    /** The committable position of each given partition, moved or not. */
    public Map<TopicPartition, OffsetAndMetadata> positions(Collection<TopicPartition> of) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : of) {
            PartitionLedger ledger = partitions.get(partition);
            if (ledger != null && position(ledger) >= 0) {
                offsets.put(partition, new OffsetAndMetadata(position(ledger)));
            }
        }
        return offsets;
    }

    /** Stops tracking partitions this consumer no longer owns. */
    public void forget(Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
    }

    /** Offsets still open across all partitions (for health and tests). */
    public int openCount() {
        return partitions.values().stream().mapToInt(l -> l.open.size()).sum();
    }

    private static long position(PartitionLedger ledger) {
        Long lowestOpen = ledger.open.ceiling(Long.MIN_VALUE);
        return lowestOpen != null ? lowestOpen : ledger.next;
    }
}
