package org.caspianhub.producers.imports;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.caspianhub.avro.Tlp;

/**
 * Reads one STIX file with the importer's reader in THIS JVM, which {@link ImportMemoryTest} starts
 * with a small {@code -Xmx}. Prints {@code READ entries=.. fileMB=.. liveHeapMB=.. maxHeapMB=..} or
 * {@code REFUSED <reason> ...}; an OutOfMemoryError ends it with a non-zero exit.
 */
public final class SmallHeapImport {

    private SmallHeapImport() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        AtomicLong entries = new AtomicLong();
        String outcome;
        try {
            new StixBundleReader(Clock.systemUTC()).read(file, ImportDefaults.tlp(Tlp.AMBER), entry -> entries.incrementAndGet());
            outcome = "READ entries=" + entries.get();
        } catch (ImportFormatException e) {
            outcome = "REFUSED " + e.getMessage() + " entries=" + entries.get();
        }
        System.gc();
        long live = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
                .mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
        System.out.printf("%s fileMB=%d liveHeapAfterGcMB=%d peakHeapMB=%d maxHeapMB=%d%n", outcome,
                java.nio.file.Files.size(file) >> 20, live >> 20, peak() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** The most each heap pool held at once during the run, summed: an upper bound of the heap used. */
    private static long peak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
