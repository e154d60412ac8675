package org.caspianhub.consumers.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.topics.TypedTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one subscription's alerts: its own consumer group on the party's alert topic, its own
 * thread, its own delivery slots. A slow or dead destination therefore only ever holds up its
 * own subscription.
 *
 * <p>Up to {@code maxInFlight} alerts are delivered at once; a finished delivery starts the next
 * waiting alert itself, so throughput does not wait for the next poll. Offsets are committed
 * through the {@link OffsetLedger}: only up to the lowest alert not yet delivered or
 * dead-lettered. When more alerts wait than slots exist, the partitions are paused (the consumer
 * keeps polling, so it stays in its group) until the backlog drains.
 *
 * <p>A subscription is <em>stalled</em> when alerts wait or are in flight and none has been
 * delivered (or skipped by its filter) for {@code stallAfter}: its receiver is down, slow, not
 * reading, or refusing everything. Dead-lettering is not progress: a subscription that only
 * dead-letters is stalled too. It is <em>dead-lettering</em> from the moment it dead-letters an
 * alert until it next delivers one. The worker keeps trying; the dispatcher shows both on
 * /health, /subscriptions and the {@code caspian.delivery.stalled} gauge.
 */
public final class SubscriptionWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionWorker.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration DEAD_LETTER_RETRY = Duration.ofSeconds(5);

    /** What health reports for a worker. */
    public enum State { STARTING, RUNNING, STOPPED, FAILED }

    private record Job(TopicPartition partition, long offset, Alert alert) {
    }

    private final Subscription subscription;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<Alert> alerts;
    private final AlertSender sender;
    private final RetryingDelivery retrying;
    private final DeadLetterWriter deadLetters;
    private final DeliveryMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration shutdownGrace;
    private final String topic;
    private final OffsetLedger ledger = new OffsetLedger();
    private final ArrayDeque<Job> pending = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final int maxPending;
    private final long stallAfterNanos;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile State state = State.STARTING;
    private volatile String lastError;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile Instant lastFinishedAt;
    private volatile Instant lastDeadLetteredAt;
    private volatile boolean deadLettering;
    private boolean paused;

    /**
     * @param kafkaClientProperties bootstrap servers and the operator's overrides
     * @param groupId               this subscription's consumer group
     * @param alerts                the subscription's party's alert topic, with the serde its records are read with
     * @param scheduler             where retries wait (shared by the dispatcher's workers)
     * @param stallAfter            how long alerts may wait with none finishing before the subscription counts as stalled
     */
    public SubscriptionWorker(Subscription subscription, Map<String, Object> kafkaClientProperties, String groupId,
                              TypedTopic<String, Alert> alerts, AlertSender sender, DeadLetterWriter deadLetters,
                              DeliveryMetrics metrics, ScheduledExecutorService scheduler, Clock clock,
                              Duration shutdownGrace, Duration stallAfter) {
        this.subscription = subscription;
        this.alerts = alerts.valueSerde().deserializer();
        this.sender = sender;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.clock = clock;
        this.shutdownGrace = shutdownGrace;
        this.topic = alerts.name();
        this.stallAfterNanos = stallAfter.toNanos();
        this.retrying = new RetryingDelivery(subscription.policy(), scheduler, this::attempted, clock);
        this.maxPending = Math.max(500, subscription.policy().maxInFlight() * 2);
        Map<String, Object> props = new HashMap<>(kafkaClientProperties);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, subscription.policy().startFrom());
        // the topology writes alerts in transactions: never deliver one that was aborted
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        metrics.gauges(inFlight::get, this::pendingCount, () -> stalled() ? 1 : 0, () -> deadLettering ? 1 : 0);
        this.thread = new Thread(this::run, "deliver-" + subscription.id());
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public Subscription subscription() {
        return subscription;
    }

    public State state() {
        return state;
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Alerts wait or are in flight, and none has been delivered (or skipped) for longer than {@code stallAfter}. */
    public boolean stalled() {
        boolean busy = inFlight.get() > 0 || pendingCount() > 0;
        return busy && System.nanoTime() - lastProgressNanos > stallAfterNanos;
    }

    /** It dead-lettered an alert and has delivered none since: its receiver is not getting what it should. */
    public boolean deadLettering() {
        return deadLettering;
    }

    /** When this worker last wrote an alert to the dead-letter topic; empty before the first. */
    public Optional<Instant> lastDeadLetteredAt() {
        return Optional.ofNullable(lastDeadLetteredAt);
    }

    /** When this worker last finished an alert (delivered, dead-lettered or skipped); empty before the first. */
    public Optional<Instant> lastFinishedAt() {
        return Optional.ofNullable(lastFinishedAt);
    }

    /** Counts the attempt and keeps its error, so /subscriptions says why a subscription is not getting through. */
    private void attempted(AttemptResult result) {
        metrics.attempt(result);
        if (result instanceof AttemptResult.Retryable r) {
            lastError = r.error();
        } else if (result instanceof AttemptResult.Refused r) {
            lastError = r.error();
        }
    }

    private synchronized int pendingCount() {
        return pending.size();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            state = State.RUNNING;
            while (running) {
                try {
                    ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                    for (ConsumerRecord<String, byte[]> record : records) {
                        accept(record);
                    }
                    startWaiting();
                    pauseOrResume();
                    commitAsync();
                } catch (WakeupException e) {
                    // close() woke us up: the loop condition decides
                } catch (RuntimeException e) {
                    lastError = e.toString();
                    LOG.error("[{}] consuming {} failed; retrying in 1s", subscription.id(), topic, e);
                    sleep(Duration.ofSeconds(1));
                }
            }
            drain();
            state = State.STOPPED;
        } catch (RuntimeException | Error e) {
            // health reports it: a worker must never vanish while still looking RUNNING
            lastError = e.toString();
            state = State.FAILED;
            LOG.error("[{}] delivery stopped", subscription.id(), e);
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            try {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (RuntimeException e) {
                LOG.warn("[{}] closing the consumer: {}", subscription.id(), e.toString());
            }
        }
    }

    /** Tracks the record's offset, then skips it, or queues it for delivery. */
    private void accept(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        ledger.track(partition, record.offset());
        Alert alert;
        try {
            alert = alerts.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            // a poison pill must not stop delivery: log it, count it, move on (the alert topic keeps it for operators)
            metrics.undecodable();
            LOG.error("[{}] skipping undecodable record {}-{}@{}: {}", subscription.id(), record.topic(),
                    record.partition(), record.offset(), e.toString());
            completed(partition, record.offset());
            return;
        }
        if (alert == null) {
            completed(partition, record.offset());
            return;
        }
        if (!subscription.party().value().equals(alert.getRecipient())) {
            // never deliver what was meant for someone else, whatever topic it landed on
            metrics.misrouted();
            LOG.warn("[{}] alert {} on {} names recipient '{}': not delivered", subscription.id(),
                    alert.getAlertId(), topic, alert.getRecipient());
            completed(partition, record.offset());
            return;
        }
        if (!subscription.filter().matches(alert)) {
            metrics.filtered();
            completed(partition, record.offset());
            return;
        }
        synchronized (this) {
            if (pending.isEmpty() && inFlight.get() == 0) {
                lastProgressNanos = System.nanoTime(); // an idle subscription is not stalled the moment work arrives
            }
            pending.add(new Job(partition, record.offset(), alert));
        }
    }

    /** Starts waiting alerts while slots are free; called by the poll loop and by every finished delivery. */
    private void startWaiting() {
        while (true) {
            Job job;
            synchronized (this) {
                if (!running || pending.isEmpty() || inFlight.get() >= subscription.policy().maxInFlight()) {
                    return;
                }
                job = pending.poll();
                inFlight.incrementAndGet();
            }
            start(job);
        }
    }

    private void start(Job job) {
        Optional<PreparedDelivery> prepared;
        try {
            prepared = sender.prepare(job.alert());
        } catch (RuntimeException e) {
            LOG.error("[{}] cannot render alert {}", subscription.id(), job.alert().getAlertId(), e);
            deadLetter(job, new DeliveryOutcome.Failed(0, "the hub could not render the alert: " + e, null,
                    clock.instant(), clock.instant()));
            return;
        }
        if (prepared.isEmpty()) {
            metrics.unrepresentable();
            finish(job);
            return;
        }
        Instant started = clock.instant();
        CompletableFuture<DeliveryOutcome> outcome;
        try {
            outcome = retrying.deliver(prepared.get());
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((result, error) -> settle(job, result, error, started));
    }

    private void settle(Job job, DeliveryOutcome outcome, Throwable error, Instant started) {
        if (error != null) {
            unexpected(job, error, started);
        } else if (outcome instanceof DeliveryOutcome.Delivered) {
            // metrics first but never in the way: the offset and the slot must be released whatever they do
            quietly(() -> metrics.delivered(job.alert(), clock.instant()));
            deadLettering = false;
            finish(job);
        } else if (outcome instanceof DeliveryOutcome.Failed failed) {
            lastError = failed.lastError();
            LOG.warn("[{}] alert {} not delivered after {} attempt(s): {}; writing it to the dead-letter topic",
                    subscription.id(), job.alert().getAlertId(), failed.attempts(), failed.lastError());
            deadLetter(job, failed);
        } else {
            release(); // abandoned at shutdown: offset stays open, delivered again after restart
        }
    }

    /**
     * The delivery machinery itself failed (not the destination: those failures are retried by
     * {@link RetryingDelivery}). Running, the alert goes to the dead-letter topic with the reason, so
     * its offset can move on and an operator can replay it; stopping, its offset stays open and it
     * is delivered again after the restart.
     */
    private void unexpected(Job job, Throwable error, Instant started) {
        String reason = "the dispatcher failed while delivering it: " + RetryingDelivery.describe(error);
        lastError = reason;
        LOG.error("[{}] delivery of {} failed unexpectedly", subscription.id(), job.alert().getAlertId(), error);
        if (!running) {
            release();
            return;
        }
        deadLetter(job, new DeliveryOutcome.Failed(0, reason, null, started, clock.instant()));
    }

    private void deadLetter(Job job, DeliveryOutcome.Failed failed) {
        CompletableFuture<Void> written;
        try {
            written = deadLetters.write(subscription, job.alert(), failed);
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        written.whenComplete((ok, error) -> {
            if (error == null) {
                quietly(metrics::deadLettered);
                deadLettering = true;
                lastDeadLetteredAt = clock.instant();
                // finished, so its offset moves on, but not progress: a subscription that only dead-letters is stalled
                ledger.complete(job.partition(), job.offset());
                lastFinishedAt = clock.instant();
                release();
            } else if (running) {
                lastError = "dead-letter write failed: " + error;
                LOG.error("[{}] cannot write alert {} to the dead-letter topic; retrying in {}s", subscription.id(),
                        job.alert().getAlertId(), DEAD_LETTER_RETRY.toSeconds(), error);
                scheduler.schedule(() -> deadLetter(job, failed), DEAD_LETTER_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                release();
            }
        });
    }

    private void quietly(Runnable recording) {
        try {
            recording.run();
        } catch (RuntimeException e) {
            LOG.warn("[{}] recording a metric failed: {}", subscription.id(), e.toString());
        }
    }

    private void finish(Job job) {
        completed(job.partition(), job.offset());
        release();
    }

    private void completed(TopicPartition partition, long offset) {
        ledger.complete(partition, offset);
        lastProgressNanos = System.nanoTime();
        lastFinishedAt = clock.instant();
    }

    private void release() {
        inFlight.decrementAndGet();
        startWaiting();
    }

    private void pauseOrResume() {
        Set<TopicPartition> assignment = consumer.assignment();
        boolean backlog = pendingCount() >= maxPending;
        if (backlog && !paused) {
            consumer.pause(assignment);
            paused = true;
        } else if (!backlog && paused) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    private void commitAsync() {
        Map<TopicPartition, OffsetAndMetadata> offsets = ledger.committable();
        if (offsets.isEmpty()) {
            return;
        }
        consumer.commitAsync(offsets, (committed, error) -> {
            if (error == null) {
                ledger.committed(committed);
            } else {
                LOG.debug("[{}] commit failed (retried on the next poll): {}", subscription.id(), error.toString());
            }
        });
    }

    /** At shutdown: stop retrying, give in-flight attempts a grace period, commit what finished. */
    private void drain() {
        retrying.stop();
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = ledger.positions(consumer.assignment());
        if (!offsets.isEmpty()) {
            try {
                commitSync(offsets);
            } catch (RuntimeException e) {
                LOG.warn("[{}] final commit failed; uncommitted alerts will be delivered again: {}", subscription.id(), e.toString());
            }
        }
        if (inFlight.get() > 0) {
            LOG.info("[{}] stopped with {} alert(s) in flight; they will be delivered again after a restart",
                    subscription.id(), inFlight.get());
        }
    }

    /** A commit that a pending wake-up (from close) cannot interrupt. */
    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(5));
        } catch (WakeupException e) {
            consumer.commitSync(offsets, Duration.ofSeconds(5));
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            dropPending(partitions);
            Map<TopicPartition, OffsetAndMetadata> offsets = ledger.positions(partitions);
            if (!offsets.isEmpty()) {
                try {
                    commitSync(offsets);
                } catch (RuntimeException e) {
                    LOG.warn("[{}] commit on revocation failed: {}", subscription.id(), e.toString());
                }
            }
            ledger.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                consumer.pause(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            dropPending(partitions);
            ledger.forget(partitions);
        }

        private void dropPending(Collection<TopicPartition> partitions) {
            synchronized (SubscriptionWorker.this) {
                Iterator<Job> jobs = pending.iterator();
                while (jobs.hasNext()) {
                    if (partitions.contains(jobs.next().partition())) {
                        jobs.remove();
                    }
                }
            }
        }
    }

    /** Stops polling, abandons waiting retries, commits what was finished and closes. Idempotent. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(shutdownGrace.toMillis() + 15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.close();
        metrics.close();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // exposed for tests of ordered commits
    OffsetLedger ledger() {
        return ledger;
    }
}
