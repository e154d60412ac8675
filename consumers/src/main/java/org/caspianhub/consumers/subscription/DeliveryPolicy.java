package org.caspianhub.consumers.subscription;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard and how fast a subscription delivers.
 *
 * @param maxAttempts    failed attempts per alert before it goes to the dead-letter topic (1 = no retry,
 *                       {@value #NO_ATTEMPT_LIMIT} = no limit: only {@code maxAge} ends the retrying).
 *                       An attempt answered with a Retry-After that the hub waits out is not counted
 * @param initialBackoff the wait before the second attempt; it doubles with each further attempt
 * @param maxBackoff     the longest wait between two attempts
 * @param timeout        how long one attempt may take (connect plus response)
 * @param maxInFlight    alerts of this subscription being delivered at once; 1 keeps partition order
 * @param maxRetryAfter  the longest Retry-After the hub will wait for; a receiver asking for more
 *                       gets the alert dead-lettered rather than sent earlier than it asked
 * @param startFrom      where a new subscription starts reading: {@code earliest} (every retained
 *                       alert) or {@code latest} (only alerts from now on)
 * @param maxAge         the retry budget in time: how long after its first attempt an alert is still
 *                       retried; after that it goes to the dead-letter topic
 */
public record DeliveryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration timeout,
                             int maxInFlight, Duration maxRetryAfter, String startFrom, Duration maxAge) {

    /** {@code maxAttempts} meaning "no limit on attempts": the maximum age alone ends the retrying. */
    public static final int NO_ATTEMPT_LIMIT = 0;

    public DeliveryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAttempts < 0 || maxAttempts > 100_000) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 100000, or 0 for no limit, got " + maxAttempts);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, got " + maxAge);
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
        return new DeliveryPolicy(attempts, initialBackoff, maxBackoff, timeout, maxInFlight, maxRetryAfter, startFrom, maxAge);
    }

    public DeliveryPolicy withBackoff(Duration initial, Duration max) {
        return new DeliveryPolicy(maxAttempts, initial, max, timeout, maxInFlight, maxRetryAfter, startFrom, maxAge);
    }

    public DeliveryPolicy withTimeout(Duration attemptTimeout) {
        return new DeliveryPolicy(maxAttempts, initialBackoff, maxBackoff, attemptTimeout, maxInFlight, maxRetryAfter, startFrom, maxAge);
    }

    public DeliveryPolicy withMaxInFlight(int inFlight) {
        return new DeliveryPolicy(maxAttempts, initialBackoff, maxBackoff, timeout, inFlight, maxRetryAfter, startFrom, maxAge);
    }

    public DeliveryPolicy withMaxAge(Duration age) {
        return new DeliveryPolicy(maxAttempts, initialBackoff, maxBackoff, timeout, maxInFlight, maxRetryAfter, startFrom, age);
    }

    public DeliveryPolicy withMaxRetryAfter(Duration longest) {
        return new DeliveryPolicy(maxAttempts, initialBackoff, maxBackoff, timeout, maxInFlight, longest, startFrom, maxAge);
    }

    /** Whether {@code failedAttempts} failures (Retry-After waits not counted) use up the attempts, if they are limited. */
    public boolean attemptsExhausted(int failedAttempts) {
        return maxAttempts != NO_ATTEMPT_LIMIT && failedAttempts >= maxAttempts;
    }

    public DeliveryPolicy withStartFrom(String where) {
        return new DeliveryPolicy(maxAttempts, initialBackoff, maxBackoff, timeout, maxInFlight, maxRetryAfter, where, maxAge);
    }
}
