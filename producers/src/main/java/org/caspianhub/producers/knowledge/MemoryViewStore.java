package org.caspianhub.producers.knowledge;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The store in memory, for property tests that build thousands of read models: the same keys and
 * encoded values as {@link RocksViewStore}. Its snapshots read the live map, so it serves one
 * writer with readers that do not overlap its writes (a test), not the gateway.
 */
public final class MemoryViewStore implements ViewStore {

    private final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

    @Override
    public byte[] get(byte[] key) {
        return map.get(key);
    }

    @Override
    public void write(Writes writes) {
        for (int i = 0; i < writes.keys.size(); i++) {
            byte[] value = writes.values.get(i);
            if (value == null) {
                map.remove(writes.keys.get(i));
            } else {
                map.put(writes.keys.get(i), value);
            }
        }
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot() {
            @Override
            public byte[] get(byte[] key) {
                return map.get(key);
            }

            @Override
            public Scan scan(byte[] from) {
                Iterator<Map.Entry<byte[], byte[]>> it = map.tailMap(from, true).entrySet().iterator();
                return new Scan() {
                    private Map.Entry<byte[], byte[]> current = it.hasNext() ? it.next() : null;

                    @Override
                    public boolean valid() {
                        return current != null;
                    }

                    @Override
                    public byte[] key() {
                        return current.getKey();
                    }

                    @Override
                    public byte[] value() {
                        return current.getValue();
                    }

                    @Override
                    public void next() {
                        current = it.hasNext() ? it.next() : null;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public long approximateBytes() {
        long bytes = 0;
        for (Map.Entry<byte[], byte[]> e : map.entrySet()) {
            bytes += e.getKey().length + e.getValue().length;
        }
        return bytes;
    }

    @Override
    public void close() {
        map.clear();
    }
}
