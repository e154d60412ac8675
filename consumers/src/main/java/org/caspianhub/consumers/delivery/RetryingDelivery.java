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
 * Attempts a prepared delivery until it is delivered, refused, or out of time (the policy's
 * maximum age since the first attempt, and optionally out of attempts), waiting between attempts
 * as the {@link Backoff} (or the receiver's Retry-After, which is not counted as a failure) says. Waiting happens
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
        attempt(delivery, 1, 0, clock.instant(), outcome);
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

    private void attempt(PreparedDelivery delivery, int attempt, int failures, Instant firstAttemptAt,
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
                decide(delivery, attempt, failures, firstAttemptAt, outcome, res);
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

    /**
     * The budget is time: an alert is retried until {@code maxAge} after its first attempt (and, if the
     * subscription limits them, until {@code maxAttempts} failures). A Retry-After the receiver sends is
     * waited out and not counted as a failure, as long as the wait ends within the maximum age.
     */
    private void decide(PreparedDelivery delivery, int attempt, int failures, Instant firstAttemptAt,
                        CompletableFuture<DeliveryOutcome> outcome, AttemptResult result) {
        if (result instanceof AttemptResult.Delivered) {
            outcome.complete(new DeliveryOutcome.Delivered(attempt, firstAttemptAt));
        } else if (result instanceof AttemptResult.Refused r) {
            outcome.complete(new DeliveryOutcome.Failed(attempt, r.error(), r.status(), firstAttemptAt, clock.instant()));
        } else if (result instanceof AttemptResult.Retryable r) {
            Instant now = clock.instant();
            Duration left = Duration.between(now, firstAttemptAt.plus(policy.maxAge()));
            if (r.retryAfter() != null) {
                if (r.retryAfter().compareTo(policy.maxRetryAfter()) > 0) {
                    fail(outcome, attempt, r, firstAttemptAt, "; the receiver asked to retry after " + r.retryAfter().toSeconds()
                            + "s, beyond the limit of " + policy.maxRetryAfter().toSeconds() + "s");
                } else if (r.retryAfter().compareTo(left) > 0) {
                    fail(outcome, attempt, r, firstAttemptAt, "; the receiver asked to retry after " + r.retryAfter().toSeconds()
                            + "s, beyond the maximum age of " + human(policy.maxAge()) + " (after " + plural(attempt) + ")");
                } else if (stopping) {
                    outcome.complete(new DeliveryOutcome.Abandoned(attempt));
                } else {
                    // waited out, not a failure: a rate limit must not use up the alert's attempts
                    scheduleRetry(delivery, attempt, failures, firstAttemptAt, outcome, r.retryAfter());
                }
                return;
            }
            int failed = failures + 1;
            if (policy.attemptsExhausted(failed)) {
                fail(outcome, attempt, r, firstAttemptAt, " (after " + plural(attempt) + ")");
            } else if (left.isNegative() || left.isZero()) {
                fail(outcome, attempt, r, firstAttemptAt, " (after " + plural(attempt) + " over "
                        + human(Duration.between(firstAttemptAt, now)) + ": the maximum age of " + human(policy.maxAge()) + " is reached)");
            } else if (stopping) {
                outcome.complete(new DeliveryOutcome.Abandoned(attempt));
            } else {
                Duration wait = backoff.before(failed + 1, ThreadLocalRandom.current());
                // the last attempt is made when the maximum age is reached, not a whole backoff later
                scheduleRetry(delivery, attempt, failed, firstAttemptAt, outcome, wait.compareTo(left) > 0 ? left : wait);
            }
        }
    }

    private void fail(CompletableFuture<DeliveryOutcome> outcome, int attempt, AttemptResult.Retryable r, Instant firstAttemptAt,
                      String why) {
        outcome.complete(new DeliveryOutcome.Failed(attempt, r.error() + why, r.status(), firstAttemptAt, clock.instant()));
    }

    private static String plural(int attempts) {
        return attempts == 1 ? "1 attempt" : attempts + " attempts";
    }

    /** {@code 24h}, {@code 1h30m}, {@code 2.5s}: a duration as the settings write it. */
    static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    private void scheduleRetry(PreparedDelivery delivery, int attempt, int failures, Instant firstAttemptAt,
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
                    attempt(delivery, attempt + 1, failures, firstAttemptAt, outcome);
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
