package org.caspianhub.consumers.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.dispatch.AlertDispatcherService;
import org.caspianhub.consumers.dispatch.DispatcherSettings;
import org.caspianhub.consumers.subscription.AlertFilter;
import org.caspianhub.consumers.subscription.DeliveryPolicy;
import org.caspianhub.consumers.subscription.Destination;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.consumers.subscription.WebhookFormat;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.embedded.EmbeddedPlatform;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.Secret;
import org.caspianhub.testkit.bench.BenchTable;
import org.caspianhub.testkit.bench.CpuClock;
import org.caspianhub.testkit.bench.Latencies;
import org.caspianhub.testkit.bench.RawKafkaBaseline;
import org.caspianhub.topics.Topics;

/**
 * Webhook delivery against a raw Kafka baseline, on its own embedded broker, in one run:
 * <ol>
 * <li>raw Kafka: the same alert records (bytes) produced with acks=all and consumed back;</li>
 * <li>throughput: the dispatcher delivering that many alerts, signed, to a local receiver;</li>
 * <li>latency: alerts offered at a steady rate, each timed from its creation until the receiver
 * has it, next to raw Kafka's produce-to-consume latency at the same rate.</li>
 * </ol>
 * {@code ./bench.sh consumers [--alerts 50000] [--rate 1000] [--seconds 15] [--in-flight 64] [--quick]}
 */
public final class DeliveryBenchmark {

    private static final Secret SECRET = new Secret("benchmark-webhook-secret-0123456789");
    private static final PartyId THROUGHPUT_PARTY = PartyId.of("ir");
    private static final PartyId LATENCY_PARTY = PartyId.of("az");

    private int alerts = 50_000;
    private int jitWarmUp = 10_000;
    private int rate = 1_000;
    private int seconds = 15;
    private int inFlight = 64;
    private boolean cpuByThread;

