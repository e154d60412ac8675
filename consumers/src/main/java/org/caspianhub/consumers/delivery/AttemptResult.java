package org.caspianhub.consumers.delivery;

import java.time.Duration;

/** What one delivery attempt came to, as the retry policy needs to know it. */
public sealed interface AttemptResult permits AttemptResult.Delivered, AttemptResult.Retryable, AttemptResult.Refused {

    /** The destination took it (HTTP 2xx, a syslog frame written). */
    record Delivered(Integer status) implements AttemptResult {
    }

    /**
     * Worth another attempt: 5xx, 408, 429, a timeout or a connection failure.
     *
     * @param retryAfter what the receiver asked for (Retry-After), or null to use the backoff
     */
    record Retryable(String error, Integer status, Duration retryAfter) implements AttemptResult {
    }

    /** Another attempt would get the same answer: a 4xx other than 408 and 429, a redirect. */
    record Refused(String error, Integer status) implements AttemptResult {
    }
}
