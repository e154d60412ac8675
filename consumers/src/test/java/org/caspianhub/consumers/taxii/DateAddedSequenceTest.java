package org.caspianhub.consumers.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * date_added from the log: within a collection no two objects share a date, and along one
 * partition dates only rise, whatever the timestamps (equal, going back) and however the
 * partitions interleave; and a bound, once set, holds for everything after it.
 */
class DateAddedSequenceTest {

    /** One alert: its partition, its record timestamp (ms), how many objects it yields. */
    record Appended(int partition, long timestamp, int objects) {
    }

    @Property
    void datesAreUniqueInACollectionAndRiseAlongEachPartition(@ForAll @IntRange(min = 1, max = 7) int partitions,
                                                               @ForAll("logs") List<Appended> log) {
        List<DateAddedSequence> sequences = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            sequences.add(new DateAddedSequence(p, partitions, 0));
        }
        Set<Long> dates = new HashSet<>();
        long[] last = new long[partitions];
        boolean[] any = new boolean[partitions];
        for (Appended alert : log) {
            int p = alert.partition() % partitions;
            DateAddedSequence sequence = sequences.get(p);
            long base = sequence.take(alert.timestamp(), alert.objects());
            assertThat(base).isGreaterThanOrEqualTo(alert.timestamp() * 1000).isGreaterThan(any[p] ? last[p] : -1);
            for (int i = 0; i < alert.objects(); i++) {
                long date = base + (long) i * sequence.stride();
                assertThat(dates.add(date)).as("date %d handed out twice", date).isTrue();
                last[p] = date;
                any[p] = true;
            }
            if (any[p]) {
                assertThat(sequence.next()).isGreaterThan(last[p]);
            }
        }
    }

    @Property
    void nothingComesBelowABoundOnceSet(@ForAll("logs") List<Appended> log, @ForAll @IntRange(min = 0, max = 2000) int boundMillis) {
        DateAddedSequence sequence = new DateAddedSequence(1, 3, 0);
        sequence.atLeast(boundMillis * 1000L);
        for (Appended alert : log) {
            assertThat(sequence.take(alert.timestamp(), alert.objects())).isGreaterThanOrEqualTo(boundMillis * 1000L);
        }
    }

    @Example
    void aBatchStampedWithOneMillisecondSpillsIntoTheNextWithoutCollisions() {
        DateAddedSequence zero = new DateAddedSequence(0, 2, 0);
        DateAddedSequence one = new DateAddedSequence(1, 2, 0);
        assertThat(zero.take(5, 600)).isEqualTo(5000);
        assertThat(zero.take(5, 1)).isEqualTo(6200); // 600 objects, two partitions: 1,200 microseconds
        assertThat(one.take(5, 1)).isEqualTo(5001);
        assertThat(one.take(4, 1)).isEqualTo(5003); // a timestamp going back does not lower the date
    }

    @Provide
    Arbitrary<List<Appended>> logs() {
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.longs().between(0, 50),
                Arbitraries.integers().between(0, 6)).as(Appended::new).list().ofMaxSize(60);
    }
}
