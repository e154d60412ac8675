package org.caspianhub.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;

/** What a store configured by {@link BoundedRocksDb} takes on disk, and the compression an application chooses. */
class BoundedRocksDbTest {

    @Test
    void anOpenStoreTakesItsDataOnDiskNotAPreallocatedManifest(@TempDir Path dir) throws Exception {
        try (Options options = configured(Map.of()); RocksDB db = RocksDB.open(options, dir.toString());
             WriteOptions write = new WriteOptions().setDisableWAL(true); FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            for (int i = 0; i < 1_000; i++) {
                db.put(write, ("submission-" + i).getBytes(StandardCharsets.UTF_8), new byte[100]);
            }
            db.flush(flush);
            // measured while open, as du sees a running service: RocksDB's default preallocates 4 MiB of MANIFEST
            assertThat(allocatedBytes(dir)).as("bytes allocated on disk by a store holding about 100 KB")
                    .isLessThan(1L << 20);
        }
    }

    @Test
    void anApplicationChoosesZstdInLargerBlocksOrKeepsLz4() {
        try (Options zstd = configured(Map.of(BoundedRocksDb.COMPRESSION_CONFIG, "zstd")); Options lz4 = configured(Map.of())) {
            assertThat(zstd.compressionType()).isEqualTo(CompressionType.ZSTD_COMPRESSION);
            assertThat(((BlockBasedTableConfig) zstd.tableFormatConfig()).blockSize()).isEqualTo(16 * 1024);
            assertThat(lz4.compressionType()).isEqualTo(CompressionType.LZ4_COMPRESSION);
        }
        assertThatThrownBy(() -> configured(Map.of(BoundedRocksDb.COMPRESSION_CONFIG, "snappy")))
                .hasMessageContaining(BoundedRocksDb.COMPRESSION_CONFIG).hasMessageContaining("snappy");
    }

    private static Options configured(Map<String, Object> extra) {
        Map<String, Object> configs = new HashMap<>(extra);
        configs.put(BoundedRocksDb.TOTAL_BYTES_CONFIG, 16L << 20);
        Options options = new Options().setCreateIfMissing(true).setTableFormatConfig(new BlockBasedTableConfig());
        new BoundedRocksDb().setConfig("store", options, configs);
        return options;
    }

    /** {@code du -s -B1}: allocated blocks, which a preallocated file takes whether written or not. */
    private static long allocatedBytes(Path dir) throws Exception {
        Process du = new ProcessBuilder("du", "-s", "-B1", dir.toString()).start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        du.waitFor();
        return Long.parseLong(out.substring(0, out.indexOf('\t')).trim());
    }
}
