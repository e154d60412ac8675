package org.caspianhub.streams.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.embedded.EmbeddedPlatform;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.normalize.Normalized;
import org.caspianhub.indicators.relate.Locality;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Settings;
import org.caspianhub.serde.AvroDeserializer;
import org.caspianhub.streams.PipelineMetrics;
import org.caspianhub.streams.StreamsService;
import org.caspianhub.streams.StreamsSettings;
import org.caspianhub.streams.merge.MergeProcessor;
import org.caspianhub.streams.topology.StreamsProperties;
import org.caspianhub.testkit.bench.BenchTable;
import org.caspianhub.testkit.bench.CpuClock;
import org.caspianhub.testkit.bench.Latencies;
import org.caspianhub.testkit.bench.RawKafkaBaseline;
import org.caspianhub.topics.HubTopics;
import org.caspianhub.topics.TopicCatalogue;
import org.caspianhub.topics.Topics;

/**
 * Figures for the topology, through a real broker in this process ({@code ./bench.sh streams}):
 *
 * <ol>
 * <li>raw Kafka: the same submission bytes produced (acks=all, idempotent) and consumed
 *     (read_committed), no hub code;</li>
 * <li>a one-stage Kafka Streams pass-through of the same bytes with the hub's exactly-once settings;</li>
 * <li>the hub topology at full speed: submissions per second, from the first send until every
 *     resulting alert is readable (read_committed);</li>
 * <li>the hub topology at a fixed offered load: submission-to-alert latency, p50 and p99, from
 *     each alert's {@code sourceTimestamp} (the submission's acceptance) to the moment a
 *     read_committed consumer has it;</li>
 * <li>the hub topology at full speed again, with submissions partitioned by key as a producer
 *     writing to Kafka directly would: most events then cross the repartition topic;</li>
 * <li>two rows without the hub's logic ({@link KafkaIoFloor}): one store write per submission (the
 *     "bare reduce"), and the hub's whole Kafka traffic (store write, publication and as many alerts
 *     as the hub sent, copied from its output). No topology writing those records beats the second
 *     on this machine: it is the ceiling for the hub's figure.</li>
 * </ol>
 *
 * Except in the partitioned-by-key row, submissions are written to their locality's partition, as
 * the gateway, feed poller and importers write them (the indicators module's {@code Locality}).
 * Every pass runs once unmeasured first, and the hub is warmed up until the JIT is nearly idle:
 * the figures are the steady state a long-running service reaches.
 *
 * Options: {@code --records N} (default 200000), {@code --rate R} (5000/s), {@code --seconds S}
 * (20), {@code --threads T} (the service default), {@code --partitions P} (partitions per topic, the
 * platform default 6), {@code --warm-ups W} (at most 6 warm-up rounds), {@code --party-compression C}
 * (the {@code compression.type} of the topics parties read, the platform default gzip), {@code --quick} (50000
 * records, 10 s). With {@code -Dbench.debug=true}: CPU by thread (JIT, GC and RocksDB's native
 * threads included) and Kafka's own timings.
 */
public final class StreamsBenchmark {

    private static final String[] PARTIES = {"ir", "az"};

    private int records = 200_000;
    private int rate = 5_000;
    private int seconds = 20;
    private Integer threads;
    private int partitions = 0;
    private int warmUps = 6;
    private String partyCompression;

