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
 * the rejection) is older than the topic's retention. The deletions stay local: after a restore
 * from the topic the store again holds only what the topic retains.
 */
final class ExpiredStatusSweep implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiredStatusSweep.class);

    private final String storeName;
    private final Duration retention;
    private final Duration every;
    private TimestampedKeyValueStore<String, byte[]> store;

    ExpiredStatusSweep(String storeName, Duration retention, Duration every) {
        this.storeName = storeName;
        this.retention = retention;
        this.every = every;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        // the table upstream keeps the record; this processor only sweeps
    }

    private void sweep(long now) {
        long cutoff = now - retention.toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<byte[]>> entries = store.all()) {
            while (entries.hasNext()) {
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
    }
}
