package org.caspianhub.consumers.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.caspianhub.consumers.subscription.DeliveryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryingDeliveryTest {

    private static final DeliveryPolicy POLICY = new DeliveryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(80),
            Duration.ofSeconds(1), 8, Duration.ofSeconds(2), "earliest", Duration.ofMinutes(1));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<AttemptResult> attempts = new CopyOnWriteArrayList<>();
    private final RetryingDelivery retrying = new RetryingDelivery(POLICY, scheduler, attempts::add, Clock.systemUTC());

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** Answers from the list in turn; records when each attempt was made. */
    private static final class Scripted implements PreparedDelivery {
        final List<AttemptResult> answers;
        final List<Long> times = new CopyOnWriteArrayList<>();

        Scripted(AttemptResult... answers) {
            this.answers = new ArrayList<>(List.of(answers));
        }

        @Override
        public CompletableFuture<AttemptResult> attempt(int attempt) {
            times.add(System.nanoTime());
            return CompletableFuture.completedFuture(answers.get(Math.min(attempt, answers.size()) - 1));
        }
    }

    private static AttemptResult.Retryable serverError() {
        return new AttemptResult.Retryable("HTTP 503", 503, null);
    }

    @Test
    void retriesUntilDelivered() throws Exception {
        Scripted delivery = new Scripted(serverError(), serverError(), new AttemptResult.Delivered(200));
        DeliveryOutcome outcome = retrying.deliver(delivery).get(5, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(((DeliveryOutcome.Delivered) outcome).attempts()).isEqualTo(3);
        assertThat(attempts).hasSize(3);
        // waits: at least half the ceiling (20 ms, then 40 ms)
        assertThat(delivery.times.get(1) - delivery.times.get(0)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(10));
        assertThat(delivery.times.get(2) - delivery.times.get(1)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheLastError() throws Exception {
        DeliveryOutcome outcome = retrying.deliver(new Scripted(serverError())).get(5, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Failed.class);
        DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) outcome;
        assertThat(failed.attempts()).isEqualTo(4);
        assertThat(failed.lastStatus()).isEqualTo(503);
        assertThat(failed.lastError()).isEqualTo("HTTP 503 (after 4 attempts)");
    }

    @Test
    void aRefusalIsNotRetried() throws Exception {
        DeliveryOutcome outcome = retrying.deliver(new Scripted(new AttemptResult.Refused("HTTP 400", 400))).get(5, TimeUnit.SECONDS);
        assertThat(((DeliveryOutcome.Failed) outcome).attempts()).isEqualTo(1);
        assertThat(attempts).hasSize(1);
    }

    @Test
    void retryAfterIsWaitedForExactlyAndTooLongARetryAfterDeadLetters() throws Exception {
        Scripted delivery = new Scripted(new AttemptResult.Retryable("HTTP 429", 429, Duration.ofMillis(300)),
                new AttemptResult.Delivered(200));
        retrying.deliver(delivery).get(5, TimeUnit.SECONDS);
        assertThat(delivery.times.get(1) - delivery.times.get(0)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));

        DeliveryOutcome tooLong = retrying.deliver(new Scripted(new AttemptResult.Retryable("HTTP 429", 429, Duration.ofHours(1))))
                .get(5, TimeUnit.SECONDS);
        assertThat(((DeliveryOutcome.Failed) tooLong).lastError()).contains("asked to retry after 3600s, beyond the limit of 2s");
    }

    @Test
    void stoppingAbandonsAlertsWaitingForTheirNextAttempt() throws Exception {
        RetryingDelivery slow = new RetryingDelivery(POLICY.withBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1)),
                scheduler, attempts::add, Clock.systemUTC());
        CompletableFuture<DeliveryOutcome> outcome = slow.deliver(new Scripted(serverError()));
        Thread.sleep(50);
        assertThat(outcome).isNotDone();
        slow.stop();
        assertThat(outcome.get(1, TimeUnit.SECONDS)).isEqualTo(new DeliveryOutcome.Abandoned(1));
    }

    @Test
    void anAttemptThatThrowsCountsAsRetryable() throws Exception {
        PreparedDelivery broken = attempt -> {
            if (attempt == 1) {
                throw new IllegalStateException("boom");
            }
            return CompletableFuture.completedFuture(new AttemptResult.Delivered(200));
        };
        assertThat(retrying.deliver(broken).get(5, TimeUnit.SECONDS)).isInstanceOf(DeliveryOutcome.Delivered.class);
    }

    @Test
    void anAttemptWithNoResultOrOneThatNeverEndsIsARetryableFailure() throws Exception {
        PreparedDelivery noResult = attempt -> attempt == 1 ? null : CompletableFuture.completedFuture(new AttemptResult.Delivered(200));
        DeliveryOutcome delivered = retrying.deliver(noResult).get(5, TimeUnit.SECONDS);
        assertThat(((DeliveryOutcome.Delivered) delivered).attempts()).isEqualTo(2);
        assertThat(attempts.get(0)).isEqualTo(new AttemptResult.Retryable("IllegalStateException: the sender returned no result",
                null, null));

        // a sender that never completes its future: after twice the attempt timeout the attempt counts as failed
        RetryingDelivery quick = new RetryingDelivery(POLICY.withTimeout(Duration.ofMillis(100)).withMaxAttempts(2), scheduler,
                attempts::add, Clock.systemUTC());
        DeliveryOutcome outcome = quick.deliver(attempt -> new CompletableFuture<>()).get(5, TimeUnit.SECONDS);
        assertThat(((DeliveryOutcome.Failed) outcome).lastError()).isEqualTo("the sender gave no result within 200 ms (after 2 attempts)");
    }

    @Test
    void aFailingAttemptListenerDoesNotStopTheDelivery() throws Exception {
        RetryingDelivery withBrokenMetrics = new RetryingDelivery(POLICY, scheduler, result -> {
            throw new IllegalStateException("meter registry closed");
        }, Clock.systemUTC());
        DeliveryOutcome outcome = withBrokenMetrics.deliver(new Scripted(serverError(), new AttemptResult.Delivered(200)))
                .get(5, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
    }

    @Test
    void aRetryTheSchedulerRefusesEndsTheOutcomeExceptionallyInsteadOfLeavingItOpen() {
        scheduler.shutdownNow();
        CompletableFuture<DeliveryOutcome> outcome = retrying.deliver(new Scripted(serverError()));
        assertThat(outcome).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    /** A clock that stands still until an attempt moves it on: the age of a delivery without waiting for it. */
    private static final class SteppedClock extends Clock {
        private volatile java.time.Instant now = java.time.Instant.parse("2026-03-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void withoutAnAttemptLimitAnAlertIsRetriedFarBeyondTheOldBudgetOfEightAttempts() throws Exception {
        DeliveryPolicy unlimited = POLICY.withMaxAttempts(DeliveryPolicy.NO_ATTEMPT_LIMIT).withBackoff(Duration.ZERO, Duration.ZERO);
        RetryingDelivery patient = new RetryingDelivery(unlimited, scheduler, attempts::add, Clock.systemUTC());
        AttemptResult[] answers = new AttemptResult[151];
        java.util.Arrays.fill(answers, serverError());
        answers[150] = new AttemptResult.Delivered(200);
        DeliveryOutcome outcome = patient.deliver(new Scripted(answers)).get(10, TimeUnit.SECONDS);
        assertThat(outcome).isEqualTo(new DeliveryOutcome.Delivered(151, ((DeliveryOutcome.Delivered) outcome).firstAttemptAt()));
    }

    @Test
    void theMaximumAgeSinceTheFirstAttemptEndsTheRetryingWithTheReason() throws Exception {
        SteppedClock clock = new SteppedClock();
        DeliveryPolicy hour = POLICY.withMaxAttempts(DeliveryPolicy.NO_ATTEMPT_LIMIT).withMaxAge(Duration.ofHours(1));
        RetryingDelivery aged = new RetryingDelivery(hour, scheduler, attempts::add, clock);
        // every attempt takes ten minutes of the hour
        PreparedDelivery slowFailure = attempt -> {
            clock.advance(Duration.ofMinutes(10));
            return CompletableFuture.completedFuture(serverError());
        };
        DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) aged.deliver(slowFailure).get(10, TimeUnit.SECONDS);
        assertThat(failed.attempts()).isEqualTo(6);
        assertThat(failed.lastError()).isEqualTo("HTTP 503 (after 6 attempts over 1h: the maximum age of 1h is reached)");
        assertThat(Duration.between(failed.firstAttemptAt(), failed.failedAt())).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aRetryAfterIsWaitedOutWithoutUsingUpTheAttempts() throws Exception {
        AttemptResult.Retryable rateLimited = new AttemptResult.Retryable("HTTP 429", 429, Duration.ofMillis(5));
        AttemptResult.Retryable maintenance = new AttemptResult.Retryable("HTTP 503", 503, Duration.ofMillis(5));
        // POLICY allows 4 failed attempts: six throttled answers and one failure do not use them up
        Scripted delivery = new Scripted(rateLimited, maintenance, rateLimited, serverError(), maintenance, rateLimited,
                rateLimited, new AttemptResult.Delivered(200));
        DeliveryOutcome outcome = retrying.deliver(delivery).get(10, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(((DeliveryOutcome.Delivered) outcome).attempts()).isEqualTo(8);
    }

    @Test
    void aRetryAfterBeyondTheMaximumAgeDeadLettersRatherThanCallingEarlierThanAsked() throws Exception {
        SteppedClock clock = new SteppedClock();
        DeliveryPolicy hour = POLICY.withMaxAge(Duration.ofHours(1)).withMaxRetryAfter(Duration.ofHours(3));
        RetryingDelivery aged = new RetryingDelivery(hour, scheduler, attempts::add, clock);
        PreparedDelivery throttled = attempt -> {
            clock.advance(Duration.ofMinutes(40));
            return CompletableFuture.completedFuture(new AttemptResult.Retryable("HTTP 429", 429, Duration.ofMinutes(30)));
        };
        DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) aged.deliver(throttled).get(10, TimeUnit.SECONDS);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("HTTP 429; the receiver asked to retry after 1800s, beyond the maximum age of 1h"
                + " (after 1 attempt)");
    }

    @Test
    void theDefaultBudgetIsADayOfRetriesWithNoAttemptLimit() {
        org.caspianhub.consumers.dispatch.DispatcherSettings defaults = org.caspianhub.consumers.dispatch.DispatcherSettings.from(
                org.caspianhub.runtime.Settings.of(java.util.Map.of()));
        assertThat(defaults.defaults().maxAge()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.defaults().maxAttempts()).isEqualTo(DeliveryPolicy.NO_ATTEMPT_LIMIT);
        assertThat(defaults.defaults().maxRetryAfter()).isEqualTo(Duration.ofHours(24));
    }
}
