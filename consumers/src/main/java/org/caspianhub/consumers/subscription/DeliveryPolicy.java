package org.caspianhub.consumers.subscription;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard and how fast a subscription delivers.
 *
 * @param maxAttempts    attempts per alert before it goes to the dead-letter topic (1 = no retry)
 * @param initialBackoff the wait before the second attempt; it doubles with each further attempt
 * @param maxBackoff     the longest wait between two attempts
 * @param timeout        how long one attempt may take (connect plus response)
 * @param maxInFlight    alerts of this subscription being delivered at once; 1 keeps partition order
 * @param maxRetryAfter  the longest Retry-After the hub will wait for; a receiver asking for more
 *                       gets the alert dead-lettered rather than sent earlier than it asked
 * @param startFrom      where a new subscription starts reading: {@code earliest} (every retained
 *                       alert) or {@code latest} (only alerts from now on)
 */
public record DeliveryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration timeout,
                             int maxInFlight, Duration maxRetryAfter, String startFrom) {

    public DeliveryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 100, got " + maxAttempts);
        }
        if (maxInFlight < 1 || maxInFlight > 4096) {
            throw new IllegalArgumentException("maxInFlight must be between 1 and 4096, got " + maxInFlight);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initialBackoff <= maxBackoff, got "
                    + initialBackoff + " and " + maxBackoff);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (!"earliest".equals(startFrom) && !"latest".equals(startFrom)) {
            throw new IllegalArgumentException("startFrom must be earliest or latest, got '" + startFrom + "'");
        }
    }

    public DeliveryPolicy withMaxAttempts(int attempts) {
        return new DeliveryPolicy(attempts, initialBackoff, maxBackoff, timeout, maxInFlight, maxRetryAfter, startFrom);
    }

    public DeliveryPolicy withBackoff(Duration initial, Duration max) {
        return new DeliveryPolicy(maxAttempts, initial, max, timeout, maxInFlight, maxRetryAfter, startFrom);
    }

    public DeliveryPolicy withTimeout(Duration attemptTimeout) {
        return new DeliveryPolicy(maxAttempts, initialBackoff, maxBackoff, attemptTimeout, maxInFlight, maxRetryAfter, startFrom);
    }

    public DeliveryPolicy withMaxInFlight(int inFlight) {
        return new DeliveryPolicy(maxAttempts, initialBackoff, maxBackoff, timeout, inFlight, maxRetryAfter, startFrom);
    }

    public DeliveryPolicy withStartFrom(String where) {
        return new DeliveryPolicy(maxAttempts, initialBackoff, maxBackoff, timeout, maxInFlight, maxRetryAfter, where);
    }
}
