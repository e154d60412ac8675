package org.caspianhub.producers.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.embedded.EmbeddedPlatform;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.knowledge.KnowledgeBase;
import org.caspianhub.producers.knowledge.RocksViewStore;
import org.caspianhub.testkit.bench.BenchTable;
import org.caspianhub.testkit.bench.Latencies;
import org.caspianhub.topics.HubTopics;
import org.caspianhub.topics.Topics;

/**
 * {@code ./bench.sh knowledge [--indicators N] [--clients C] [--xmx M] [--quick]}
 *
 * <p>The pull side with N indicators stored: N alerts written straight to {@code cti.ir.alerts}
 * (as the topology writes them; the topology itself is measured by {@code ./bench.sh streams}),
 * read by a real gateway in a child JVM with an M heap (256m); then, over HTTP: single look-ups
 * from C clients (twice: with the JDK's HttpClient, and with kept-alive sockets as a load generator
 * such as wrk sends them, each with the gateway's and the clients' CPU per look-up), bulk look-ups of 1,000 values, the first page of filtered searches, exports of
 * every active indicator as text, csv, stix and the MISP feed, and alert-to-look-up latency. The
 * baseline, in the same run: raw point reads of the same RocksDB store (the gateway stopped, the
 * store opened in this JVM), and its bytes per indicator after a compaction.
 */
public final class KnowledgeBenchmark {

    private static final String[] TAGS = new String[20];

    static {
        for (int i = 0; i < TAGS.length; i++) {
            TAGS[i] = "tag-" + i;
        }
    }

