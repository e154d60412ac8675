package org.caspianhub.consumers.taxii;

/**
 * Hands out TAXII date_added values for one partition of a party's alert topic, from the log
 * alone, so that every replica and every rebuild gives an alert's objects the same dates:
 * <ul>
 * <li>an alert's objects get consecutive slots from {@code base}: the record's timestamp (the
 * broker's append time) in microseconds, but never below the slot after the previous alert's
 * objects, so dates rise along the partition even when many alerts share a millisecond;</li>
 * <li>the partition's slots are {@code partition (mod partitions)}: two partitions never hand
 * out the same date, so date_added is unique within a collection.</li>
 * </ul>
 * {@link #atLeast} raises the next slot when the reader knows nothing older can come (see
 * {@link CollectionMaterializer}): what was served stays before whatever is added later.
 */
final class DateAddedSequence {

    private final int residue;
    private final int stride;
    private long next;

    DateAddedSequence(int partition, int partitions, long next) {
        this.residue = partition % partitions;
        this.stride = partitions;
        this.next = next;
    }

    /** The first date of an alert's objects; each further object adds {@link #stride()}. */
    long take(long timestampMillis, int objects) {
        long base = Math.max(align(Math.multiplyExact(timestampMillis, 1000L)), next);
        next = base + (long) objects * stride;
        return base;
    }

    /** No date below {@code micros} from now on. */
    void atLeast(long micros) {
        next = Math.max(next, align(micros));
    }

    /** The lowest date this partition can still hand out. */
    long next() {
        return next;
    }

    int stride() {
        return stride;
    }

    private long align(long micros) {
        return micros + Math.floorMod(residue - micros, stride);
    }
}
