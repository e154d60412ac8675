package org.caspianhub.producers.bench;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.caspianhub.producers.gateway.GatewayService;
import org.caspianhub.producers.gateway.GatewaySettings;
import org.caspianhub.runtime.Settings;

/**
 * Imports a text blocklist of N lines through a real gateway in THIS JVM, which its caller starts
 * with a small {@code -Xmx}: finishing at all shows the import runs in bounded memory. Prints one
 * line: {@code IMPORT lines=.. submitted=.. seconds=.. peakHeapMB=.. maxHeapMB=..}.
 *
 * <p>Arguments: bootstrap servers, registry URL, party id, lines.
 */
public final class LargeImportCheck {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String registry = args[1];
        String party = args[2];
        int lines = Integer.parseInt(args[3]);
        Path file = Files.createTempFile("blocklist-", ".txt");
        writeBlocklist(file, lines);
        Path state = Files.createTempDirectory("import-check-state");
        Settings settings = Settings.of(Map.of(
                "CASPIAN_KAFKA_BOOTSTRAP", bootstrap, "CASPIAN_SCHEMA_REGISTRY_URL", registry,
                "CASPIAN_PARTIES", party, "CASPIAN_AMBER_AGREEMENTS", "none",
                "CASPIAN_GATEWAY_PORT", "0", "CASPIAN_GATEWAY_STATE_DIR", state.toString(),
                "CASPIAN_GATEWAY_STATUS_APP_ID", "import-check-" + UUID.randomUUID(),
                "CASPIAN_GATEWAY_MAX_IMPORT_BYTES", Long.toString(1L << 30)));
        AtomicLong peak = new AtomicLong();
        AtomicLong liveAfterGc = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                // what survived the last collection: the import's live set, not garbage waiting for the collector
                long live = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
                        .mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
                liveAfterGc.accumulateAndGet(live, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        try (GatewayService gateway = new GatewayService(GatewaySettings.from(settings))) {
            gateway.start();
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            sampler.start();
            long start = System.nanoTime();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(gateway.url() + "/api/v1/imports?tlp=clear"))
                    .timeout(Duration.ofMinutes(30))
                    .header("Authorization", "Bearer demo-" + party + "-feed").header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            long poolPeak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            String body = response.body();
            String submitted = body.replaceAll(".*\"submitted\":(\\d+).*", "$1");
            System.out.printf("IMPORT status=%d lines=%d submitted=%s seconds=%.2f lines/s=%.0f peakHeapMB=%.1f "
                            + "maxLiveAfterGcMB=%.1f maxHeapMB=%.0f fileMB=%.1f%n",
                    response.statusCode(), lines, submitted, seconds, lines / seconds, Math.max(peak.get(), poolPeak) / 1e6,
                    liveAfterGc.get() / 1e6, Runtime.getRuntime().maxMemory() / 1e6, Files.size(file) / 1e6);
        } finally {
            Files.deleteIfExists(file);
        }
        System.exit(0);
    }

    static void writeBlocklist(Path file, int lines) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("# generated blocklist\n");
            for (int i = 0; i < lines; i++) {
                if (i % 2 == 0) {
                    out.write("198." + (18 + (i >> 16) % 2) + "." + ((i >> 8) & 255) + "." + (i & 255));
                } else {
                    out.write("host-" + i + ".bad.example");
                }
                out.write('\n');
            }
        }
    }
}
