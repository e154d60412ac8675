package org.caspianhub.producers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets what the topic behind a status store has forgotten. The store's changelog is its source
 * topic, whose retention drops old records from Kafka but never from a running store; without
 * this sweep a gateway that runs for months would keep every submission it ever read on disk.
 * Every {@code every} of wall-clock time it deletes the entries whose record (the submission or
 * the rejection) is older than the topic's retention. The deletions stay local; a restore from
 * the topic brings back what Kafka has not deleted yet (it deletes whole segments), and the next
 * sweep removes it again.
 *
 * <p>A sweep runs on the stream thread, so it deletes at most {@code maxPerSweep} entries
 * ({@link #MAX_PER_SWEEP} in the gateway) and,
 * when there were more (the first sweep of a store that grew for months), goes on a minute later
 * rather than holding the thread past the consumer's poll interval.
 */
final class ExpiredStatusSweep implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiredStatusSweep.class);

    static final int MAX_PER_SWEEP = 50_000;
    private static final Duration CHECK_EVERY = Duration.ofMinutes(1);

    private final String storeName;
    private final Duration retention;
    private final Duration every;
    private final int maxPerSweep;
    private TimestampedKeyValueStore<String, byte[]> store;
    private long nextSweep;

    ExpiredStatusSweep(String storeName, Duration retention, Duration every, int maxPerSweep) {
        this.storeName = storeName;
        this.retention = retention;
        this.every = every;
        this.maxPerSweep = maxPerSweep;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        context.schedule(CHECK_EVERY, PunctuationType.WALL_CLOCK_TIME, this::maybeSweep);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        // the table upstream keeps the record; this processor only sweeps
    }

    private void maybeSweep(long now) {
        if (now < nextSweep) {
            return;
        }
        int deleted = sweep(now);
        nextSweep = deleted == maxPerSweep ? now : now + every.toMillis();
    }

    private int sweep(long now) {
        long cutoff = now - retention.toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<byte[]>> entries = store.all()) {
            while (entries.hasNext() && expired.size() < maxPerSweep) {
                var entry = entries.next();
                if (entry.value != null && entry.value.timestamp() < cutoff) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(store::delete);
        if (!expired.isEmpty()) {
            LOG.info("{}: forgot {} entries older than the topic's retention of {}", storeName, expired.size(), retention);
        }
        return expired.size();
    }
}