    public static void main(String[] args) throws Exception {
        StreamsBenchmark bench = new StreamsBenchmark();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> bench.records = Integer.parseInt(args[++i]);
                case "--rate" -> bench.rate = Integer.parseInt(args[++i]);
                case "--seconds" -> bench.seconds = Integer.parseInt(args[++i]);
                case "--threads" -> bench.threads = Integer.parseInt(args[++i]);
                case "--partitions" -> bench.partitions = Integer.parseInt(args[++i]);
                case "--warm-ups" -> bench.warmUps = Integer.parseInt(args[++i]);
                case "--party-compression" -> bench.partyCompression = args[++i];
                case "--quick" -> {
                    bench.records = 50_000;
                    bench.seconds = 10;
                }
                case "--help", "-h" -> {
                    System.out.println("./bench.sh streams [--records N] [--rate R] [--seconds S] [--threads T]"
                            + " [--partitions P] [--warm-ups W] [--party-compression gzip|lz4|...] [--quick]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        bench.run();
        System.exit(0);
    }

    private void run() throws Exception {
        Map<String, String> overrides = new HashMap<>();
        if (partitions > 0) {
            overrides.put("CASPIAN_TOPIC_PARTITIONS", Integer.toString(partitions));
        }
        if (partyCompression != null) {
            overrides.put("CASPIAN_PARTY_TOPIC_COMPRESSION", partyCompression);
        }
        try (EmbeddedPlatform platform = overrides.isEmpty() ? EmbeddedPlatform.ephemeral()
                : new EmbeddedPlatform(org.caspianhub.embedded.BrokerSettings.ephemeral(), 0, Settings.of(overrides))) {
            platform.start();
            PlatformSettings platformSettings = platform.platformSettings();
            int partitions = platformSettings.topicLayout().partitions();
            Topics topics = new Topics(platformSettings.schemaRegistry());
            System.out.printf("broker %s, %d partitions per topic, party topics in %s, %d CPUs%n", platform.bootstrapServers(), partitions,
                    platformSettings.topicLayout().partyCompression(),
                    Runtime.getRuntime().availableProcessors());

            SubmissionMix mix = new SubmissionMix(42, "t", PARTIES);
            Batch batch = batch(mix, records, topics, partitions, true);
            List<byte[]> keys = batch.keys();
            List<byte[]> values = batch.values();
            System.out.printf("mix: %d submissions: %d new, %d re-submissions, %d cross-party overlaps, %d invalid%n",
                    records, mix.unique, mix.resubmissions, mix.overlaps, mix.invalid);

            BenchTable table = new BenchTable("Streams topology: " + records + " submissions, exactly_once_v2");

            // Every pass runs once unmeasured first: the JIT compiles the broker's and the clients' code on the
            // first records through them, and a figure taken then would measure the compiler.
            RawKafkaBaseline.run(platform.bootstrapServers(), partitions, keys, values);
            long cpu = CpuClock.processNanos();
            otherLoad();
            RawKafkaBaseline.Result raw = RawKafkaBaseline.run(platform.bootstrapServers(), partitions, keys, values);
            table.add("raw Kafka produce + consume (same bytes)", raw.records(), raw.endToEndSeconds());
            cpuNotes.add(cpuNote("raw Kafka", cpu, records));
            System.out.printf("raw baseline: %,.0f records/s%n", raw.rate());

            StreamsSettings settings = settings(platform, "bench-pass-through");
            passThrough(platform, settings, partitions, keys, values);
            cpu = CpuClock.processNanos();
            otherLoad();
            double pass = passThrough(platform, settings, partitions, keys, values);
            cpuNotes.add(cpuNote("pass-through", cpu, records));
            table.add("Kafka Streams pass-through, 1 stage, EOS", records, pass);
            System.out.printf("pass-through: %,.0f records/s%n", records / pass);

            KafkaIoFloor.Shape hubShape;
            String hubWarmUp;
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (StreamsService hub = new StreamsService(settings(platform, "bench-hub"), registry)) {
                hub.start();
                hubWarmUp = warmUp(platform, hub, topics, partitions, Math.max(10_000, records));
                cpu = CpuClock.processNanos();
                otherLoad();
                Map<String, Long> threadCpu = CpuClock.byThread();
                Map<String, Long> osThreadCpu = CpuClock.byOsThreadName();
                Instant passStart = Instant.now();
                Pass full = throughput(platform, hub, topics, batch);
                // to find this pass in a profile recorded from the start (-XX:StartFlightRecording, async-profiler)
                System.out.printf("hub topology, full speed: from %s to %s%n", passStart, Instant.now());
                long streamThreads = CpuClock.byThread().entrySet().stream().filter(e -> e.getKey().contains("bench-hub")
                        && e.getKey().contains("StreamThread")).mapToLong(e -> e.getValue()
                        - threadCpu.getOrDefault(e.getKey(), 0L)).sum();
                cpuNotes.add(String.format("hub stream threads alone %.0f us", streamThreads / 1e3 / records));
                System.out.printf("hub stream threads: %.1f us CPU per record%n", streamThreads / 1e3 / records);
                if (Boolean.getBoolean("bench.debug")) {
                    printCpuByThread(cpu, threadCpu, osThreadCpu);
                }
                cpuNotes.add(cpuNote("hub topology", cpu, records));
                debugMetrics(registry);
                table.add("hub topology, full speed", records, full.seconds());
                System.out.printf("hub topology: %,.0f submissions/s%n", records / full.seconds());

                gcNote();
                Latencies latencies = new Latencies();
                otherLoad();
                long sent = latency(platform, hub, topics, partitions, latencies);
                table.add("hub topology at " + rate + "/s offered", sent, seconds,
                        latencies.percentileMillis(50), latencies.percentileMillis(99));
                System.out.println("latency at " + rate + "/s: " + latencies.summary() + gcNote() + otherLoad());
                debugMetrics(registry);

                // a producer writing to Kafka directly, partitioning by key: most events take the repartition topic
                Batch byKey = batch(new SubmissionMix(43, "k", PARTIES), records, topics, partitions, false);
                cpu = CpuClock.processNanos();
                otherLoad();
                double keyed = throughput(platform, hub, topics, byKey).seconds();
                cpuNotes.add(cpuNote("hub topology, partitioned by key", cpu, records));
                table.add("hub topology, full speed, submissions partitioned by key", records, keyed);
                System.out.printf("hub topology, partitioned by key: %,.0f submissions/s%n", records / keyed);

                // the records the hub wrote, to write the same again without the hub's logic
                String bootstrap = platform.bootstrapServers();
                hubShape = new KafkaIoFloor.Shape(
                        KafkaIoFloor.sample(bootstrap, "bench-hub-" + MergeProcessor.INDICATORS_STORE + "-changelog", 5_000),
                        KafkaIoFloor.sample(bootstrap, HubTopics.INDICATORS, 5_000),
                        KafkaIoFloor.sample(bootstrap, HubTopics.alerts(PartyId.of(PARTIES[0])), 5_000),
                        full.alerts() / records);
            }

            // What the hub's Kafka I/O costs with no hub logic: the ceiling for the hub's figure on this machine.
            Properties hubProperties = StreamsProperties.of(settings(platform, "bench-floor"),
                    new PipelineMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
            for (KafkaIoFloor.Shape shape : List.of(KafkaIoFloor.Shape.storeOnly(hubShape.states()), hubShape)) {
                boolean storeOnly = shape.alerts().isEmpty();
                String label = storeOnly
                        ? "bare store write per submission (get + put, changelog), EOS: no outputs"
                        : String.format("the hub's Kafka I/O alone, EOS: store write + publication + %.2f alerts "
                                + "per submission, no hub logic", shape.alertsPerSubmission());
                KafkaIoFloor.run(platform.bootstrapServers(), hubProperties, "bench-floor", batch.topics(),
                        batch.partitions(), keys, values, partitions, shape);
                cpu = CpuClock.processNanos();
                otherLoad();
                double floor = KafkaIoFloor.run(platform.bootstrapServers(), hubProperties, "bench-floor", batch.topics(),
                        batch.partitions(), keys, values, partitions, shape);
                cpuNotes.add(cpuNote(storeOnly ? "bare store write" : "hub's Kafka I/O alone", cpu, records));
                table.add(label, records, floor);
                System.out.printf("%s: %,.0f submissions/s%n", label, records / floor);
            }
            table.note("Process CPU per record (broker, clients and topology together; independent of other load on "
                    + "the machine): " + String.join(", ", cpuNotes) + ".");
            table.note("Mix: " + pct(mix.unique) + " new indicators, " + pct(mix.resubmissions) + " re-submissions, "
                    + pct(mix.overlaps) + " cross-party overlaps, " + pct(mix.invalid) + " invalid; TLP 10% CLEAR, "
                    + "45% GREEN, 35% AMBER, 5% AMBER+STRICT, 5% RED; 3% with an incident reference.");
            table.note("Submissions are written to their locality's partition as the gateway, feed poller and importers "
                    + "do (the topology merges them where they arrive), except in the row partitioned by key (a producer "
                    + "writing to Kafka directly: about " + (partitions - 1) + " in " + partitions
                    + " events cross the repartition topic).");
            table.note("Every pass ran once unmeasured first. The hub was warmed up with rounds of other submissions until "
                    + "the JIT compilers worked less than a tenth of a round, at most " + warmUps + " rounds (one round left "
                    + "them busy for most of the next pass): " + hubWarmUp + ".");
            table.note("Hub rows: from the first send until every resulting alert is readable with read_committed; "
                    + "latency from each alert's sourceTimestamp to its consumption, first 3 s excluded as warm-up.");
            table.print(System.out);
        }
    }

    private final List<String> cpuNotes = new ArrayList<>();

    /** With -Dbench.debug=true: Kafka Streams' and the clients' own timings, to see where latency goes. */
    private static void debugMetrics(PrometheusMeterRegistry registry) {
        if (Boolean.getBoolean("bench.debug")) {
            registry.scrape().lines().filter(l -> !l.startsWith("#")).filter(l -> l.matches(
                    "kafka_(stream_thread_(commit_latency|poll_latency|process_latency|punctuate_latency|commit_rate|poll_records_avg|process_records_avg)"
                            + "|producer_(request_latency_avg|request_latency_max|txn_commit_time_ns_total|flush_time_ns_total|txn_send_offsets_time_ns_total|batch_size_avg|records_per_request_avg|record_queue_time_avg|record_queue_time_max)"
                            + "|consumer_fetch_manager_(fetch_latency_avg|fetch_latency_max|records_per_request_avg|fetch_size_avg)).*"))
                    .forEach(System.out::println);
        }
    }

    private long gcCountMark;
    private long gcMillisMark;

    /** Garbage collections since the last call: their pauses show up in the latency tail. */
    private String gcNote() {
        long count = 0;
        long millis = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += gc.getCollectionCount();
            millis += gc.getCollectionTime();
        }
        String note = String.format("; %d GCs, %d ms in GC", count - gcCountMark, millis - gcMillisMark);
        gcCountMark = count;
        gcMillisMark = millis;
        return note;
    }

    private static String cpuNote(String pass, long cpuBefore, long records) {
        double micros = (CpuClock.processNanos() - cpuBefore) / 1e3 / records;
        System.out.printf("%s: %.1f us CPU per record%s%n", pass, micros, otherLoad());
        return String.format("%s %.0f us", pass, micros);
    }

    private String pct(int n) {
        return String.format("%.0f%%", 100.0 * n / records);
    }

    private StreamsSettings settings(EmbeddedPlatform platform, String applicationId) throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("CASPIAN_STREAMS_APPLICATION_ID", applicationId);
        values.put("CASPIAN_STREAMS_STATE_DIR", Files.createTempDirectory("bench-streams").toString());
        values.put("CASPIAN_STREAMS_PORT", "0");
        if (threads != null) {
            System.setProperty("caspian.streams.threads", threads.toString());
        }
        values.put("CASPIAN_KAFKA_BOOTSTRAP", platform.bootstrapServers());
        values.put("CASPIAN_SCHEMA_REGISTRY_URL", platform.schemaRegistryUrl());
        // -Dcaspian.streams.commit.interval=100ms and the like still override, to try other settings
        return StreamsSettings.from(Settings.fromEnvironment().with(values));
    }

    // ---- pass-through --------------------------------------------------------------------------

    private double passThrough(EmbeddedPlatform platform, StreamsSettings settings, int partitions, List<byte[]> keys,
                               List<byte[]> values) throws Exception {
        String in = "bench.pass.in." + UUID.randomUUID();
        String out = "bench.pass.out." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(in, partitions, (short) 1), new NewTopic(out, partitions, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        Properties props = StreamsProperties.of(settings, new PipelineMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
             KafkaConsumer<byte[], byte[]> consumer = consumer(platform, List.of(out));
             KafkaProducer<byte[], byte[]> producer = producer(platform)) {
            streams.start();
            waitFor(() -> streams.state() == KafkaStreams.State.RUNNING, Duration.ofMinutes(1));
            consumer.poll(Duration.ofMillis(100));
            long start = System.nanoTime();
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(in, keys.get(i), values.get(i)));
            }
            producer.flush();
            long consumed = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (consumed < values.size() && System.nanoTime() < deadline) {
                consumed += consumer.poll(Duration.ofMillis(100)).count();
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    // ---- full speed ----------------------------------------------------------------------------

    /** A full-speed pass: its seconds and the alerts it produced. */
    private record Pass(double seconds, double alerts) {
    }

    private Pass throughput(EmbeddedPlatform platform, StreamsService hub, Topics topics, Batch batch)
            throws Exception {
        List<byte[]> values = batch.values();
        AlertReader reader = new AlertReader(platform, topics, Instant.EPOCH, null);
        reader.start();
        MeterRegistry registry = hub.metrics().registry();
        double acceptedBefore = sum(registry, "caspian.submissions.accepted");
        double rejectedBefore = sum(registry, "caspian.submissions.rejected");
        double mergedBefore = hub.metrics().mergedCount();
        double alertsBefore = sum(registry, "caspian.alerts");
        double localBefore = placement(registry, "local");
        double repartitionedBefore = placement(registry, "repartition");
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = producer(platform)) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(batch.topics().get(i), batch.partitions().get(i), batch.keys().get(i),
                        values.get(i)));
            }
            producer.flush();
        }
        waitFor(() -> {
            double accepted = sum(registry, "caspian.submissions.accepted") - acceptedBefore;
            double rejected = sum(registry, "caspian.submissions.rejected") - rejectedBefore;
            return accepted + rejected >= values.size() && hub.metrics().mergedCount() - mergedBefore >= accepted;
        }, Duration.ofMinutes(10));
        waitFor(() -> reader.count.get() >= sum(registry, "caspian.alerts") - alertsBefore, Duration.ofMinutes(2));
        double elapsed = (System.nanoTime() - start) / 1e9;
        reader.stop();
        double alerts = sum(registry, "caspian.alerts") - alertsBefore;
        System.out.printf("%,d submissions: %,.0f alerts written and read; events merged in place %,.0f, "
                        + "repartitioned %,.0f%n", values.size(), alerts,
                placement(registry, "local") - localBefore, placement(registry, "repartition") - repartitionedBefore);
        return new Pass(elapsed, alerts);
    }

    /**
     * Warms the JIT up on the topology's code with other submissions until it has little left to compile:
     * rounds of {@code count} submissions until the compilers worked less than a tenth of a round's time
     * (at most {@code --warm-ups} rounds). One round left them busy for most of the next pass.
     */
    private String warmUp(EmbeddedPlatform platform, StreamsService hub, Topics topics, int partitions, int count)
            throws Exception {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        String summary = "no warm-up";
        for (int round = 1; round <= warmUps; round++) {
            Batch warm = batch(new SubmissionMix(99 + round, "w" + round, PARTIES), count, topics, partitions, true);
            long compiling = jit.getTotalCompilationTime();
            long cpu = CpuClock.processNanos();
            double seconds = throughput(platform, hub, topics, warm).seconds();
            double compilingSeconds = (jit.getTotalCompilationTime() - compiling) / 1e3;
            System.out.printf("warm-up %d: %,d submissions in %.1f s (%,.0f/s), %.0f us CPU each, JIT compiling %.1f s%n",
                    round, count, seconds, count / seconds, (CpuClock.processNanos() - cpu) / 1e3 / count,
                    compilingSeconds);
            summary = String.format("%d round(s) of %,d submissions; in the last, %,.0f/s and %.1f s of JIT compiling in "
                    + "%.1f s", round, count, count / seconds, compilingSeconds, seconds);
            if (compilingSeconds < seconds / 10) {
                break;
            }
        }
        return summary;
    }

    /** With -Dbench.debug=true: which threads spent the pass's CPU, Java's and the JVM's own (JIT, GC, RocksDB). */
    private static void printCpuByThread(long processCpuBefore, Map<String, Long> javaBefore, Map<String, Long> osBefore) {
        Map<String, Long> delta = new java.util.TreeMap<>();
        CpuClock.byThread().forEach((name, nanos) -> delta.merge(name.replaceAll("#\\d+$", "")
                .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "X").replaceAll("-\\d+$", ""),
                nanos - javaBefore.getOrDefault(name, 0L), Long::sum));
        long javaTotal = delta.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("process CPU %.1f s, Java threads %.1f s%n",
                (CpuClock.processNanos() - processCpuBefore) / 1e9, javaTotal / 1e9);
        printTop(delta);
        System.out.println("by operating-system thread name (JIT, GC and native threads included):");
        Map<String, Long> os = new java.util.TreeMap<>();
        CpuClock.byOsThreadName().forEach((name, nanos) -> os.put(name, nanos - osBefore.getOrDefault(name, 0L)));
        printTop(os);
    }

    private static void printTop(Map<String, Long> cpuByName) {
        cpuByName.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(15)
                .forEach(e -> System.out.printf("  %6.2f s  %s%n", e.getValue() / 1e9, e.getKey()));
    }

    /** Submissions serialized for their party's topic, with the partition each is written to. */
    private record Batch(List<String> topics, List<Integer> partitions, List<byte[]> keys, List<byte[]> values) {
    }

    /**
     * {@code count} submissions from {@code mix}; {@code byLocality}: written to their locality's
     * partition as the gateway does, otherwise partitioned by key (submission id) by the producer.
     */
    private static Batch batch(SubmissionMix mix, int count, Topics topics, int partitions, boolean byLocality) {
        List<String> targets = new ArrayList<>(count);
        List<Integer> partitionList = new ArrayList<>(count);
        List<byte[]> keys = new ArrayList<>(count);
        List<byte[]> values = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            SubmissionMix.Item item = mix.next(now);
            String topic = HubTopics.submissions(PartyId.of(item.party()));
            targets.add(topic);
            partitionList.add(byLocality ? localityPartition(item.submission(), partitions) : null);
            keys.add(item.submission().getSubmissionId().getBytes(StandardCharsets.UTF_8));
            values.add(topics.valueSerde(TopicCatalogue.SUBMISSIONS).serializer().serialize(topic, item.submission()));
        }
        return new Batch(targets, partitionList, keys, values);
    }

    private static final IndicatorNormalizer NORMALIZER = new IndicatorNormalizer();

    /** The partition the gateway writes a submission to (its locality's); null (by key) for an invalid value. */
    private static Integer localityPartition(IndicatorSubmission submission, int partitions) {
        return NORMALIZER.normalize(submission.getValue(), submission.getType()) instanceof Normalized.Valid valid
                ? Locality.partitionOf(valid, partitions) : null;
    }

    // ---- fixed rate ----------------------------------------------------------------------------

    private long latency(EmbeddedPlatform platform, StreamsService hub, Topics topics, int partitions,
                         Latencies latencies) throws Exception {
        SubmissionMix mix = new SubmissionMix(7, "l", PARTIES);
        Instant phaseStart = Instant.now();
        AlertReader reader = new AlertReader(platform, topics, phaseStart.plusSeconds(3), latencies);
        reader.start();
        MeterRegistry registry = hub.metrics().registry();
        double acceptedBefore = sum(registry, "caspian.submissions.accepted");
        double mergedBefore = hub.metrics().mergedCount();
        long total = (long) rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = producer(platform)) {
            var serializer = topics.valueSerde(TopicCatalogue.SUBMISSIONS).serializer();
            for (long i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 200_000) {
                    TimeUnit.NANOSECONDS.sleep(wait - 100_000);
                }
                SubmissionMix.Item item = mix.next(Instant.now());
                String topic = HubTopics.submissions(PartyId.of(item.party()));
                IndicatorSubmission s = item.submission();
                producer.send(new ProducerRecord<>(topic, localityPartition(s, partitions),
                        s.getSubmissionId().getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, s)));
            }
            producer.flush();
        }
        double accepted = mix.unique + mix.resubmissions + mix.overlaps;
        waitFor(() -> hub.metrics().mergedCount() - mergedBefore >= accepted
                && sum(registry, "caspian.submissions.accepted") - acceptedBefore >= accepted, Duration.ofMinutes(5));
        Thread.sleep(2_000);
        reader.stop();
        if (Boolean.getBoolean("bench.debug")) {
            System.out.println("slowest alert per second of submissions (ms): " + reader.worstBySecond.values());
        }
        return total;
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Reads every party's alerts (read_committed) on its own thread, counting them and their latency. */
    private static final class AlertReader {
        final AtomicLong count = new AtomicLong();
        /** The slowest alert of each second of submissions: a tail that is one stall shows as one bad second. */
        final java.util.concurrent.ConcurrentSkipListMap<Long, Long> worstBySecond =
                new java.util.concurrent.ConcurrentSkipListMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        AlertReader(EmbeddedPlatform platform, Topics topics, Instant measureFrom, Latencies latencies) {
            List<String> alertTopics = new ArrayList<>();
            for (String p : PARTIES) {
                alertTopics.add(HubTopics.alerts(PartyId.of(p)));
            }
            AvroDeserializer<Alert> alerts = (AvroDeserializer<Alert>) topics.alertSerde().deserializer();
            long from = measureFrom.toEpochMilli();
            KafkaConsumer<byte[], byte[]> consumer = consumer(platform, alertTopics);
            thread = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                            count.incrementAndGet();
                            if (latencies != null) {
                                long received = System.currentTimeMillis();
                                Alert alert = alerts.deserialize(r.topic(), r.value());
                                long source = alert.getSourceTimestamp().toEpochMilli();
                                if (source >= from) {
                                    latencies.recordMillis(received - source);
                                    worstBySecond.merge(source / 1000, received - source, Math::max);
                                }
                            }
                        }
                    }
                }
            }, "alert-reader");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    private static long machineMark = machineBusyNanos();
    private static long processMark = CpuClock.processNanos();
    private static long wallMark = System.nanoTime();

    /**
     * CPU the rest of the machine used since the last call, in cores (Linux {@code /proc/stat}):
     * figures measured while other processes were busy are not comparable with quiet ones.
     */
    static String otherLoad() {
        long machine = machineBusyNanos();
        long process = CpuClock.processNanos();
        long wall = System.nanoTime();
        String note = machine < 0 ? "" : String.format(" (other processes used %.2f cores meanwhile)",
                Math.max(0, (machine - machineMark) - (process - processMark)) / (double) (wall - wallMark));
        machineMark = machine;
        processMark = process;
        wallMark = wall;
        return note;
    }

    private static long machineBusyNanos() {
        try {
            String[] f = Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal (not idle, iowait)
                busy += Long.parseLong(f[i]);
            }
            return busy * 10_000_000L; // USER_HZ 100
        } catch (Exception e) {
            return -1;
        }
    }

    private static double placement(MeterRegistry registry, String path) {
        Counter c = registry.find("caspian.events.placement").tag("path", path).counter();
        return c == null ? 0 : c.count();
    }

    private static double sum(MeterRegistry registry, String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(EmbeddedPlatform platform, List<String> topics) {
        return readCommitted(platform.bootstrapServers(), topics, "latest");
    }

    /** A read_committed consumer of {@code topics} in a group of its own, its partitions assigned. */
    static KafkaConsumer<byte[], byte[]> readCommitted(String bootstrapServers, List<String> topics, String offsetReset) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a partner's reader tuned for latency: it does not park its fetches for the default 500 ms
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        if (topics.isEmpty()) {
            return consumer;
        }
        consumer.subscribe(topics);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        return consumer;
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedPlatform platform) {
        return producer(platform.bootstrapServers());
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("benchmark condition not reached within " + timeout);
            }
            Thread.sleep(10);
        }
    }

}
