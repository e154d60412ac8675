package org.caspianhub.consumers.taxii;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import java.util.Arrays;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/**
 * Which objects the index may already hold, in memory: a Bloom filter over every object's
 * version-key prefix (about 1.2 bytes per object at 1 % false positives). Nearly every alert of a
 * large import makes a new object, and asking RocksDB about each (its version entries, its first
 * {@code created}) cost more than all the rest of adding it; the filter answers "certainly new"
 * without touching the index. Built from the index at start-up, rebuilt twice as large when full;
 * objects that left the collection stay in it until then (a false positive costs one look-up).
 */
final class KnownObjects {

    private static final double FALSE_POSITIVES = 0.01;
    private static final long MIN_CAPACITY = 1 << 20;

    private final CollectionIndex index;
    private BloomFilter<byte[]> filter;
    private long capacity;
    private long inserted;

    KnownObjects(CollectionIndex index) {
        this.index = index;
        rebuild(MIN_CAPACITY);
    }

    /** False when the index certainly holds no version of the object. */
    boolean mayHold(byte[] versionsPrefix) {
        return filter.mightContain(versionsPrefix);
    }

    void add(byte[] versionsPrefix) {
        if (filter.put(versionsPrefix)) {
            inserted++;
        }
        if (inserted > capacity) {
            rebuild(capacity * 2);
        }
    }

    /** Fills a filter of at least {@code wanted} objects from the index (including what was just added to it). */
    private void rebuild(long wanted) {
        long objects = 0;
        byte[] previous = null;
        BloomFilter<byte[]> fresh = null;
        long size = wanted;
        while (fresh == null) {
            BloomFilter<byte[]> candidate = BloomFilter.create(Funnels.byteArrayFunnel(), size, FALSE_POSITIVES);
            objects = 0;
            try (ReadOptions ordered = new ReadOptions().setTotalOrderSeek(true); RocksIterator it = index.db().newIterator(ordered)) {
                for (it.seek(new byte[] {'V'}); it.isValid() && it.key()[0] == 'V'; it.next()) {
                    byte[] key = it.key();
                    byte[] prefix = Arrays.copyOf(key, key.length - 8);
                    if (previous == null || !Arrays.equals(prefix, previous)) {
                        candidate.put(prefix);
                        objects++;
                        previous = prefix;
                    }
                }
            }
            if (objects * 2 <= size) {
                fresh = candidate;
            } else {
                size = Math.max(size * 2, objects * 2);
                previous = null;
            }
        }
        filter = fresh;
        capacity = size;
        inserted = objects;
    }
}
