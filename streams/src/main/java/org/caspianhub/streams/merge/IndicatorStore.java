package org.caspianhub.streams.merge;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.caspianhub.avro.streams.IndicatorState;

/**
 * The merge stage's store of merged indicators, keyed by store key (see
 * {@link org.caspianhub.streams.correlate.Placement}). Each value is the state's Avro bytes
 * (Confluent wire format, schema id included, so a later version of the topology reads it)
 * behind an 8-byte prefix: the time the state next needs an expiry check. The expiry sweep reads
 * that prefix without decoding a single record, so expiry needs no index store, and no second
 * changelog record per new indicator.
 */
public final class IndicatorStore {

    /** Keys and states, for scans; the state is decoded only for keys the caller accepts. */
    public record Entry(byte[] key, IndicatorState state) {
    }

    private static final BytesSerializer KEYS = new BytesSerializer();
    private static final int PREFIX = 8;
    private static final long NEVER = Long.MAX_VALUE;

    private final KeyValueStore<Bytes, byte[]> store;
    private final Serializer<IndicatorState> serializer;
    private final Deserializer<IndicatorState> deserializer;
    private final String subjectTopic;
    private Bytes sweepCursor;

    /**
     * @param subjectTopic the topic name the state's schema is registered under (the store's changelog)
     */
    public IndicatorStore(KeyValueStore<Bytes, byte[]> store, Serializer<IndicatorState> serializer,
                          Deserializer<IndicatorState> deserializer, String subjectTopic) {
        this.store = store;
        this.serializer = serializer;
        this.deserializer = deserializer;
        this.subjectTopic = subjectTopic;
    }

    public IndicatorState get(byte[] key) {
        return decode(store.get(Bytes.wrap(key)));
    }

    public void put(byte[] key, IndicatorState state) {
        byte[] avro = serializer.serialize(subjectTopic, state);
        Instant next = state.getNextExpiryCheck();
        byte[] value = new byte[PREFIX + avro.length];
        ByteBuffer.wrap(value).putLong(next == null ? NEVER : next.toEpochMilli());
        System.arraycopy(avro, 0, value, PREFIX, avro.length);
        store.put(Bytes.wrap(key), value);
    }

    /** RocksDB's estimate of the number of entries. */
    public long approximateSize() {
        return store.approximateNumEntries();
    }

    /** Entries whose key starts with {@code prefix} and passes {@code keys}, at most {@code limit}. */
    public List<Entry> prefixScan(byte[] prefix, Predicate<byte[]> keys, int limit) {
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(Bytes.wrap(prefix), KEYS)) {
            return collect(it, keys, limit);
        }
    }

    /** Entries with {@code from <= key <= to} that pass {@code keys}, at most {@code limit}. */
    public List<Entry> range(byte[] from, byte[] to, Predicate<byte[]> keys, int limit) {
        try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(from), Bytes.wrap(to))) {
            return collect(it, keys, limit);
        }
    }

    /**
     * Looks at up to {@code budget} entries from where the last sweep stopped (wrapping around at
     * the end) and returns the keys whose expiry check is due at {@code nowMillis}.
     */
    public List<byte[]> sweepDue(long nowMillis, int budget) {
        List<byte[]> due = new ArrayList<>();
        int seen = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.range(sweepCursor, null)) {
            while (seen < budget && it.hasNext()) {
                KeyValue<Bytes, byte[]> next = it.next();
                seen++;
                if (next.value != null && next.value.length >= PREFIX
                        && ByteBuffer.wrap(next.value, 0, PREFIX).getLong() <= nowMillis) {
                    due.add(next.key.get());
                }
                sweepCursor = it.hasNext() ? it.peekNextKey() : null;
            }
            if (seen == 0) {
                sweepCursor = null;
            }
        }
        return due;
    }

    private List<Entry> collect(KeyValueIterator<Bytes, byte[]> it, Predicate<byte[]> keys, int limit) {
        List<Entry> out = new ArrayList<>(0);
        while (it.hasNext() && out.size() < limit) {
            KeyValue<Bytes, byte[]> next = it.next();
            byte[] key = next.key.get();
            if (keys.test(key)) {
                out.add(new Entry(key, decode(next.value)));
            }
        }
        return out;
    }

    private IndicatorState decode(byte[] value) {
        if (value == null) {
            return null;
        }
        return deserializer.deserialize(subjectTopic, Arrays.copyOfRange(value, PREFIX, value.length));
    }
}
