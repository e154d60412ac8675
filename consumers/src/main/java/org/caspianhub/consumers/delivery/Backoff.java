package org.caspianhub.consumers.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the wait before attempt {@code n} is drawn uniformly from the
 * upper half of {@code min(max, initial * 2^(n-2))}. The jitter spreads the retries of many
 * alerts failing at once (a receiver coming back up is not hit by all of them in the same
 * millisecond) while the lower bound keeps the backoff growing.
 */
public record Backoff(Duration initial, Duration max) {

    /** The wait before attempt {@code nextAttempt} (2 for the first retry). */
    public Duration before(int nextAttempt, RandomGenerator random) {
        long ceiling = ceilingMillis(nextAttempt);
        if (ceiling <= 1) {
            return Duration.ofMillis(ceiling);
        }
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }

    /** The longest wait before attempt {@code nextAttempt}, before jitter. */
    public long ceilingMillis(int nextAttempt) {
        int doublings = Math.max(0, nextAttempt - 2);
        long initialMillis = initial.toMillis();
        long maxMillis = max.toMillis();
        if (initialMillis <= 0) {
            return 0;
        }
        if (doublings >= 62 || initialMillis > (maxMillis >> Math.min(doublings, 62))) {
            return maxMillis;
        }
        return Math.min(maxMillis, initialMillis << doublings);
    }
}
