package org.caspianhub.hub.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A counted load through the real gateway, as an analyst's tool would send it: {@code total}
 * distinct IPv4 indicators (TLP:GREEN, so the other party gets an alert for each) in batches, each
 * batch under its own {@code Idempotency-Key}. A batch that is not acknowledged (connection
 * refused, reset, 5xx) is sent again, same key and body, until it is or the load gives up; only
 * items the gateway answered {@code accepted} count as acknowledged. Several gateway URLs are used
 * in turn (replicas behind a load balancer).
 */
public final class SubmissionLoad implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Supplier<List<String>> gateways;
    private final String bearer;
    private final int total;
    private final int batchSize;
    private final Duration pause;
    private final Duration giveUp;
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger resent = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();
    private final AtomicLong lastAcknowledgedAt = new AtomicLong();
    private final List<long[]> acknowledgements = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopped;

    /**
     * @param gateways the gateways' base URLs, asked before every request (a restarted one may move)
     * @param pause    between batches, so that a fault lands mid-load
     * @param giveUp   how long one batch is retried before it is abandoned (and counted as such)
     */
    public SubmissionLoad(Supplier<List<String>> gateways, String bearer, int total, int batchSize, Duration pause,
                          Duration giveUp) {
        this.gateways = gateways;
        this.bearer = bearer;
        this.total = total;
        this.batchSize = batchSize;
        this.pause = pause;
        this.giveUp = giveUp;
    }

    /** The indicator key ({@code ipv4:...}) of the load's {@code i}-th submission. */
    public static String key(int i) {
        return "ipv4:" + value(i);
    }

    private static String value(int i) {
        return "5.188." + (i / 250) + "." + (i % 250 + 1);
    }

    @Override
    public void run() {
        int request = 0;
        for (int first = 0; first < total && !stopped; first += batchSize) {
            String body = batch(first, Math.min(total, first + batchSize));
            String idempotencyKey = UUID.randomUUID().toString();
            long deadline = System.nanoTime() + giveUp.toNanos();
            boolean done = false;
            for (int attempt = 0; !done && !stopped; attempt++) {
                if (attempt > 0) {
                    resent.incrementAndGet();
                    if (System.nanoTime() > deadline) {
                        abandoned.incrementAndGet();
                        break;
                    }
                    ChildJvm.sleep(250);
                }
                List<String> urls = gateways.get();
                done = send(urls.get(request++ % urls.size()), idempotencyKey, body);
            }
            if (!pause.isZero()) {
                ChildJvm.sleep(pause.toMillis());
            }
        }
    }

    private static String batch(int from, int to) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray("items");
        for (int i = from; i < to; i++) {
            items.addObject().put("value", value(i)).put("tlp", "green").put("confidence", 80);
        }
        return body.toString();
    }

    /** True when the gateway answered the batch (2xx); its accepted items are then acknowledged. */
    private boolean send(String gateway, String idempotencyKey, String body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/indicators"))
                    .timeout(Duration.ofSeconds(40)).header("Authorization", "Bearer " + bearer)
                    .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() < 200 || response.statusCode() > 299) {
                return false;
            }
            JsonNode items = JSON.readTree(body).get("items");
            int accepted = 0;
            for (JsonNode result : JSON.readTree(response.body()).path("results")) {
                if ("accepted".equals(result.path("status").asText())) {
                    acknowledged.putIfAbsent("ipv4:" + items.get(result.path("index").asInt()).get("value").asText(),
                            System.nanoTime());
                    accepted++;
                }
            }
            long now = System.nanoTime();
            lastAcknowledgedAt.set(now);
            acknowledgements.add(new long[] {now, accepted});
            return true;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            return false;
        }
    }

    public void stop() {
        stopped = true;
    }

    /** Indicator keys the gateway acknowledged. */
    public Set<String> acknowledged() {
        return Set.copyOf(acknowledged.keySet());
    }

    /** Indicator keys first acknowledged at or after {@code since} (System.nanoTime). */
    public Set<String> acknowledgedAfter(long since) {
        Set<String> keys = new java.util.HashSet<>();
        acknowledged.forEach((key, at) -> {
            if (at >= since) {
                keys.add(key);
            }
        });
        return keys;
    }

    public int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Requests sent again under the same key after one was not answered. */
    public int resent() {
        return resent.get();
    }

    /** Batches given up on (never acknowledged): not counted as acknowledged, so not as lost either. */
    public int abandoned() {
        return abandoned.get();
    }

    /** When (System.nanoTime) the gateway first acknowledged a batch at or after {@code since}; -1 if never. */
    public long firstAcknowledgedAfter(long since) {
        synchronized (acknowledgements) {
            return acknowledgements.stream().mapToLong(a -> a[0]).filter(t -> t >= since).min().orElse(-1);
        }
    }

    /** Blocks until {@code count} items are acknowledged (or the load ended). */
    public void awaitAcknowledged(int count, Thread loader) {
        while (acknowledged.size() < count && loader.isAlive()) {
            ChildJvm.sleep(50);
        }
    }
}