    public static void main(String[] args) throws Exception {
        int indicators = 1_000_000;
        int clients = 4;
        String xmx = "256m";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--indicators" -> indicators = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--xmx" -> xmx = args[++i];
                case "--quick" -> indicators = 100_000;
                case "--help" -> {
                    System.out.println("options: --indicators N (1000000) --clients C (4) --xmx M (256m: the gateway's heap) "
                            + "--quick (100000 indicators)");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        try (EmbeddedPlatform platform = EmbeddedPlatform.ephemeral()) {
            platform.start();
            PartyId ir = PartyId.of("ir");
            String topic = HubTopics.alerts(ir);
            System.out.printf("broker %s, %,d indicators, %d clients, gateway heap %s, %d cores%n",
                    platform.bootstrapServers(), indicators, clients, xmx, Runtime.getRuntime().availableProcessors());
            Rows table = new Rows(); // printed after the baseline, which needs the store the gateway built
            List<String> cpuNotes = new ArrayList<>();

            long t0 = System.nanoTime();
            write(platform, topic, 0, indicators);
            double written = (System.nanoTime() - t0) / 1e9;
            table.add("alerts written to " + topic + " (setup, not the hub)", indicators, written);

            Path state = Files.createTempDirectory("bench-knowledge");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-Xmx" + xmx, "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), KnowledgeGatewayProcess.class.getName(),
                    platform.bootstrapServers(), platform.schemaRegistryUrl(), state.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter toChild = new PrintWriter(new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8), true);
            String ready = awaitLine(fromChild, "READY");
            String[] r = ready.split(" ");
            String url = r[1];
            table.add("gateway's read model reads the alert topic into its store (" + xmx + " heap; gateway start to "
                    + "ready " + r[2] + " s)", Long.parseLong(r[3]), Double.parseDouble(r[5]));

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            int total = indicators;
            // warm up: JIT, caches
            singleLookups(http, url, total, clients, 4_000, new Latencies());

            int lookups = Math.max(20_000, clients * 5_000);
            // after reading the topic the store compacts in the background: measure once the gateway is idle
            long settleStart = System.nanoTime();
            CpuShare idle;
            do {
                idle = CpuShare.start(child);
                Thread.sleep(3_000);
            } while (idle.cores() > 0.15 && System.nanoTime() - settleStart < 120_000_000_000L);
            cpuNotes.add(idle.describeIdle() + String.format(" (waited %.0f s for it to settle after reading the topic)",
                    (System.nanoTime() - settleStart) / 1e9));
            Latencies single = new Latencies();
            CpuShare jdkCpu = CpuShare.start(child);
            long s0 = System.nanoTime();
            singleLookups(http, url, total, clients, lookups, single);
            table.add("GET /api/v1/indicators/{value}, " + clients + " clients (JDK HttpClient)", lookups,
                    (System.nanoTime() - s0) / 1e9, single.percentileMillis(50), single.percentileMillis(99));
            cpuNotes.add(jdkCpu.describe("JDK HttpClient", lookups));

            singleLookupsKeptAlive(url, total, clients, 4_000, new Latencies()); // warm up
            Latencies kept = new Latencies();
            CpuShare keptCpu = CpuShare.start(child);
            long k0 = System.nanoTime();
            singleLookupsKeptAlive(url, total, clients, lookups, kept);
            table.add("GET /api/v1/indicators/{value}, " + clients + " clients (kept-alive sockets, as wrk)", lookups,
                    (System.nanoTime() - k0) / 1e9, kept.percentileMillis(50), kept.percentileMillis(99));
            cpuNotes.add(keptCpu.describe("kept-alive sockets", lookups));

            Latencies bulk = new Latencies();
            int bulkRequests = 210; // 10 to warm up, then 200: enough requests that p99 is not simply the slowest
            long b0 = System.nanoTime();
            for (int q = 0; q < bulkRequests; q++) {
                StringBuilder body = new StringBuilder("{\"values\":[");
                for (int i = 0; i < 1000; i++) {
                    body.append(i == 0 ? "" : ",").append('"').append(value(ThreadLocalRandom.current().nextInt(total))).append('"');
                }
                long t = System.nanoTime();
                HttpResponse<String> response = http.send(request(url + "/api/v1/lookups")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                check(response, 200);
                if (q >= 10) {
                    bulk.recordNanos(System.nanoTime() - t);
                }
            }
            table.add("POST /api/v1/lookups, 1,000 values a request (" + (bulkRequests - 10) + " sequential)", (bulkRequests - 10) * 1000L,
                    (System.nanoTime() - b0) / 1e9 * (bulkRequests - 10) / bulkRequests, bulk.percentileMillis(50),
                    bulk.percentileMillis(99));

            for (String query : List.of("tag=tag-7&minScore=50", "type=domain&minScore=90&tlp=green",
                    "party=az&status=active&lastSeenFrom=2026-01-01T00:00:00Z")) {
                Latencies search = new Latencies();
                int items = 0;
                for (int q = 0; q < 60; q++) {
                    long t = System.nanoTime();
                    HttpResponse<String> response = http.send(request(url + "/api/v1/indicators?limit=100&" + query).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    check(response, 200);
                    if (q >= 10) {
                        search.recordNanos(System.nanoTime() - t);
                    }
                    items = countOf(response.body(), "\"value\":");
                }
                table.add("GET /api/v1/indicators?" + query + " first page (" + items + " items)", 50,
                        search.snapshot().getTotalCount() == 0 ? 0 : search.snapshot().getMean() * 50 / 1e9,
                        search.percentileMillis(50), search.percentileMillis(99));
            }

            for (String path : List.of("/api/v1/exports/text?active=true", "/api/v1/exports/csv?active=true",
                    "/api/v1/exports/stix?active=true", "/api/v1/exports/suricata?active=true",
                    "/api/v1/exports/zeek?active=true")) {
                long e0 = System.nanoTime();
                HttpResponse<InputStream> response = http.send(request(url + path).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                check(response.statusCode(), 200, path);
                long[] counted = path.contains("stix") ? drainCounting(response.body(), "\"type\":\"indicator\"")
                        : drain(response.body());
                double seconds = (System.nanoTime() - e0) / 1e9;
                table.add("GET " + path + String.format(" (%,d %s, %,d MB)", counted[0], path.contains("stix") ? "indicators"
                        : "lines", counted[1] >> 20), counted[0], seconds);
                if (path.contains("text")) {
                    String etag = response.headers().firstValue("ETag").orElseThrow();
                    Latencies unchanged = new Latencies();
                    for (int q = 0; q < 50; q++) {
                        long t = System.nanoTime();
                        HttpResponse<String> again = http.send(request(url + path).header("If-None-Match", etag).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
                        check(again, 304);
                        unchanged.recordNanos(System.nanoTime() - t);
                    }
                    table.add("  the same with If-None-Match: 304", 50, unchanged.snapshot().getMean() * 50 / 1e9,
                            unchanged.percentileMillis(50), unchanged.percentileMillis(99));
                }
            }
            long m0 = System.nanoTime();
            HttpResponse<String> manifest = http.send(request(url + "/api/v1/exports/misp/manifest.json?active=true").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            check(manifest, 200);
            long attributes = 0;
            long bytes = 0;
            for (String uuid : uuids(manifest.body())) {
                HttpResponse<InputStream> event = http.send(request(url + "/api/v1/exports/misp/" + uuid + ".json?active=true")
                        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                check(event.statusCode(), 200, "misp event");
                long[] c = drainCounting(event.body(), "\"to_ids\"");
                attributes += c[0];
                bytes += c[1];
            }
            table.add(String.format("MISP feed: manifest + every event, active=true (%,d attributes, %,d MB)", attributes,
                    bytes >> 20), attributes, (System.nanoTime() - m0) / 1e9);
            toChild.println("HEAP");
            String heap = awaitLine(fromChild, "HEAP");

            // alert written -> visible on look-up, one at a time
            Latencies visible = new Latencies();
            try (KafkaProducer<String, byte[]> producer = producer(platform)) {
                Topics topics = new Topics(platform.platformSettings().schemaRegistry());
                for (int i = 0; i < 200; i++) {
                    int n = total + i;
                    Alert alert = alert(n);
                    long t = System.nanoTime();
                    producer.send(new ProducerRecord<>(topic, alert.getAlertId(),
                            topics.alertSerde().serializer().serialize(topic, alert))).get();
                    String lookup = url + "/api/v1/indicators/" + URLEncoder.encode(value(n), StandardCharsets.UTF_8);
                    while (http.send(request(lookup).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                        Thread.onSpinWait();
                    }
                    visible.recordNanos(System.nanoTime() - t);
                }
            }
            table.add("alert acknowledged -> found by GET (read model's share of staleness)", 200,
                    visible.snapshot().getMean() * 200 / 1e9, visible.percentileMillis(50), visible.percentileMillis(99));

            toChild.close();
            child.waitFor();

            // the baseline: the same store, raw point reads in this JVM
            BenchTable report = new BenchTable("Knowledge: look-ups, searches and exports over " + String.format("%,d", indicators)
                    + " indicators (party ir's view)");
            try (KnowledgeBase base = new KnowledgeBase(new RocksViewStore(state.resolve("knowledge").resolve("ir"), 64L << 20), 50)) {
                Latencies raw = new Latencies();
                int reads = 200_000;
                long p0 = System.nanoTime();
                for (int i = 0; i < reads; i++) {
                    int n = ThreadLocalRandom.current().nextInt(total);
                    long t = System.nanoTime();
                    if (base.view("ir", key(n)) == null) {
                        throw new IllegalStateException("missing " + key(n));
                    }
                    raw.recordNanos(System.nanoTime() - t);
                }
                report.add("baseline: raw point read + decode of the same RocksDB store, in process (1 thread)", reads,
                        (System.nanoTime() - p0) / 1e9, raw.percentileMillis(50), raw.percentileMillis(99));
                table.rows.forEach(row -> report.add(row.name(), row.records(), row.seconds(), row.p50Millis(), row.p99Millis()));
                report.note(String.format("Baseline point read: p50 %.1f µs, p99 %.1f µs.", raw.percentileMillis(50) * 1000,
                        raw.percentileMillis(99) * 1000));
                ((RocksViewStore) base.store()).compact();
                long diskBytes = base.store().approximateBytes();
                report.note(String.format("Store on disk after compaction: %,d bytes, %.0f bytes per indicator (views, indexes, "
                        + "offsets; LZ4, ZSTD on the last level).", diskBytes, (double) diskBytes / (total + 200)));
            }
            cpuNotes.forEach(report::note);
            report.note("Gateway JVM: -Xmx" + xmx + " (max heap " + (Long.parseLong(r[4]) >> 20) + " MiB), heap in use after the "
                    + "exports and a GC: " + (Long.parseLong(heap.split(" ")[1]) >> 20) + " MiB.");
            report.print(System.out);
        }
        System.exit(0);
    }

    /** The measured rows, kept to print after the baseline. */
    private static final class Rows {
        final List<BenchTable.Row> rows = new ArrayList<>();

        void add(String name, long records, double seconds, double p50Millis, double p99Millis) {
            rows.add(new BenchTable.Row(name, records, seconds, p50Millis, p99Millis));
        }

        void add(String name, long records, double seconds) {
            add(name, records, seconds, Double.NaN, Double.NaN);
        }
    }

    // ---- the data --------------------------------------------------------------------------------

    static IndicatorType type(int n) {
        return switch (n % 4) {
            case 0 -> IndicatorType.IPV4;
            case 1 -> IndicatorType.DOMAIN;
            case 2 -> IndicatorType.URL;
            default -> IndicatorType.SHA256;
        };
    }

    static String value(int n) {
        return switch (n % 4) {
            case 0 -> "45." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
            case 1 -> "bench-" + n + ".example";
            case 2 -> "http://bench-" + n + ".example/p/" + n;
            default -> String.format("%064x", (long) n * 2654435761L);
        };
    }

    static String key(int n) {
        return type(n).name().toLowerCase(Locale.ROOT) + ":" + value(n);
    }

    static Alert alert(int n) {
        Instant at = Instant.parse("2026-02-01T00:00:00Z").plusSeconds(n % 2_000_000);
        List<String> parties = n % 3 == 0 ? List.of("az", "ir") : List.of("ir");
        List<String> tags = n % 10 == 0 ? List.of("c2", TAGS[n % 20]) : List.of(TAGS[n % 20]);
        Tlp tlp = Tlp.values()[(n / 4) % 4];
        List<Contribution> contributions = new ArrayList<>();
        for (String party : parties) {
            contributions.add(Contribution.newBuilder().setParty(party).setSubmissionCount(1).setFirstSeen(at).setLastSeen(at)
                    .setTlp(tlp).setConfidence(70).setTags(tags).setReferences(List.of("incident:INC-" + (n % 1000)))
                    .setLastSubmissionId(party.equals("ir") ? "s" + n : "").build());
        }
        int score = n % 101;
        return Alert.newBuilder().setAlertId("a-" + n).setRecipient("ir")
                .setKind(parties.size() > 1 ? AlertKind.CROSS_BORDER_MATCH : AlertKind.NEW_INDICATOR)
                .setCreatedAt(at).setSourceTimestamp(at).setIndicatorKey(key(n)).setType(type(n)).setValue(value(n))
                .setTlp(tlp).setScore(score).setSeverity(Severity.HIGH)
                .setStatus(n % 50 == 0 ? IndicatorStatus.REVOKED : IndicatorStatus.ACTIVE)
                .setParties(parties).setContributions(contributions).setTags(tags).setFirstSeen(at).setLastSeen(at)
                .setValidUntil(null).setRelated(null)
                .setSummary("New " + type(n).name().toLowerCase(Locale.ROOT) + " " + value(n) + " reported by "
                        + String.join(", ", parties) + ", score " + score + ".")
                .build();
    }

    private static void write(EmbeddedPlatform platform, String topic, int from, int to) throws Exception {
        Topics topics = new Topics(platform.platformSettings().schemaRegistry());
        try (KafkaProducer<String, byte[]> producer = producer(platform)) {
            for (int n = from; n < to; n++) {
                Alert alert = alert(n);
                producer.send(new ProducerRecord<>(topic, alert.getAlertId(), topics.alertSerde().serializer().serialize(topic, alert)));
            }
            producer.flush();
        }
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedPlatform platform) {
        Map<String, Object> props = new HashMap<>(platform.platformSettings().kafkaClientProperties());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    // ---- HTTP --------------------------------------------------------------------------------------

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer demo-ir-analyst");
    }

    /** One client thread's connection: GETs a path and answers the status. */
    private interface LookupClient extends AutoCloseable {
        int get(String path) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /** Through the JDK's HttpClient, shared by the threads (it keeps a connection per thread busy). */
    private static void singleLookups(HttpClient http, String url, int total, int clients, int count, Latencies latencies)
            throws Exception {
        singleLookups(() -> path -> http.send(request(url + path).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode(), total, clients, count, latencies);
    }

    /** Through a kept-alive socket per thread, as a load generator sends them. */
    private static void singleLookupsKeptAlive(String url, int total, int clients, int count, Latencies latencies)
            throws Exception {
        singleLookups(() -> {
            KeepAliveClient socket = new KeepAliveClient(url, "Bearer demo-ir-analyst");
            return new LookupClient() {
                @Override
                public int get(String path) throws Exception {
                    return socket.get(path);
                }

                @Override
                public void close() throws Exception {
                    socket.close();
                }
            };
        }, total, clients, count, latencies);
    }

    /** {@code count} look-ups of random stored values from {@code clients} threads, each with its own client. */
    private static void singleLookups(java.util.concurrent.Callable<LookupClient> newClient, int total, int clients, int count,
                                      Latencies latencies) throws Exception {
        AtomicLong left = new AtomicLong(count);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                try (LookupClient client = newClient.call()) {
                    while (left.decrementAndGet() >= 0) {
                        int n = ThreadLocalRandom.current().nextInt(total);
                        long t = System.nanoTime();
                        int status = client.get("/api/v1/indicators/" + URLEncoder.encode(value(n), StandardCharsets.UTF_8));
                        latencies.recordNanos(System.nanoTime() - t);
                        check(status, 200, "look-up of " + value(n));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    /**
     * The CPU the gateway and this JVM (the clients; the broker idles meanwhile) spend over a pass: on a
     * shared 2-core machine the rate is whatever CPU the gateway gets, so its CPU per request is the
     * figure that carries over to a machine of its own.
     */
    private record CpuShare(ProcessHandle gateway, long gatewayNanos, long clientNanos, long wallNanos) {
        static CpuShare start(Process gateway) {
            return new CpuShare(gateway.toHandle(), cpuNanos(gateway.toHandle()), cpuNanos(ProcessHandle.current()),
                    System.nanoTime());
        }

        String describe(String clients, int requests) {
            double gatewayMicros = (cpuNanos(gateway) - gatewayNanos) / 1e3 / requests;
            double clientMicros = (cpuNanos(ProcessHandle.current()) - clientNanos) / 1e3 / requests;
            double wallSeconds = (System.nanoTime() - wallNanos) / 1e9;
            return String.format("Single look-ups with %s: gateway CPU %.0f µs a look-up (%,.0f look-ups per CPU-second), "
                            + "clients' JVM %.0f µs; the gateway used %.2f of the %d cores over the pass.", clients,
                    gatewayMicros, 1e6 / gatewayMicros, clientMicros, gatewayMicros * requests / 1e6 / wallSeconds,
                    Runtime.getRuntime().availableProcessors());
        }

        /** The gateway's cores used since the start. */
        double cores() {
            return (cpuNanos(gateway) - gatewayNanos) / 1e9 / ((System.nanoTime() - wallNanos) / 1e9);
        }

        String describeIdle() {
            return String.format("The gateway idle (its readers polling, no requests): %.3f cores.", cores());
        }

        private static long cpuNanos(ProcessHandle process) {
            return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        }
    }

    private static void check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException("gateway answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static void check(int status, int expected, String what) {
        if (status != expected) {
            throw new IllegalStateException(what + ": gateway answered " + status);
        }
    }

    /** Lines and bytes of a streamed body. */
    private static long[] drain(InputStream in) throws Exception {
        byte[] buffer = new byte[1 << 16];
        long lines = 0;
        long bytes = 0;
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return new long[] {lines, bytes};
    }

    /** Occurrences of {@code marker} (ASCII) and bytes of a streamed body. */
    private static long[] drainCounting(InputStream in, String marker) throws Exception {
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[1 << 16];
        long found = 0;
        long bytes = 0;
        int matched = 0;
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    matched = buffer[i] == m[matched] ? matched + 1 : buffer[i] == m[0] ? 1 : 0;
                    if (matched == m.length) {
                        found++;
                        matched = 0;
                    }
                }
            }
        }
        return new long[] {found, bytes};
    }

    private static List<String> uuids(String manifest) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([0-9a-f-]{36})\":\\{").matcher(manifest);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int countOf(String text, String marker) {
        int count = 0;
        for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
            count++;
        }
        return count;
    }

    private static String awaitLine(BufferedReader in, String prefix) throws Exception {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith("FAILED")) {
                throw new IllegalStateException(line);
            }
        }
        throw new IllegalStateException("the gateway process ended before printing " + prefix);
    }
}
