package org.caspianhub.producers.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a party's read-model store takes on disk while the gateway has it open. */
class RocksViewStoreTest {

    @Test
    void anOpenEmptyStoreTakesLittleDiskNotAPreallocatedManifest(@TempDir Path dir) throws Exception {
        try (RocksViewStore store = new RocksViewStore(dir.resolve("ir"), 16L << 20)) {
            store.compact();
            // measured while open, as du sees a running gateway: RocksDB's default preallocates 4 MiB of
            // MANIFEST per store, which was 8 of the read model's 141 MB at 1,000,000 indicators
            assertThat(allocatedBytes(dir)).as("bytes allocated on disk by an open, empty store").isLessThan(1L << 20);
        }
    }

    /** {@code du -s -B1}: allocated blocks, which a preallocated file takes whether written or not. */
    private static long allocatedBytes(Path dir) throws Exception {
        Process du = new ProcessBuilder("du", "-s", "-B1", dir.toString()).start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        du.waitFor();
        return Long.parseLong(out.substring(0, out.indexOf('\t')).trim());
    }
}
