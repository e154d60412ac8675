package org.caspianhub.producers.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.caspianhub.producers.gateway.GatewayService;
import org.caspianhub.producers.gateway.GatewaySettings;
import org.caspianhub.runtime.Settings;

/**
 * The gateway alone in a JVM of its own, for {@link KnowledgeBenchmark}: started with a small heap
 * ({@code -Xmx256m}) so that its exports are shown to stream. Prints {@code READY <url> <seconds to
 * catch up> <alerts applied> <max heap bytes>} once its read model has read the alert topics, then
 * serves until its standard input closes.
 *
 * <p>Arguments: bootstrap servers, registry URL, state directory.
 */
public final class KnowledgeGatewayProcess {

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.of(Map.of(
                "CASPIAN_KAFKA_BOOTSTRAP", args[0],
                "CASPIAN_SCHEMA_REGISTRY_URL", args[1],
                "CASPIAN_GATEWAY_STATE_DIR", args[2],
                "CASPIAN_GATEWAY_PORT", "0",
                "CASPIAN_GATEWAY_PRODUCERS", "1",
                "CASPIAN_GATEWAY_STATUS_APP_ID", "bench-knowledge-status-" + System.nanoTime()));
        long start = System.nanoTime();
        try (GatewayService gateway = new GatewayService(GatewaySettings.from(settings))) {
            gateway.start();
            if (!gateway.awaitKnowledge(Duration.ofHours(1))) {
                System.out.println("FAILED the read model did not catch up within an hour");
                return;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            @SuppressWarnings("unchecked")
            Map<String, Object> health = (Map<String, Object>) gateway.health().details().get("knowledge.ir"); // the bench loads ir's view
            System.out.printf("READY %s %.2f %d %d %.3f%n", gateway.url(), seconds,
                    ((Number) health.get("alertsApplied")).longValue(), Runtime.getRuntime().maxMemory(),
                    ((Number) health.get("catchUpMillis")).longValue() / 1000.0);
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("HEAP")) {
                    System.gc();
                    Runtime rt = Runtime.getRuntime();
                    System.out.println("HEAP " + (rt.totalMemory() - rt.freeMemory()));
                    System.out.flush();
                }
            }
        }
    }
}
