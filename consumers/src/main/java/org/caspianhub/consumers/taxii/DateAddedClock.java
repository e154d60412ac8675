package org.caspianhub.consumers.taxii;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.caspianhub.consumers.alert.Timestamps;

/**
 * Hands out TAXII date_added values: wall-clock microseconds, strictly increasing across every
 * task of the TAXII server. Strictly increasing matters: a client pages with {@code added_after}
 * set to the last date it saw, and an object added later must never get a date at or before
 * one already served. (Record timestamps would not do: the topology stamps an alert with the
 * time of the submission that caused it, which can be older than alerts already served.)
 */
final class DateAddedClock {

    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    DateAddedClock(Clock clock) {
        this.clock = clock;
    }

    long next() {
        long now = Timestamps.toMicros(clock.instant());
        return last.updateAndGet(previous -> Math.max(previous + 1, now));
    }

    /** Never hand out a date at or before one already stored (a clock set back, a restart). */
    void atLeast(long micros) {
        last.accumulateAndGet(micros, Math::max);
    }
}
