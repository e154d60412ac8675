package org.caspianhub.consumers.taxii;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * The TAXII server's only local state: a RocksDB index of each collection (see {@link ObjectKeys}),
 * with how far it has read each alert partition, written in the same batch as the entries that
 * reading produced, so a restart resumes exactly where the index stops. It holds no object: about
 * 80 bytes per object version (a listing entry and a version entry), against the alert topic
 * that holds the alerts themselves.
 *
 * <p>Off-heap memory is bounded by one setting (CASPIAN_TAXII_INDEX_MEMORY_MB): one LRU block cache
 * of that size, with the memtables, index and filter blocks charged to it.
 */
final class CollectionIndex implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    /** How far the index has read one alert partition, and the date_added sequence there (see {@link DateAddedSequence}). */
    record Progress(long offset, long nextDateAdded) {
    }

    /** One version of an object: its version (epoch ms), date added, and a hash of the alert it came from. */
    record VersionRow(long version, long dateAdded, int alertHash) {
    }

    private final RocksDB db;
    private final Options options;
    private final LRUCache cache;
    private final WriteBufferManager writeBuffers;
    // no write-ahead log: progress is written in the same batch as the entries, so whatever a crash
    // leaves (the last flushed memtable) is consistent, and the reader resumes from there
    private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);

    private CollectionIndex(RocksDB db, Options options, LRUCache cache, WriteBufferManager writeBuffers) {
        this.db = db;
        this.options = options;
        this.cache = cache;
        this.writeBuffers = writeBuffers;
    }

    static CollectionIndex open(Path directory, long memoryBytes) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the TAXII index directory " + directory, e);
        }
        LRUCache cache = new LRUCache(memoryBytes);
        // memtables count against the same budget: up to half of it before they are flushed
        WriteBufferManager writeBuffers = new WriteBufferManager(memoryBytes / 2, cache);
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setCacheIndexAndFilterBlocks(true)
                .setPinL0FilterAndIndexBlocksInCache(true)
                .setFilterPolicy(new BloomFilter(10, false))
                .setBlockSize(16 * 1024);
        Options options = new Options()
                .setCreateIfMissing(true)
                .useFixedLengthPrefixExtractor(ObjectKeys.VERSION_PREFIX)
                .setTableFormatConfig(table)
                .setWriteBufferManager(writeBuffers)
                .setWriteBufferSize(Math.max(1L << 20, memoryBytes / 4))
                .setMaxWriteBufferNumber(2)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
                .setMaxOpenFiles(256)
                .setKeepLogFileNum(2)
                .setMaxBackgroundJobs(2)
                .setManifestPreallocationSize(64 * 1024); // RocksDB's 4 MiB is allocated on disk while the index is open
        try {
            return new CollectionIndex(RocksDB.open(options, directory.toString()), options, cache, writeBuffers);
        } catch (RocksDBException e) {
            options.close();
            writeBuffers.close();
            cache.close();
            throw new IllegalStateException("cannot open the TAXII index in " + directory + ": " + e.getMessage(), e);
        }
    }

    RocksDB db() {
        return db;
    }

    void write(WriteBatch batch) {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot write the TAXII index: " + e.getMessage(), e);
        }
    }

    Map<TopicPartition, Progress> progress() {
        Map<TopicPartition, Progress> progress = new HashMap<>();
        byte[] prefix = ObjectKeys.progressPrefix();
        try (ReadOptions ordered = new ReadOptions().setTotalOrderSeek(true); RocksIterator it = db.newIterator(ordered)) {
            for (it.seek(prefix); it.isValid() && ObjectKeys.startsWith(it.key(), prefix); it.next()) {
                ByteBuffer value = ByteBuffer.wrap(it.value());
                progress.put(ObjectKeys.partitionOf(it.key()), new Progress(value.getLong(), value.getLong()));
            }
        }
        return progress;
    }

    static byte[] progressValue(Progress progress) {
        return ByteBuffer.allocate(16).putLong(progress.offset()).putLong(progress.nextDateAdded()).array();
    }

    static byte[] versionValue(long dateAdded, int alertHash) {
        return ByteBuffer.allocate(12).putLong(dateAdded).putInt(alertHash).array();
    }

    static VersionRow versionRow(byte[] key, byte[] value) {
        ByteBuffer v = ByteBuffer.wrap(value);
        return new VersionRow(ObjectKeys.versionOf(key), v.getLong(), v.getInt());
    }

    /** A consistent view of the index for one request. */
    Reader reader() {
        return new Reader();
    }

    /** Off-heap memory in use, in bytes: the block cache (memtables charged to it included), pinned blocks, and table readers outside it. */
    Map<String, Long> memory() {
        Map<String, Long> memory = new HashMap<>();
        memory.put("blockCacheUsage", cache.getUsage());
        memory.put("blockCachePinned", cache.getPinnedUsage());
        for (String property : List.of("rocksdb.cur-size-all-mem-tables", "rocksdb.estimate-table-readers-mem")) {
            try {
                memory.put(property, db.getLongProperty(property));
            } catch (RocksDBException e) {
                memory.put(property, -1L);
            }
        }
        return memory;
    }

    @Override
    public void close() {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        } catch (RocksDBException e) {
            // not flushed: the next start re-reads from the last flushed progress
        }
        db.close();
        options.close();
        writeBuffers.close();
        cache.close();
        writeOptions.close();
    }

    final class Reader implements AutoCloseable {
        private final Snapshot snapshot = db.getSnapshot();
        private final ReadOptions read = new ReadOptions().setSnapshot(snapshot).setTotalOrderSeek(true);
        private final ReadOptions oneObject = new ReadOptions().setSnapshot(snapshot).setPrefixSameAsStart(true);

        /** Visits a party's objects added strictly after {@code afterMicros}, oldest first, while {@code visitor} returns true. */
        void listing(String party, long afterMicros, Predicate<ListedObject> visitor) {
            byte[] end = ObjectKeys.listingEnd(party);
            try (RocksIterator it = db.newIterator(read)) {
                for (it.seek(ObjectKeys.listingAfter(party, afterMicros)); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    if (java.util.Arrays.compareUnsigned(key, end) >= 0) {
                        return;
                    }
                    if (!visitor.test(ListedObject.decode(ObjectKeys.dateAdded(key), it.value()))) {
                        return;
                    }
                }
            }
        }

        Optional<ListedObject> listed(String party, long dateAdded) {
            try {
                byte[] value = db.get(read, ObjectKeys.listing(party, dateAdded));
                return value == null ? Optional.empty() : Optional.of(ListedObject.decode(dateAdded, value));
            } catch (RocksDBException e) {
                throw new IllegalStateException("cannot read the TAXII index: " + e.getMessage(), e);
            }
        }

        /** Every version of one object, oldest version first. */
        List<VersionRow> versions(String party, StixId id) {
            List<VersionRow> rows = new ArrayList<>();
            byte[] prefix = ObjectKeys.versionsOf(party, id);
            try (RocksIterator it = db.newIterator(oneObject)) {
                for (it.seek(prefix); it.isValid() && ObjectKeys.startsWith(it.key(), prefix); it.next()) {
                    rows.add(versionRow(it.key(), it.value()));
                }
            }
            return rows;
        }

        @Override
        public void close() {
            read.close();
            oneObject.close();
            db.releaseSnapshot(snapshot);
        }
    }
}
