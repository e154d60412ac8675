package org.caspianhub.streams.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the process, as the Kafka Streams memory
 * management guide recommends: the stores of all tasks share one block cache and one write
 * buffer manager, so memory does not grow with the number of partitions. Index and filter
 * blocks live in the cache too; memtables count against it. LZ4 keeps disk and restore traffic
 * small for Avro values.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

    /** Total off-heap memory for all stores of this process. */
    static final long TOTAL_BYTES = 256L * 1024 * 1024;
    static final long MEMTABLE_BYTES = 64L * 1024 * 1024;
    static final long WRITE_BUFFER_BYTES = 16L * 1024 * 1024;

    private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(WRITE_BUFFER_BYTES);
        options.setMaxWriteBufferNumber(3);
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and write buffer manager are shared by every store: never closed here
    }
}
