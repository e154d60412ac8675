package org.caspianhub.hub.chaos;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A partner's webhook receiver on loopback: answers 200 to every POST (after {@code delay}) and
 * counts deliveries per {@code Idempotency-Key} (the alert id), so duplicates at the receiver can
 * be told apart from alerts never delivered. {@link #down()} closes its socket (connections are
 * refused, as for a receiver in maintenance); {@link #up()} listens on the same port again.
 */
public final class CountingReceiver implements AutoCloseable {

    private final int port;
    private final Duration delay;
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
    private final AtomicLong lastDeliveryAt = new AtomicLong();
    private HttpServer server;

    public CountingReceiver(Duration delay) {
        this.port = org.caspianhub.embedded.FreePorts.find();
        this.delay = delay;
        up();
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hooks/chaos";
    }

    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("the receiver cannot listen on " + port + " again", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                if (!delay.isZero()) {
                    ChildJvm.sleep(delay.toMillis());
                }
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                if (key != null) {
                    deliveries.merge(key, 1, Integer::sum);
                    lastDeliveryAt.set(System.nanoTime());
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    /** Stops listening: every delivery attempt is refused until {@link #up()}. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
            server = null;
        }
    }

    /** Alert ids delivered at least once. */
    public Set<String> delivered() {
        return Set.copyOf(deliveries.keySet());
    }

    /** Deliveries beyond the first of each alert (the receiver deduplicates them on Idempotency-Key). */
    public long duplicates() {
        return deliveries.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    }

    public long lastDeliveryAt() {
        return lastDeliveryAt.get();
    }

    @Override
    public void close() {
        down();
    }
}
