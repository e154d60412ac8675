package org.caspianhub.producers.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.alert.AlertJson;
import org.caspianhub.parties.PartyId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One party's alert topic ({@code cti.<party>.alerts}) read live by this gateway replica: a thread
 * with its own Kafka consumer (no consumer group: every replica reads every partition by itself;
 * read_committed, so an alert of an aborted transaction never reaches anyone), the most recent
 * alerts in a ring of fixed size, and the clients subscribed to them.
 *
 * <p>A party's feed holds that party's alerts only and is reached only through the party of the
 * caller's API key: no parameter names a party, so a party can never be sent another's alerts.
 */
public final class PartyAlertFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartyAlertFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final PartyId party;
    private final String topic;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Deserializer<Alert> alerts;
    private final int ringSize;
    private final int queueCapacity;
    private final Set<AlertSubscription> subscribers = new CopyOnWriteArraySet<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: the most recent alerts in the order this feed read them. */
    private final Deque<StreamedAlert> ring = new ArrayDeque<>();
    /** Guarded by {@link #lock}: per partition, the first offset the ring may still hold (older ones are gone). */
    private final Map<Integer, Long> keptFrom = new HashMap<>();
    /** Guarded by {@link #lock}: the creation time of the newest alert that left the ring. */
    private Instant forgottenUpTo = Instant.EPOCH;
    private long[] position = new long[0];
    private volatile boolean caughtUp;
    private volatile Consumer<String, byte[]> consumer;
    private final Thread thread;

    PartyAlertFeed(PartyId party, String topic, Supplier<Consumer<String, byte[]>> consumers, Deserializer<Alert> alerts,
                   int ringSize, int queueCapacity) {
        this.party = party;
        this.topic = topic;
        this.consumers = consumers;
        this.alerts = alerts;
        this.ringSize = ringSize;
        this.queueCapacity = queueCapacity;
        this.thread = new Thread(this::run, "alert-feed-" + party.value());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    public PartyId party() {
        return party;
    }

    /** True once the feed has read its topic up to where it stood at start: the backlog is complete. */
    public boolean caughtUp() {
        return caughtUp;
    }

    public int subscribers() {
        return subscribers.size();
    }

    /**
     * Subscribes a client. Its backlog is, when it resumes ({@code from} present), every kept alert
     * after that position, or every kept alert created at or after {@code since}; otherwise the
     * {@code recent} most recent alerts. Only alerts the filter accepts count. Taken under the same
     * lock as new alerts are added, so nothing falls between the backlog and the live alerts.
     */
    public AlertSubscription subscribe(InboxFilter filter, Optional<StreamPosition> from, Optional<Instant> since, int recent) {
        synchronized (lock) {
            List<StreamedAlert> backlog = new ArrayList<>();
            boolean gap = false;
            if (from.isPresent()) {
                StreamPosition p = from.get();
                for (StreamedAlert a : ring) {
                    if (p.precedes(a.partition(), a.offset()) && filter.accepts(a)) {
                        backlog.add(a);
                    }
                }
                for (Map.Entry<Integer, Long> kept : keptFrom.entrySet()) {
                    gap |= p.next(kept.getKey()) < kept.getValue();
                }
            } else if (since.isPresent()) {
                for (StreamedAlert a : ring) {
                    if (!a.createdAt().isBefore(since.get()) && filter.accepts(a)) {
                        backlog.add(a);
                    }
                }
                gap = !forgottenUpTo.isBefore(since.get());
            } else if (recent > 0) {
                var newestFirst = ring.descendingIterator();
                while (newestFirst.hasNext() && backlog.size() < recent) {
                    StreamedAlert a = newestFirst.next();
                    if (filter.accepts(a)) {
                        backlog.add(0, a);
                    }
                }
            }
            AlertSubscription subscription = new AlertSubscription(this, filter, queueCapacity, backlog, gap,
                    StreamPosition.format(position));
            if (running.get()) {
                subscribers.add(subscription);
            } else {
                subscription.end(AlertSubscription.Ending.SHUTDOWN);
            }
            return subscription;
        }
    }

    void unsubscribe(AlertSubscription subscription) {
        subscribers.remove(subscription);
    }

    /** The event id of the newest alert this feed has read: where a client that wants no backlog stands. */
    public String currentEventId() {
        synchronized (lock) {
            return StreamPosition.format(position);
        }
    }

    private void run() {
        while (running.get()) {
            try (Consumer<String, byte[]> c = consumers.get()) {
                consumer = c;
                if (!running.get()) {
                    return;
                }
                List<TopicPartition> partitions = partitions(c);
                if (partitions.isEmpty()) {
                    sleep(Duration.ofSeconds(1));
                    continue;
                }
                Map<TopicPartition, Long> end = start(c, partitions);
                long partitionCheck = System.nanoTime();
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                        add(record);
                    }
                    if (!caughtUp && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                        caughtUp = true;
                    }
                    if (System.nanoTime() - partitionCheck > Duration.ofMinutes(1).toNanos()) {
                        partitionCheck = System.nanoTime();
                        if (partitions(c).size() != partitions.size()) {
                            LOG.info("alert feed {}: {} has a new partition count; reassigning", party, topic);
                            break;
                        }
                    }
                }
            } catch (WakeupException e) {
                // close() wakes the consumer up
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.warn("alert feed {}: reading {} failed ({}); starting again in a second", party, topic, e.toString());
                    sleep(Duration.ofSeconds(1));
                }
            } finally {
                consumer = null;
            }
        }
    }

    private List<TopicPartition> partitions(Consumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        return partitions;
    }

    /**
     * Assigns every partition and seeks each to where the ring should start: after what it holds
     * already (a restart of this loop), or the last {@code ringSize / partitions} records.
     */
    private Map<TopicPartition, Long> start(Consumer<String, byte[]> c, List<TopicPartition> partitions) {
        c.assign(partitions);
        Map<TopicPartition, Long> begin = c.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        long perPartition = Math.max(1, ringSize / partitions.size());
        synchronized (lock) {
            if (position.length < partitions.size()) {
                position = java.util.Arrays.copyOf(position, partitions.size());
            }
            for (TopicPartition tp : partitions) {
                long from = position[tp.partition()] > 0 ? position[tp.partition()]
                        : Math.max(begin.get(tp), end.get(tp) - perPartition);
                c.seek(tp, from);
                keptFrom.putIfAbsent(tp.partition(), from);
                if (position[tp.partition()] == 0) {
                    position[tp.partition()] = from;
                }
            }
        }
        return end;
    }

    private void add(ConsumerRecord<String, byte[]> record) {
        StreamedAlert alert;
        try {
            Alert a = alerts.deserialize(record.topic(), record.value());
            alert = new StreamedAlert(record.partition(), record.offset(), null, a.getKind(), a.getType(), a.getTlp(),
                    a.getScore(), a.getCreatedAt(), AlertJson.toBytes(a));
        } catch (RuntimeException e) {
            // the hub writes this topic; a record it cannot read is logged and passed over, never fatal
            LOG.warn("alert feed {}: the record at {}-{}@{} cannot be read as an Alert: {}", party, record.topic(),
                    record.partition(), record.offset(), e.toString());
            advance(record);
            return;
        }
        synchronized (lock) {
            advance(record);
            StreamedAlert placed = new StreamedAlert(alert.partition(), alert.offset(), StreamPosition.format(position),
                    alert.kind(), alert.type(), alert.tlp(), alert.score(), alert.createdAt(), alert.json());
            ring.addLast(placed);
            while (ring.size() > ringSize) {
                StreamedAlert gone = ring.removeFirst();
                keptFrom.put(gone.partition(), gone.offset() + 1);
                if (gone.createdAt().isAfter(forgottenUpTo)) {
                    forgottenUpTo = gone.createdAt();
                }
            }
            for (AlertSubscription s : subscribers) {
                s.offer(placed);
            }
        }
    }

    /** Guarded by {@link #lock} (or called before anyone can subscribe to the record's place). */
    private void advance(ConsumerRecord<String, byte[]> record) {
        synchronized (lock) {
            if (position.length <= record.partition()) {
                position = java.util.Arrays.copyOf(position, record.partition() + 1);
            }
            position[record.partition()] = Math.max(position[record.partition()], record.offset() + 1);
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    @Override
    public void close() {
        running.set(false);
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AlertSubscription s : subscribers) {
            s.end(AlertSubscription.Ending.SHUTDOWN);
        }
    }
}
