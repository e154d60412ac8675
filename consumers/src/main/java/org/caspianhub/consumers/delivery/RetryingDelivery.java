package org.caspianhub.consumers.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.caspianhub.consumers.subscription.DeliveryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attempts a prepared delivery until it is delivered, refused, or out of attempts, waiting
 * between attempts as the {@link Backoff} (or the receiver's Retry-After) says. Waiting happens
 * on a scheduler, not on a thread per alert, so thousands of alerts can be waiting at once.
 *
 * <p>The outcome always completes. An attempt that breaks the sender's contract (throws, returns
 * no result, fails its future, or gives no result within twice the attempt timeout) is a
 * retryable failure like any other, so the alert is retried and, after the last attempt,
 * dead-lettered. Only when the retrying itself fails (the scheduler refuses a retry) does the
 * outcome complete exceptionally, for the caller to settle the alert some other way.
 */
public final class RetryingDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingDelivery.class);

    private final DeliveryPolicy policy;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final Consumer<AttemptResult> attemptListener;
    private final Clock clock;
    private final Map<CompletableFuture<DeliveryOutcome>, Waiting> waiting = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    private record Waiting(ScheduledFuture<?> retry, int attemptsMade) {
    }

    /**
     * @param attemptListener told of every attempt's result (for metrics)
     */
    public RetryingDelivery(DeliveryPolicy policy, ScheduledExecutorService scheduler,
                            Consumer<AttemptResult> attemptListener, Clock clock) {
        this.policy = policy;
        this.backoff = new Backoff(policy.initialBackoff(), policy.maxBackoff());
        this.scheduler = scheduler;
        this.attemptListener = attemptListener;
        this.clock = clock;
    }

    /** Never throws: whatever goes wrong ends in the returned outcome. */
    public CompletableFuture<DeliveryOutcome> deliver(PreparedDelivery delivery) {
        CompletableFuture<DeliveryOutcome> outcome = new CompletableFuture<>();
        attempt(delivery, 1, clock.instant(), outcome);
        return outcome;
    }

    /** Stops retrying: every alert waiting for its next attempt ends {@link DeliveryOutcome.Abandoned} at once. */
    public void stop() {
        stopping = true;
        waiting.forEach((outcome, wait) -> {
            if (wait.retry().cancel(false)) {
                waiting.remove(outcome);
                outcome.complete(new DeliveryOutcome.Abandoned(wait.attemptsMade()));
            }
        });
    }

    private void attempt(PreparedDelivery delivery, int attempt, Instant firstAttemptAt,
                         CompletableFuture<DeliveryOutcome> outcome) {
        CompletableFuture<AttemptResult> result;
        try {
            result = delivery.attempt(attempt);
            if (result == null) {
                throw new IllegalStateException("the sender returned no result");
            }
            // each sender enforces the timeout itself; twice that is the last guard against one that never answers
            result = result.orTimeout(noResultAfter().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            result = CompletableFuture.completedFuture(new AttemptResult.Retryable(describe(e), null, null));
        }
        result.whenComplete((r, error) -> {
            try {
                AttemptResult res = error != null ? new AttemptResult.Retryable(attemptError(error), null, null)
                        : r != null ? r : new AttemptResult.Retryable("the sender completed the attempt without a result", null, null);
                notifyListener(res);
                decide(delivery, attempt, firstAttemptAt, outcome, res);
            } catch (RuntimeException e) {
                // never leave the outcome open: the alert's offset could not be committed until a restart
                outcome.completeExceptionally(e);
            }
        });
    }

    private String attemptError(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return "the sender gave no result within " + noResultAfter().toMillis() + " ms";
        }
        return describe(error);
    }

    private Duration noResultAfter() {
        return policy.timeout().multipliedBy(2);
    }

    private void notifyListener(AttemptResult result) {
        try {
            attemptListener.accept(result);
        } catch (RuntimeException e) {
            LOG.warn("recording a delivery attempt failed (the delivery goes on): {}", e.toString());
        }
    }

    private void decide(PreparedDelivery delivery, int attempt, Instant firstAttemptAt,
                        CompletableFuture<DeliveryOutcome> outcome, AttemptResult result) {
        if (result instanceof AttemptResult.Delivered) {
            outcome.complete(new DeliveryOutcome.Delivered(attempt, firstAttemptAt));
        } else if (result instanceof AttemptResult.Refused r) {
            outcome.complete(new DeliveryOutcome.Failed(attempt, r.error(), r.status(), firstAttemptAt, clock.instant()));
        } else if (result instanceof AttemptResult.Retryable r) {
            if (attempt >= policy.maxAttempts()) {
                outcome.complete(new DeliveryOutcome.Failed(attempt, r.error() + " (after " + attempt
                        + (attempt == 1 ? " attempt)" : " attempts)"), r.status(), firstAttemptAt, clock.instant()));
            } else if (r.retryAfter() != null && r.retryAfter().compareTo(policy.maxRetryAfter()) > 0) {
                outcome.complete(new DeliveryOutcome.Failed(attempt, r.error() + "; the receiver asked to retry after "
                        + r.retryAfter().toSeconds() + "s, beyond the limit of " + policy.maxRetryAfter().toSeconds() + "s",
                        r.status(), firstAttemptAt, clock.instant()));
            } else if (stopping) {
                outcome.complete(new DeliveryOutcome.Abandoned(attempt));
            } else {
                Duration wait = r.retryAfter() != null ? r.retryAfter() : backoff.before(attempt + 1, ThreadLocalRandom.current());
                scheduleRetry(delivery, attempt, firstAttemptAt, outcome, wait);
            }
        }
    }

    private void scheduleRetry(PreparedDelivery delivery, int attempt, Instant firstAttemptAt,
                               CompletableFuture<DeliveryOutcome> outcome, Duration wait) {
        // registered before it can run, so stop() always finds a waiting retry
        synchronized (outcome) {
            ScheduledFuture<?> retry = scheduler.schedule(() -> {
                synchronized (outcome) {
                    waiting.remove(outcome);
                }
                if (stopping) {
                    outcome.complete(new DeliveryOutcome.Abandoned(attempt));
                } else {
                    attempt(delivery, attempt + 1, firstAttemptAt, outcome);
                }
            }, Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
            waiting.put(outcome, new Waiting(retry, attempt));
        }
    }

    static String describe(Throwable error) {
        Throwable e = error;
        while ((e instanceof java.util.concurrent.CompletionException || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
