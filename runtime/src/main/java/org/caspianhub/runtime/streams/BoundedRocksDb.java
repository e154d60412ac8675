package org.caspianhub.runtime.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for the RocksDB stores of an application, as the Kafka Streams memory management guide
 * recommends: the stores of all tasks share one block cache and one write buffer manager, so memory does not
 * grow with the number of partitions. Index and filter blocks live in the cache too; memtables (a quarter of
 * the budget) count against it. LZ4 keeps disk and restore traffic small for Avro values; an application
 * whose stores are written far more than read (the gateway's status table) asks for ZSTD in 16 KiB blocks
 * instead ({@link #COMPRESSION_CONFIG}): about 60 % of LZ4's bytes on disk for submission records.
 *
 * <p>Each store's MANIFEST is preallocated in steps of 64 KiB rather than RocksDB's 4 MiB: an application
 * has a store per partition (24 for the status table of two parties), and 4 MiB each, allocated on disk
 * from the moment a store opens, was most of what a small store took.
 *
 * <p>The budget is the application's setting {@link #TOTAL_BYTES_CONFIG} (put there by
 * {@link StreamsApplication#baseProperties}); applications of one process with the same budget share one
 * cache, which is never closed (stores come and go with rebalances, the budget stays).
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

    /** The Kafka Streams property that carries the budget, in bytes. */
    public static final String TOTAL_BYTES_CONFIG = "caspian.rocksdb.total.bytes";

    /** The Kafka Streams property that chooses the stores' compression: {@code lz4} (unset) or {@code zstd}. */
    public static final String COMPRESSION_CONFIG = "caspian.rocksdb.compression";

    private static final long MANIFEST_PREALLOCATION_BYTES = 64L * 1024;
    private static final long ZSTD_BLOCK_BYTES = 16L * 1024;

    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    private static final Map<Long, Shared> SHARED = new ConcurrentHashMap<>();

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long total = totalBytes(configs);
        long memtables = total / 4;
        Shared shared = SHARED.computeIfAbsent(total, t -> {
            Cache cache = new LRUCache(t, -1, false, 0.1);
            return new Shared(cache, new WriteBufferManager(memtables, cache));
        });
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(shared.writeBuffers());
        options.setWriteBufferSize(memtables / 4);
        options.setMaxWriteBufferNumber(3);
        if (zstd(configs)) {
            options.setCompressionType(CompressionType.ZSTD_COMPRESSION);
            table.setBlockSize(ZSTD_BLOCK_BYTES); // a larger block gives ZSTD more to find repeats in
        } else {
            options.setCompressionType(CompressionType.LZ4_COMPRESSION);
        }
        options.setManifestPreallocationSize(MANIFEST_PREALLOCATION_BYTES);
        options.setTableFormatConfig(table);
    }

    private static boolean zstd(Map<String, Object> configs) {
        Object value = configs.get(COMPRESSION_CONFIG);
        if (value == null || "lz4".equals(value)) {
            return false;
        }
        if ("zstd".equals(value)) {
            return true;
        }
        throw new IllegalStateException(COMPRESSION_CONFIG + " must be lz4 or zstd, got " + value);
    }

    private static long totalBytes(Map<String, Object> configs) {
        Object value = configs.get(TOTAL_BYTES_CONFIG);
        if (value == null) {
            throw new IllegalStateException(TOTAL_BYTES_CONFIG + " is not set: build the properties with "
                    + "StreamsApplication.baseProperties");
        }
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and write buffer manager are shared by every store: never closed here
    }
}
