package org.caspianhub.producers.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.IndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read model on RocksDB (already on the classpath through Kafka Streams), in one directory of
 * the gateway's state. Memory is bounded by one setting: the block cache holds index and filter
 * blocks and the memtables are charged to it. LZ4 on every level but the last, ZSTD on the last
 * (where most bytes end up); a Bloom filter makes a look-up of an unknown value a memory read, and
 * partitioned filters and a two-level index keep every metadata block small enough to stay cached.
 * A store of another format (see {@link ViewCodec#FORMAT}) is deleted and rebuilt from the topics.
 */
public final class RocksViewStore implements ViewStore {

    private static final Logger LOG = LoggerFactory.getLogger(RocksViewStore.class);
    private static final byte[] FORMAT_KEY = StoreKeys.meta("format");

    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final LRUCache cache;
    private final WriteBufferManager writeBuffers;
    private final BloomFilter bloom;
    private final Options options;
    /**
     * No write-ahead log: every batch holds its views and the offsets they reach, so whatever a
     * crash leaves on disk is a consistent earlier point, and reading resumes from its offsets
     * (folding an alert again gives the same view). A clean close flushes the memtables.
     */
    private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
    private final RocksDB db;

    /** @param memoryBytes the block cache and memtables together */
    public RocksViewStore(Path directory, long memoryBytes) {
        this.directory = directory;
        // few shards: a shard smaller than a filter or index block could never cache it, and every read
        // would load and parse it again
        this.cache = new LRUCache(memoryBytes, 2, false, 0.1);
        this.writeBuffers = new WriteBufferManager(Math.max(1L << 20, memoryBytes / 4), cache);
        this.bloom = new BloomFilter(10);
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setCacheIndexAndFilterBlocks(true)
                .setPinL0FilterAndIndexBlocksInCache(true)
                .setFilterPolicy(bloom)
                // partitioned filters and a two-level index: small blocks the cache holds at any store size
                .setIndexType(IndexType.kTwoLevelIndexSearch)
                .setPartitionFilters(true)
                .setMetadataBlockSize(4096)
                .setCacheIndexAndFilterBlocksWithHighPriority(true)
                .setPinTopLevelIndexAndFilter(true)
                .setBlockSize(16 * 1024);
        this.options = new Options()
                .setCreateIfMissing(true)
                .setTableFormatConfig(table)
                .setWriteBufferManager(writeBuffers)
                .setWriteBufferSize(Math.max(1L << 20, memoryBytes / 8))
                .setMaxWriteBufferNumber(2)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
                .setMaxOpenFiles(256)
                // RocksDB reserves 4 MiB on disk for the MANIFEST while a store is open: 8 of the read
                // model's 141 MB at 1,000,000 indicators (./bench.sh footprint), whatever it holds
                .setManifestPreallocationSize(64 * 1024);
        this.db = open();
    }

    private RocksDB open() {
        try {
            Files.createDirectories(directory);
            RocksDB opened = RocksDB.open(options, directory.toString());
            byte[] format = opened.get(FORMAT_KEY);
            byte[] expected = {(byte) ViewCodec.FORMAT};
            if (format != null && format[0] != expected[0]) {
                LOG.warn("knowledge store {} is in format {}, this build writes {}: rebuilding it from the alert topics",
                        directory, format[0], expected[0]);
                opened.close();
                deleteRecursively(directory);
                Files.createDirectories(directory);
                opened = RocksDB.open(options, directory.toString());
            }
            opened.put(FORMAT_KEY, expected);
            return opened;
        } catch (RocksDBException | IOException e) {
            throw new IllegalStateException("cannot open the knowledge store in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] get(byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new IllegalStateException("knowledge store read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public java.util.List<byte[]> getAll(java.util.List<byte[]> keys) {
        try {
            return db.multiGetAsList(keys);
        } catch (RocksDBException e) {
            throw new IllegalStateException("knowledge store read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(Writes writes) {
        try (WriteBatch batch = new WriteBatch()) {
            for (int i = 0; i < writes.keys.size(); i++) {
                byte[] value = writes.values.get(i);
                if (value == null) {
                    batch.delete(writes.keys.get(i));
                } else {
                    batch.put(writes.keys.get(i), value);
                }
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException("knowledge store write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Snapshot snapshot() {
        org.rocksdb.Snapshot snapshot = db.getSnapshot();
        ReadOptions read = new ReadOptions().setSnapshot(snapshot);
        return new Snapshot() {
            @Override
            public byte[] get(byte[] key) {
                try {
                    return db.get(read, key);
                } catch (RocksDBException e) {
                    throw new IllegalStateException("knowledge store read failed: " + e.getMessage(), e);
                }
            }

            @Override
            public java.util.List<byte[]> getAll(java.util.List<byte[]> keys) {
                try {
                    // one MultiGet: the keys' blocks looked up together (a bulk look-up of 1,000 values)
                    return db.multiGetAsList(read, keys);
                } catch (RocksDBException e) {
                    throw new IllegalStateException("knowledge store read failed: " + e.getMessage(), e);
                }
            }

            @Override
            public Scan scan(byte[] from) {
                RocksIterator it = db.newIterator(read);
                it.seek(from);
                return new Scan() {
                    @Override
                    public boolean valid() {
                        return it.isValid();
                    }

                    @Override
                    public byte[] key() {
                        return it.key();
                    }

                    @Override
                    public byte[] value() {
                        return it.value();
                    }

                    @Override
                    public void next() {
                        it.next();
                    }

                    @Override
                    public void close() {
                        it.close();
                    }
                };
            }

            @Override
            public void close() {
                read.close();
                db.releaseSnapshot(snapshot);
            }
        };
    }

    /** Flushes memtables and compacts everything: for measuring bytes on disk. */
    public void compact() {
        try {
            try (org.rocksdb.FlushOptions flush = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
                db.flush(flush);
            }
            db.compactRange();
        } catch (RocksDBException e) {
            throw new IllegalStateException("knowledge store compaction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long approximateBytes() {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try (org.rocksdb.FlushOptions flush = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        } catch (RocksDBException e) {
            LOG.warn("knowledge store: flush on close failed ({}); it resumes from its last flushed offsets", e.getMessage());
        }
        db.close();
        writeOptions.close();
        options.close();
        bloom.close();
        writeBuffers.close();
        cache.close();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