    public static void main(String[] args) throws Exception {
        DeliveryBenchmark bench = new DeliveryBenchmark();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--alerts" -> bench.alerts = Integer.parseInt(args[++i]);
                case "--rate" -> bench.rate = Integer.parseInt(args[++i]);
                case "--seconds" -> bench.seconds = Integer.parseInt(args[++i]);
                case "--in-flight" -> bench.inFlight = Integer.parseInt(args[++i]);
                case "--cpu-by-thread" -> bench.cpuByThread = true;
                case "--quick" -> {
                    bench.alerts = 20_000;
                    bench.jitWarmUp = 5_000;
                    bench.seconds = 8;
                }
                case "--help", "-h" -> {
                    System.out.println("""
                            DeliveryBenchmark: webhook delivery rate and alert-to-delivery latency vs raw Kafka
                              --alerts N      alerts in the throughput pass (default 50000), after 10000 more to warm the JIT up
                              --rate R        alerts per second offered in the latency pass (default 1000)
                              --seconds S     length of the latency pass (default 15)
                              --in-flight K   concurrent deliveries of the subscription (default 64)
                              --quick         20000 alerts (5000 to warm up), 8 s latency pass: about a minute in all
                              --cpu-by-thread print where the throughput pass spent its CPU, by thread group""");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        bench.run();
        System.exit(0);
    }

    private void run() throws Exception {
        EmbeddedPlatform platform = EmbeddedPlatform.ephemeral();
        platform.start();
        Receiver receiver = new Receiver();
        try {
            Topics topics = new Topics(platform.platformSettings().schemaRegistry());
            int partitions = platform.platformSettings().topicLayout().partitions();
            BenchTable table = new BenchTable("Webhook delivery (consumers), " + Runtime.getRuntime().availableProcessors()
                    + " cores, " + partitions + " partitions, " + inFlight + " deliveries in flight, receiver on loopback");

            // 1. the baseline: the same alert bytes through raw Kafka
            List<Alert> batch = new ArrayList<>();
            for (int i = 0; i < alerts; i++) {
                batch.add(alert(THROUGHPUT_PARTY, i));
            }
            List<byte[]> keys = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            String topic = topics.alerts(THROUGHPUT_PARTY).name();
            for (Alert alert : batch) {
                keys.add(alert.getAlertId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                values.add(topics.alertSerde().serializer().serialize(topic, alert));
            }
            long rawCpu = CpuClock.processNanos();
            RawKafkaBaseline.Result raw = RawKafkaBaseline.run(platform.bootstrapServers(), partitions, keys, values);
            rawCpu = CpuClock.processNanos() - rawCpu;
            table.add("raw Kafka produce + consume, same records (baseline)", raw.records(), raw.endToEndSeconds());

            DispatcherSettings settings = DispatcherSettings.from(platform.connectedSettings()
                            .with(Map.of("CASPIAN_DISPATCHER_PORT", "0")))
                    .withSubscriptions(List.of(subscription("bench-throughput", THROUGHPUT_PARTY, receiver.url()),
                            subscription("bench-latency", LATENCY_PARTY, receiver.url())));
            try (AlertDispatcherService dispatcher = new AlertDispatcherService(settings);
                 KafkaProducer<String, Alert> producer = producer(platform, topics);
                 KafkaProducer<byte[], byte[]> bytes = rawProducer(platform)) {
                dispatcher.start();
                warmUp(producer, topics, receiver);
                // the JIT compiles the delivery path on these, so the measured pass is not mostly interpreted code
                receiver.reset();
                for (int i = 0; i < jitWarmUp; i++) {
                    Alert alert = alert(THROUGHPUT_PARTY, i);
                    producer.send(new ProducerRecord<>(topic, alert.getAlertId(), alert));
                }
                producer.flush();
                receiver.awaitDeliveries(jitWarmUp, Duration.ofMinutes(5));

                // 2. throughput: the baseline's very bytes, produced as fast as Kafka takes them; the clock stops at the last delivery
                receiver.reset();
                Map<String, Long> threadCpu = CpuClock.byThreadGroup();
                long deliveryCpu = CpuClock.processNanos();
                long start = System.nanoTime();
                for (int i = 0; i < alerts; i++) {
                    bytes.send(new ProducerRecord<>(topic, keys.get(i), values.get(i)));
                }
                bytes.flush();
                receiver.awaitDeliveries(alerts, Duration.ofMinutes(5));
                double throughputSeconds = (System.nanoTime() - start) / 1e9;
                deliveryCpu = CpuClock.processNanos() - deliveryCpu;
                if (cpuByThread) {
                    printCpuByThread(threadCpu, CpuClock.byThreadGroup(), alerts);
                }
                table.add("webhook delivery (signed JSON POST, offsets committed after delivery)", alerts, throughputSeconds);
                int cores = Runtime.getRuntime().availableProcessors();
                double rawMicros = rawCpu / 1e3 / raw.records();
                double deliveryMicros = deliveryCpu / 1e3 / alerts;
                table.note(String.format("CPU per record, whole process (broker, registry, dispatcher, receiver): raw Kafka %.0f µs, "
                        + "webhook delivery %.0f µs; %d cores fully available would sustain about %,.0f deliveries/s. "
                        + "Load average during the run: %.1f (other work on the machine competes for the cores).",
                        rawMicros, deliveryMicros, cores, cores * 1e6 / deliveryMicros,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));

                // 3. latency at a steady rate, next to raw Kafka at the same rate
                Latencies rawLatency = rawLatency(platform, partitions, values.get(0));
                table.add("raw Kafka produce -> consume at " + rate + "/s (latency baseline)", rawLatency.count(), seconds,
                        rawLatency.percentileMillis(50), rawLatency.percentileMillis(99));
                receiver.reset();
                Latencies delivery = paced(producer, topics, receiver);
                table.add("alert created -> webhook received at " + rate + "/s", delivery.count(), seconds,
                        delivery.percentileMillis(50), delivery.percentileMillis(99));
            }
            table.note("Targets: at least 5,000 webhook deliveries/s; alert-to-delivery p99 under 100 ms at 1,000 alerts/s offered. "
                    + "Delivery includes JSON rendering, HMAC-SHA256 signing, an HTTP/1.1 POST per alert and the receiver's answer; "
                    + "the receiver is a JDK HttpServer on the same machine, sharing its cores.");
            table.print(System.out);
        } finally {
            receiver.close();
            platform.close();
        }
    }

    private static void printCpuByThread(Map<String, Long> before, Map<String, Long> after, int records) {
        System.out.println("CPU of the throughput pass by thread group, microseconds per delivered alert:");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(25)
                .forEach(e -> System.out.printf("  %8.1f  %s%n", e.getValue() / 1e3 / records, e.getKey()));
    }

    private Subscription subscription(String id, PartyId party, URI url) {
        DeliveryPolicy policy = new DeliveryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10),
                inFlight, Duration.ofMinutes(1), "latest", Duration.ofHours(1));
        return new Subscription(id, party, new Destination.Webhook(url, WebhookFormat.JSON, SECRET, true), AlertFilter.all(), policy);
    }

    private static Alert alert(PartyId party, int i) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Alerts.alert(party, "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255))
                .setAlertId("bench-" + UUID.randomUUID()).setCreatedAt(now).setSourceTimestamp(now).build();
    }

