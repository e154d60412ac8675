package org.caspianhub.consumers.delivery;

import java.util.concurrent.CompletableFuture;

/** One alert rendered for one destination (body, signature key, frame), ready to be attempted as often as needed. */
@FunctionalInterface
public interface PreparedDelivery {

    /**
     * Makes attempt number {@code attempt} (1 for the first). The future never completes
     * exceptionally for a destination's failure: that is a {@link AttemptResult.Retryable} or
     * {@link AttemptResult.Refused}.
     */
    CompletableFuture<AttemptResult> attempt(int attempt);
}
