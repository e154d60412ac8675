package org.caspianhub.consumers.taxii;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.caspianhub.avro.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads alerts back from the parties' alert topics by offset, for the objects a page lists: one
 * seek per partition and run of nearby offsets, then the records as the broker returns them
 * (batched, as on any fetch). A small pool of consumers serves concurrent requests; a request
 * waits for one rather than opening connections without limit.
 */
final class AlertLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertLog.class);
    /** Offsets closer than this are read in one run rather than seeking again. */
    private static final long RUN_GAP = 200;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /** Where one alert is. */
    record Position(TopicPartition partition, long offset) {
    }

    private final Supplier<KafkaConsumer<byte[], byte[]>> factory;
    private final Deserializer<Alert> alerts;
    private final int maxConsumers;
    private final BlockingQueue<KafkaConsumer<byte[], byte[]>> idle = new LinkedBlockingQueue<>();
    private final List<KafkaConsumer<byte[], byte[]>> all = new ArrayList<>();
    private final AtomicInteger created = new AtomicInteger();

    AlertLog(Supplier<KafkaConsumer<byte[], byte[]>> factory, Deserializer<Alert> alerts, int maxConsumers) {
        this.factory = factory;
        this.alerts = alerts;
        this.maxConsumers = maxConsumers;
    }

    /** The alerts at these positions; a position whose record is gone (past the topic's retention) is left out. */
    Map<Position, Alert> read(Collection<Position> positions) throws InterruptedException {
        if (positions.isEmpty()) {
            return Map.of();
        }
        KafkaConsumer<byte[], byte[]> consumer = borrow();
        try {
            return read(consumer, positions);
        } finally {
            consumer.assign(List.of());
            idle.add(consumer);
        }
    }

    private Map<Position, Alert> read(KafkaConsumer<byte[], byte[]> consumer, Collection<Position> positions) {
        Map<TopicPartition, TreeSet<Long>> wanted = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        for (Position position : positions) {
            wanted.computeIfAbsent(position.partition(), p -> new TreeSet<>()).add(position.offset());
        }
        consumer.assign(wanted.keySet());
        wanted.forEach((partition, offsets) -> consumer.seek(partition, offsets.first()));
        Map<Position, Alert> found = new HashMap<>();
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (!wanted.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw TaxiiException.unavailable("the alert topics did not answer in time; retry shortly");
            }
            try {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    TreeSet<Long> offsets = wanted.get(partition);
                    if (offsets != null && offsets.remove(record.offset())) {
                        found.put(new Position(partition, record.offset()), alerts.deserialize(record.topic(), record.headers(),
                                record.value()));
                    }
                }
            } catch (OffsetOutOfRangeException e) {
                skipDeleted(consumer, wanted, e.offsetOutOfRangePartitions().keySet());
            }
            advance(consumer, wanted);
        }
        return found;
    }

    /** Past what was read: drop offsets the log skipped (none, unless the index is off), seek over long gaps, stop reading finished partitions. */
    private static void advance(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, TreeSet<Long>> wanted) {
        List<TopicPartition> done = new ArrayList<>();
        for (Map.Entry<TopicPartition, TreeSet<Long>> entry : wanted.entrySet()) {
            long position = consumer.position(entry.getKey());
            TreeSet<Long> offsets = entry.getValue();
            while (!offsets.isEmpty() && offsets.first() < position) {
                LOG.warn("TAXII: no alert at {} offset {} any more", entry.getKey(), offsets.pollFirst());
            }
            if (offsets.isEmpty()) {
                done.add(entry.getKey());
            } else if (offsets.first() - position > RUN_GAP) {
                consumer.seek(entry.getKey(), offsets.first());
            }
        }
        if (!done.isEmpty()) {
            done.forEach(wanted::remove);
            consumer.pause(done);
        }
    }

    private static void skipDeleted(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, TreeSet<Long>> wanted,
                                    Set<TopicPartition> partitions) {
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
        for (TopicPartition partition : partitions) {
            TreeSet<Long> offsets = wanted.get(partition);
            long start = starts.getOrDefault(partition, 0L);
            offsets.headSet(start).clear();
            consumer.seek(partition, offsets.isEmpty() ? start : offsets.first());
        }
    }

    private KafkaConsumer<byte[], byte[]> borrow() throws InterruptedException {
        KafkaConsumer<byte[], byte[]> consumer = idle.poll();
        if (consumer != null) {
            return consumer;
        }
        synchronized (all) {
            if (created.get() < maxConsumers) {
                created.incrementAndGet();
                consumer = factory.get();
                all.add(consumer);
                return consumer;
            }
        }
        consumer = idle.poll(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (consumer == null) {
            throw TaxiiException.unavailable("too many requests read the alert topics at once; retry shortly");
        }
        return consumer;
    }

    @Override
    public void close() {
        synchronized (all) {
            all.forEach(c -> c.close(Duration.ofSeconds(2)));
            all.clear();
        }
    }
}
