package org.caspianhub.consumers.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A partner's webhook receiver: a real local HTTP server (the JDK's) whose answers a test
 * scripts per request, e.g. "503 for the first two attempts of each alert, then 200", and which
 * records every request it got.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** What the receiver got. {@code attempt} counts requests with the same Idempotency-Key. */
    public record Received(String idempotencyKey, Map<String, String> headers, byte[] body, Instant at, int attempt,
                           int answered) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The receiver's answer. */
    public record Answer(int status, Map<String, String> headers, Duration delay) {
        public static Answer status(int status) {
            return new Answer(status, Map.of(), Duration.ZERO);
        }

        public static Answer ok() {
            return status(200);
        }

        public Answer after(Duration wait) {
            return new Answer(status, headers, wait);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> h = new HashMap<>(headers);
            h.put(name, value);
            return new Answer(status, h, delay);
        }
    }

    /** Decides the answer to the {@code attempt}-th request for an Idempotency-Key. */
    @FunctionalInterface
    public interface Script {
        Answer answer(String idempotencyKey, int attempt);
    }

    private final Script script;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(32);
    private volatile int port;
    private HttpServer server;

    private WebhookReceiver(Script script) {
        this.script = script;
    }

    public static WebhookReceiver start(Script script) {
        WebhookReceiver receiver = new WebhookReceiver(script);
        receiver.listen(0);
        return receiver;
    }

    /** Always 200. */
    public static WebhookReceiver accepting() {
        return start((key, attempt) -> Answer.ok());
    }

    private synchronized void listen(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 128);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + onPort + ": " + e, e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant at = Instant.now();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        String key = headers.getOrDefault("idempotency-key", "");
        int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Answer answer = script.answer(key, attempt);
        received.add(new Received(key, headers, body, at, attempt, answer.status()));
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] response = ("{\"status\":" + answer.status() + "}").getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(answer.status(), response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        } catch (IOException e) {
            // the client gave up (timeout): nothing to answer
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/hooks/cti");
    }

    public List<Received> requests() {
        return List.copyOf(received);
    }

    /** Idempotency keys this receiver accepted (answered 2xx). */
    public Set<String> delivered() {
        return received.stream().filter(r -> r.answered() >= 200 && r.answered() < 300)
                .map(Received::idempotencyKey).collect(Collectors.toSet());
    }

    public List<Received> requestsFor(String idempotencyKey) {
        return received.stream().filter(r -> r.idempotencyKey().equals(idempotencyKey)).toList();
    }

    /** Goes down: connections are refused until {@link #resume()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Comes back up on the same port. */
    public synchronized void resume() {
        if (server == null) {
            listen(port);
        }
    }

    @Override
    public void close() {
        stop();
        executor.shutdownNow();
    }
}
