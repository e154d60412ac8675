package org.caspianhub.producers.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.avro.Tlp;
import org.caspianhub.embedded.EmbeddedPlatform;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.gateway.GatewayService;
import org.caspianhub.producers.gateway.GatewaySettings;
import org.caspianhub.testkit.bench.BenchTable;
import org.caspianhub.testkit.bench.Latencies;
import org.caspianhub.testkit.bench.RawKafkaBaseline;
import org.caspianhub.topics.HubTopics;
import org.caspianhub.topics.TopicCatalogue;
import org.caspianhub.topics.Topics;

/**
 * {@code ./bench.sh producers [--records N] [--clients C] [--batch B] [--import-lines L] [--import-xmx M] [--quick]}
 *
 * <p>Gateway throughput: N indicators posted in batches of B by C concurrent HTTP clients to a real
 * gateway writing to a real embedded broker, each request answered after the broker acknowledged
 * it; next to the raw baseline (the same records' Avro bytes produced with {@code acks=all} and
 * idempotence, then consumed). Then the bounded-memory import: L blocklist lines through
 * {@code POST /api/v1/imports} in a child JVM limited to M of heap.
 */
public final class GatewayBenchmark {

    public static void main(String[] args) throws Exception {
        int records = 200_000;
        int clients = 8;
        int batch = 500;
        int importLines = 1_000_000;
        String importXmx = "128m";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> records = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--import-lines" -> importLines = Integer.parseInt(args[++i]);
                case "--import-xmx" -> importXmx = args[++i];
                case "--quick" -> {
                    records = 50_000;
                    importLines = 100_000;
                }
                case "--help" -> {
                    System.out.println("options: --records N (200000) --clients C (8) --batch B (500) "
                            + "--import-lines L (1000000, 0 to skip) --import-xmx M (128m) --quick (50000 records, 100000 lines: under a minute)");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        records = records / batch * batch;
        try (EmbeddedPlatform platform = EmbeddedPlatform.ephemeral()) {
            platform.start();
            PartyId ir = PartyId.of("ir");
            System.out.printf("broker %s, %d records in batches of %d, %d clients, %d cores%n", platform.bootstrapServers(),
                    records, batch, clients, Runtime.getRuntime().availableProcessors());

            List<String> values = new ArrayList<>(records);
            for (int i = 0; i < records; i++) {
                values.add(i % 2 == 0 ? "203.0." + ((i >> 8) & 255) + "." + (i & 255) : "bench-" + i + ".evil.example");
            }
            BenchTable table = new BenchTable("Gateway: indicators/s into the real broker (batches of " + batch + ")");

            // the baseline: the same records as the gateway would write, as Avro bytes, raw
            Topics topics = new Topics(platform.platformSettings().schemaRegistry());
            List<byte[]> keys = new ArrayList<>(records);
            List<byte[]> bytes = new ArrayList<>(records);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (String value : values) {
                String id = UUID.randomUUID().toString();
                keys.add(id.getBytes(StandardCharsets.UTF_8));
                bytes.add(topics.valueSerde(TopicCatalogue.SUBMISSIONS).serializer().serialize(HubTopics.submissions(ir),
                        IndicatorSubmission.newBuilder().setSubmissionId(id).setParty("ir").setAction(SubmissionAction.SUBMIT)
                                .setValue(value).setTlp(Tlp.GREEN).setChannel(SourceChannel.ANALYST).setSubmitter("demo-ir-analyst")
                                .setSubmittedAt(now).build()));
            }
            RawKafkaBaseline.Result raw = RawKafkaBaseline.run(platform.bootstrapServers(),
                    platform.platformSettings().topicLayout().partitions(), keys, bytes);
            table.add("raw producer acks=all idempotent + consume (baseline)", raw.records(), raw.endToEndSeconds());
            keys = null;
            bytes = null;

            Path state = Files.createTempDirectory("bench-gateway");
            GatewaySettings settings = GatewaySettings.from(platform.connectedSettings().with(Map.of(
                    "CASPIAN_GATEWAY_PORT", "0", "CASPIAN_GATEWAY_STATE_DIR", state.toString(),
                    "CASPIAN_GATEWAY_PRODUCERS", Integer.toString(clients),
                    "CASPIAN_GATEWAY_ATOMIC_BATCHES", System.getProperty("atomic", "true"),
                    "CASPIAN_GATEWAY_STATUS_APP_ID", "bench-status-" + UUID.randomUUID())));
            try (GatewayService gateway = new GatewayService(settings)) {
                gateway.start();
                List<String> bodies = new ArrayList<>();
                for (int from = 0; from < records; from += batch) {
                    StringBuilder body = new StringBuilder("{\"items\":[");
                    for (int i = from; i < from + batch; i++) {
                        body.append(i == from ? "" : ",").append("{\"value\":\"").append(values.get(i))
                                .append("\",\"tlp\":\"green\",\"confidence\":70,\"tags\":[\"bench\"]}");
                    }
                    bodies.add(body.append("]}").toString());
                }
                post(gateway, bodies.subList(0, Math.min(10, bodies.size())), clients, new Latencies()); // warm up
                Latencies latencies = new Latencies();
                long start = System.nanoTime();
                long accepted = post(gateway, bodies, clients, latencies);
                double seconds = (System.nanoTime() - start) / 1e9;
                table.add("gateway POST /api/v1/indicators, " + clients + " clients (answered after ack)", accepted, seconds,
                        latencies.percentileMillis(50), latencies.percentileMillis(99));
                table.note("Request latency (one batch of " + batch + "): " + latencies.summary()
                        + ". Target: at least 20,000 indicators/s; measured " + String.format("%,.0f", accepted / seconds) + "/s.");
            }

            if (importLines > 0) {
                String line = importInChildJvm(platform, importLines, importXmx);
                table.note("Bounded-memory import, " + importXmx + " heap: " + line);
            }
            table.print(System.out);
        }
        System.exit(0);
    }

    private static long post(GatewayService gateway, List<String> bodies, int clients, Latencies latencies) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(gateway.url() + "/api/v1/indicators");
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < bodies.size()) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer demo-ir-analyst").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build(), HttpResponse.BodyHandlers.ofString());
                    latencies.recordNanos(System.nanoTime() - t0);
                    if (response.statusCode() != 202) {
                        throw new IllegalStateException("gateway answered " + response.statusCode() + ": " + response.body());
                    }
                    String body = response.body();
                    accepted.addAndGet(Long.parseLong(body.substring(body.indexOf("\"accepted\":") + 11, body.indexOf(','))));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return accepted.get();
    }

    private static String importInChildJvm(EmbeddedPlatform platform, int lines, String xmx) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx" + xmx, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LargeImportCheck.class.getName(), platform.bootstrapServers(), platform.schemaRegistryUrl(), "ir",
                Integer.toString(lines)).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("IMPORT ") || line.contains("OutOfMemoryError")) {
                    result = line;
                }
            }
        }
        int exit = child.waitFor();
        return (result == null ? "no result" : result) + " (child exit " + exit + ")";
    }
}
