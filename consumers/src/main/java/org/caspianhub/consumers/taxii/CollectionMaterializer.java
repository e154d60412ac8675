package org.caspianhub.consumers.taxii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.alert.Timestamps;
import org.caspianhub.consumers.stix.StixMapper;
import org.caspianhub.parties.PartyId;
import org.caspianhub.topics.HubTopics;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the collection index up with every party's alert topic. One consumer, no group: it
 * assigns itself every partition, starts where the index says it stopped, and each TAXII replica
 * runs its own.
 *
 * <p>Objects enter a collection in date_added order, and a client polling with
 * {@code added_after} must never miss one, so an alert's objects are added only once no alert
 * that could still arrive would get an earlier date. Each partition's {@link DateAddedSequence}
 * knows the lowest date it can still hand out: past its last alert while the reader is behind,
 * and, once the reader has everything the broker has committed, the check's time less
 * CASPIAN_TAXII_SETTLE_TIME, since the broker stamps what it appends later with a later time
 * (the settle time covers clock skew and transactions still open). Alerts queue per partition and
 * are added, merged across partitions in date order, below the lowest of those bounds: the
 * collection lags the alert topic by about the settle time.
 */
final class CollectionMaterializer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionMaterializer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long END_CHECK_MILLIS = 200;
    private static final long PROGRESS_MILLIS = 5_000;
    private static final int PAUSE_ABOVE = 20_000;
    private static final int RESUME_BELOW = 2_000;
    private static final int RELEASE_BATCH = 5_000;

    private record Pending(long offset, long dateAdded, long nextBefore, String alertId, List<ObjectNode> objects) {
    }

    /** One partition of one party's alert topic. */
    private static final class PartitionState {
        final TopicPartition partition;
        final String party;
        final DateAddedSequence dates;
        final ArrayDeque<Pending> queue = new ArrayDeque<>();
        boolean paused;

        PartitionState(TopicPartition partition, String party, DateAddedSequence dates) {
            this.partition = partition;
            this.party = party;
            this.dates = dates;
        }
    }

    private final CollectionIndex index;
    private final CollectionWriter writer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<Alert> alerts;
    private final List<PartyId> parties;
    private final Duration settle;
    private final Duration retention;
    private final Clock clock;
    private final Map<TopicPartition, PartitionState> states = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> released = new ConcurrentHashMap<>();
    private final Map<String, Long> horizons = new ConcurrentHashMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private Map<TopicPartition, Long> startEnds = Map.of();
    private long lastEndCheck;
    private long lastProgress;
    private long lastSweep;
    private volatile boolean running = true;
    private volatile Throwable lastFailure;
    private Thread thread;

    CollectionMaterializer(CollectionIndex index, KafkaConsumer<byte[], byte[]> consumer, Deserializer<Alert> alerts,
                           List<PartyId> parties, Duration settle, Duration retention, Clock clock) {
        this.index = index;
        this.writer = new CollectionWriter(index);
        this.consumer = consumer;
        this.alerts = alerts;
        this.parties = List.copyOf(parties);
        this.settle = settle;
        this.retention = retention;
        this.clock = clock;
    }

    void start() {
        thread = new Thread(this::run, "taxii-materializer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the index holds every alert committed when the server started. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isReady() {
        return ready.getCount() == 0;
    }

    /** For each party, the date (epoch microseconds) below which its collection is complete. */
    Map<String, Long> horizons() {
        return Map.copyOf(horizons);
    }

    /** For each alert partition, the offset up to which its alerts are in the index. */
    Map<TopicPartition, Long> indexedOffsets() {
        return Map.copyOf(released);
    }

    Throwable lastFailure() {
        return lastFailure;
    }

    private void run() {
        try {
            assign();
            while (running) {
                try {
                    step();
                    lastFailure = null;
                } catch (WakeupException e) {
                    if (running) {
                        throw e;
                    }
                } catch (RuntimeException | RocksDBException e) {
                    lastFailure = e;
                    LOG.error("TAXII: keeping the collections up failed; retrying in a second", e);
                    Thread.sleep(1000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                lastFailure = e;
                LOG.error("TAXII: the collection reader stopped", e);
            }
        }
    }

    private void assign() {
        Map<TopicPartition, CollectionIndex.Progress> progress = index.progress();
        for (PartyId party : parties) {
            String topic = HubTopics.alerts(party);
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("TAXII: the alert topic " + topic + " does not exist; run `caspian-hub admin init`");
            }
            for (PartitionInfo info : infos) {
                TopicPartition tp = new TopicPartition(topic, info.partition());
                CollectionIndex.Progress from = progress.getOrDefault(tp, new CollectionIndex.Progress(0, 0));
                states.put(tp, new PartitionState(tp, party.value(), new DateAddedSequence(info.partition(), infos.size(),
                        from.nextDateAdded())));
                released.put(tp, from.offset());
            }
        }
        consumer.assign(states.keySet());
        for (PartitionState state : states.values()) {
            consumer.seek(state.partition, released.get(state.partition));
        }
        startEnds = consumer.endOffsets(states.keySet(), Duration.ofSeconds(30));
        lastSweep = clock.millis();
        sweepRetention();
    }

    private void step() throws RocksDBException {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            enqueue(states.get(new TopicPartition(record.topic(), record.partition())), record);
        }
        long now = clock.millis();
        if (now - lastEndCheck >= END_CHECK_MILLIS) {
            boundCaughtUpPartitions(now);
            lastEndCheck = now;
        }
        boolean wrote = false;
        for (PartyId party : parties) {
            wrote |= release(party.value());
        }
        if (!wrote && now - lastProgress >= PROGRESS_MILLIS) {
            writeProgress();
        }
        for (PartitionState state : states.values()) {
            if (state.queue.isEmpty()) {
                released.put(state.partition, consumer.position(state.partition)); // past commit markers too
            }
        }
        flowControl();
        if (now - lastSweep >= Duration.ofHours(1).toMillis()) {
            lastSweep = now;
            sweepRetention();
        }
        if (!isReady() && startEnds.entrySet().stream().allMatch(e -> released.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
            LOG.info("TAXII: collections hold every alert committed at start-up");
            ready.countDown();
        }
    }

    private void enqueue(PartitionState state, ConsumerRecord<byte[], byte[]> record) {
        List<ObjectNode> objects = List.of();
        String alertId = null;
        try {
            Alert alert = alerts.deserialize(record.topic(), record.headers(), record.value());
            if (alert != null && !state.party.equals(alert.getRecipient())) {
                LOG.warn("TAXII: alert {} on {} names recipient '{}': not added to any collection", alert.getAlertId(),
                        record.topic(), alert.getRecipient());
            } else if (alert != null) {
                alertId = alert.getAlertId();
                objects = StixMapper.objects(alert);
            }
        } catch (RuntimeException e) {
            LOG.error("TAXII: skipping an unreadable record on {} at offset {}: {}", state.partition, record.offset(), e.toString());
        }
        long before = state.dates.next();
        long dateAdded = state.dates.take(record.timestamp(), objects.size());
        state.queue.add(new Pending(record.offset(), dateAdded, before, alertId, objects));
    }

    /**
     * A partition whose every committed alert has been read cannot later show an alert appended
     * before this check: none gets a date below the check's time less the settle time.
     */
    private void boundCaughtUpPartitions(long now) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(states.keySet(), Duration.ofSeconds(5));
        long bound = Math.multiplyExact(now - settle.toMillis(), 1000L);
        for (PartitionState state : states.values()) {
            Long end = ends.get(state.partition);
            if (end != null && !state.paused && consumer.position(state.partition) >= end) {
                state.dates.atLeast(bound);
            }
        }
    }

    /** Adds a party's queued alerts below its horizon, oldest date first, with the progress they make, in batches. */
    private boolean release(String party) throws RocksDBException {
        List<PartitionState> partitions = states.values().stream().filter(s -> s.party.equals(party)).toList();
        long horizon = partitions.stream().mapToLong(s -> s.dates.next()).min().orElseThrow();
        boolean any = false;
        while (true) {
            try (WriteBatch batch = new WriteBatch();
                 CollectionWriter.Pass pass = writer.pass(batch)) {
                int count = 0;
                PartitionState oldest;
                while (count < RELEASE_BATCH && (oldest = oldestBelow(partitions, horizon)) != null) {
                    Pending next = oldest.queue.poll();
                    if (!next.objects().isEmpty()) {
                        pass.add(party, next.alertId(), next.objects(), next.dateAdded(), oldest.dates.stride(),
                                oldest.partition.partition(), next.offset());
                    }
                    count++;
                }
                if (count > 0) {
                    Map<TopicPartition, Long> offsets = progress(batch, partitions);
                    index.write(batch);
                    released.putAll(offsets);
                    lastProgress = clock.millis();
                    any = true;
                }
                if (count < RELEASE_BATCH) {
                    horizons.put(party, horizon);
                    return any;
                }
            }
        }
    }

    private static PartitionState oldestBelow(List<PartitionState> partitions, long horizon) {
        PartitionState oldest = null;
        for (PartitionState state : partitions) {
            Pending head = state.queue.peek();
            if (head != null && head.dateAdded() < horizon && (oldest == null || head.dateAdded() < oldest.queue.peek().dateAdded())) {
                oldest = state;
            }
        }
        return oldest;
    }

    private Map<TopicPartition, Long> progress(WriteBatch batch, Collection<PartitionState> partitions) throws RocksDBException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (PartitionState state : partitions) {
            Pending head = state.queue.peek();
            CollectionIndex.Progress progress = head != null
                    ? new CollectionIndex.Progress(head.offset(), head.nextBefore())
                    : new CollectionIndex.Progress(consumer.position(state.partition), state.dates.next());
            batch.put(ObjectKeys.progress(state.partition), CollectionIndex.progressValue(progress));
            offsets.put(state.partition, progress.offset());
        }
        return offsets;
    }

    private void writeProgress() throws RocksDBException {
        try (WriteBatch batch = new WriteBatch()) {
            Map<TopicPartition, Long> offsets = progress(batch, states.values());
            index.write(batch);
            released.putAll(offsets);
        }
        lastProgress = clock.millis();
    }

    /** A partition far ahead of the others waits, so the queues stay bounded while one partition holds the horizon back. */
    private void flowControl() {
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (PartitionState state : states.values()) {
            if (!state.paused && state.queue.size() > PAUSE_ABOVE) {
                state.paused = true;
                pause.add(state.partition);
            } else if (state.paused && state.queue.size() < RESUME_BELOW) {
                state.paused = false;
                resume.add(state.partition);
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    /** Objects added more than the retention ago leave the collection (the alert topic keeps its records at least as long). */
    private void sweepRetention() {
        long cutoff = Timestamps.toMicros(clock.instant().minus(retention));
        int removed = 0;
        for (PartyId party : parties) {
            List<ListedObject> expired = new ArrayList<>();
            try (CollectionIndex.Reader reader = index.reader()) {
                reader.listing(party.value(), -1, listed -> listed.dateAdded() < cutoff && expired.add(listed));
            }
            for (int from = 0; from < expired.size(); from += 10_000) {
                try (WriteBatch batch = new WriteBatch()) {
                    for (ListedObject listed : expired.subList(from, Math.min(expired.size(), from + 10_000))) {
                        batch.delete(ObjectKeys.listing(party.value(), listed.dateAdded()));
                        batch.delete(ObjectKeys.version(party.value(), listed.id(), listed.version()));
                    }
                    index.write(batch);
                } catch (RocksDBException e) {
                    throw new IllegalStateException("cannot remove expired objects from the TAXII index: " + e.getMessage(), e);
                }
            }
            removed += expired.size();
        }
        if (removed > 0) {
            writer.forgetFixed();
            LOG.info("TAXII: removed {} objects added before {}", removed, Timestamps.micros(cutoff));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }
}