    private static KafkaProducer<String, Alert> producer(EmbeddedPlatform platform, Topics topics) {
        Map<String, Object> props = new HashMap<>(platform.platformSettings().kafkaClientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props, new StringSerializer(), topics.alertSerde().serializer());
    }

    private static KafkaProducer<byte[], byte[]> rawProducer(EmbeddedPlatform platform) {
        Map<String, Object> props = new HashMap<>(platform.platformSettings().kafkaClientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Until both subscriptions have joined their groups and delivered once (subscriptions start at "latest"). */
    private static void warmUp(KafkaProducer<String, Alert> producer, Topics topics, Receiver receiver) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (PartyId party : List.of(THROUGHPUT_PARTY, LATENCY_PARTY)) {
            int before = receiver.count();
            while (receiver.count() == before) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the dispatcher delivered nothing within 60 s");
                }
                Alert alert = alert(party, 0);
                producer.send(new ProducerRecord<>(topics.alerts(party).name(), alert.getAlertId(), alert)).get();
                Thread.sleep(500);
            }
        }
    }

    /** Offers alerts at {@code rate}/s for {@code seconds}; the receiver times each from its creation. */
    private Latencies paced(KafkaProducer<String, Alert> producer, Topics topics, Receiver receiver) throws Exception {
        String topic = topics.alerts(LATENCY_PARTY).name();
        long total = (long) rate * seconds;
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(Math.max(1_000, (due - System.nanoTime()) / 2));
            }
            Alert alert = alert(LATENCY_PARTY, (int) i);
            receiver.expect(alert.getAlertId(), System.nanoTime());
            producer.send(new ProducerRecord<>(topic, alert.getAlertId(), alert));
        }
        producer.flush();
        receiver.awaitDeliveries((int) total, Duration.ofMinutes(2));
        return receiver.latencies();
    }

    /** Raw Kafka's produce-to-consume latency for the same record size at the same rate. */
    private Latencies rawLatency(EmbeddedPlatform platform, int partitions, byte[] value) throws Exception {
        String topic = "bench.raw.latency." + UUID.randomUUID();
        Map<String, Object> common = new HashMap<>(platform.platformSettings().kafkaClientProperties());
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> producerProps = new HashMap<>(common);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        Map<String, Object> consumerProps = new HashMap<>(common);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Latencies latencies = new Latencies();
        long total = (long) rate * seconds;
        AtomicLong consumed = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            Thread reader = new Thread(() -> {
                try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
                    consumer.subscribe(List.of(topic));
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 60L);
                    while (consumed.get() < total && System.nanoTime() < deadline) {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                            long sent = java.nio.ByteBuffer.wrap(record.key()).getLong();
                            latencies.recordNanos(System.nanoTime() - sent);
                            consumed.incrementAndGet();
                        }
                    }
                }
            }, "raw-latency-reader");
            reader.start();
            Thread.sleep(2_000); // let the reader join its group
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(Math.max(1_000, (due - System.nanoTime()) / 2));
                }
                byte[] key = java.nio.ByteBuffer.allocate(8).putLong(System.nanoTime()).array();
                producer.send(new ProducerRecord<>(topic, key, value));
            }
            producer.flush();
            reader.join(TimeUnit.SECONDS.toMillis(seconds + 70L));
        }
        return latencies;
    }

    /** The partner's webhook receiver: counts distinct alerts, times those it was told to expect. */
    private static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService executor = Executors.newFixedThreadPool(16);
        private final Map<String, Boolean> delivered = new ConcurrentHashMap<>();
        private final Map<String, Long> expected = new ConcurrentHashMap<>();
        private volatile Latencies latencies = new Latencies();

        Receiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            server.setExecutor(executor);
            server.createContext("/", exchange -> {
                long now = System.nanoTime();
                try (InputStream in = exchange.getRequestBody()) {
                    in.readAllBytes();
                }
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                if (key != null && delivered.putIfAbsent(key, Boolean.TRUE) == null) {
                    Long sent = expected.remove(key);
                    if (sent != null) {
                        latencies.recordNanos(now - sent);
                    }
                }
                exchange.sendResponseHeaders(204, -1);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.flush();
                }
            });
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
        }

        void expect(String alertId, long sentNanos) {
            expected.put(alertId, sentNanos);
        }

        int count() {
            return delivered.size();
        }

        Latencies latencies() {
            return latencies;
        }

        void reset() {
            delivered.clear();
            expected.clear();
            latencies = new Latencies();
        }

        void awaitDeliveries(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (delivered.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + delivered.size() + " of " + count + " alerts delivered in " + timeout);
                }
                Thread.sleep(5);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
