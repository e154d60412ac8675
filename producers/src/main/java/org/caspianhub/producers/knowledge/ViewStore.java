package org.caspianhub.producers.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * Ordered bytes to bytes, written atomically in batches, read through consistent snapshots: what
 * the read model needs of RocksDB ({@link RocksViewStore}), and of a map in tests ({@link MemoryViewStore}).
 */
public interface ViewStore extends AutoCloseable {

    /** The value under {@code key} now, or null. */
    byte[] get(byte[] key);

    /** The values under {@code keys} now, in order (null where absent): one call for a batch's reads. */
    default List<byte[]> getAll(List<byte[]> keys) {
        List<byte[]> values = new ArrayList<>(keys.size());
        keys.forEach(k -> values.add(get(k)));
        return values;
    }

    /** Applies every put and delete of {@code writes} at once. */
    void write(Writes writes);

    /** A consistent read of the store as it is now; close it when done. */
    Snapshot snapshot();

    /** Bytes on disk (or in memory), as the store estimates them. */
    long approximateBytes();

    @Override
    void close();

    /** A consistent read. */
    interface Snapshot extends AutoCloseable {
        byte[] get(byte[] key);

        /** The values of {@code keys}, in their order (null where absent). */
        default java.util.List<byte[]> getAll(java.util.List<byte[]> keys) {
            java.util.List<byte[]> values = new java.util.ArrayList<>(keys.size());
            keys.forEach(key -> values.add(get(key)));
            return values;
        }

        /** The entries from {@code from} (inclusive) on, in unsigned byte order. */
        Scan scan(byte[] from);

        @Override
        void close();
    }

    /** A cursor over entries in key order. */
    interface Scan extends AutoCloseable {
        boolean valid();

        byte[] key();

        byte[] value();

        void next();

        @Override
        void close();
    }

    /** Puts (value non-null) and deletes (value null), applied in order. */
    final class Writes {
        final List<byte[]> keys = new ArrayList<>();
        final List<byte[]> values = new ArrayList<>();

        public void put(byte[] key, byte[] value) {
            keys.add(key);
            values.add(value);
        }

        public void delete(byte[] key) {
            keys.add(key);
            values.add(null);
        }

        public boolean isEmpty() {
            return keys.isEmpty();
        }
    }
}
