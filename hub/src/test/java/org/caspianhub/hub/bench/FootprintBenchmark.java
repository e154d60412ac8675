package org.caspianhub.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.stix.StixIds;
import org.caspianhub.hub.LocalHub;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Settings;
import org.caspianhub.topics.Topics;

/**
 * {@code ./bench.sh footprint}: what the hub costs per indicator. Loads N indicators (a quarter
 * each of IPv4, domains, URLs, SHA-256; all GREEN from {@code ir}, so both parties get alerts)
 * through the real gateway ({@code POST /api/v1/imports}) into a local hub with a fresh data
 * directory and its own ports, waits until every consumer has caught up, then prints disk per
 * indicator for each topic and each service's state directory, each consumer's catch-up time,
 * and the process's memory, with the targets of issue 15 passed or failed next to them.
 *
 * <p>Options: {@code --indicators N} (1,000,000), {@code --partitions P} (the hub's default, 6),
 * {@code --data DIR} (a temporary directory, removed afterwards unless {@code --keep}),
 * {@code --timeout-minutes M} (30).
 */
public final class FootprintBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String TAXII = "taxii";
    private static final String KNOWLEDGE = "gateway read model (knowledge)";

    private final int indicators;
    private final Path dir;
    private LocalHub hub;
    private Admin admin;
    private KafkaConsumer<byte[], byte[]> tail;
    private PlatformSettings platform;

    private FootprintBenchmark(int indicators, Path dir) {
        this.indicators = indicators;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        if (options.containsKey("help")) {
            System.out.println("./bench.sh footprint [--indicators N (1000000)] [--partitions P (6)] [--data DIR] [--keep] "
                    + "[--timeout-minutes M (30)]");
            return;
        }
        int indicators = Integer.parseInt(options.getOrDefault("indicators", "1000000"));
        Path dir = options.containsKey("data") ? Path.of(options.get("data")) : Files.createTempDirectory("caspian-footprint");
        Files.createDirectories(dir);
        Map<String, String> env = new HashMap<>(Map.of(
                "CASPIAN_BROKER_PORT", "0", "CASPIAN_CONTROLLER_PORT", "0", "CASPIAN_REGISTRY_PORT", "0",
                "CASPIAN_STREAMS_PORT", "0", "CASPIAN_GATEWAY_PORT", "0", "CASPIAN_DISPATCHER_PORT", "0",
                "CASPIAN_TAXII_PORT", "0", "CASPIAN_FEEDS_PORT", "0"));
        if (options.containsKey("partitions")) {
            env.put("CASPIAN_TOPIC_PARTITIONS", options.get("partitions"));
        }
        // the demo subscriptions log each alert they would deliver: kept, but not printed
        org.apache.logging.log4j.core.config.Configurator.setLevel("org.caspianhub.consumers.delivery.LogSender",
                org.apache.logging.log4j.Level.WARN);
        FootprintBenchmark bench = new FootprintBenchmark(indicators, dir);
        try {
            bench.run(Settings.of(env), Duration.ofMinutes(Long.parseLong(options.getOrDefault("timeout-minutes", "30"))));
        } finally {
            bench.close();
            if (!options.containsKey("keep")) {
                LocalHub.forget(dir);
            }
        }
    }

    private void run(Settings settings, Duration timeout) throws Exception {
        Path list = IndicatorList.write(dir.resolve("indicators.txt"), indicators);
        hub = new LocalHub(settings, dir.resolve("data"));
        hub.start();
        platform = hub.platform().platformSettings();
        admin = Admin.create(platform.kafkaClientProperties());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (hub.streams().state() != KafkaStreams.State.RUNNING) {
            check(deadline, "the topology to run");
            Thread.sleep(100);
        }
        System.out.printf("# Footprint: %,d indicators (GREEN from ir; parties %s), %d partitions per topic, data in %s%n",
                indicators, platform.parties().all(), platform.topicLayout().partitions(), dir);

        long importStart = System.nanoTime();
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(hub.gateway().url() + "/api/v1/imports?format=text&tlp=green"))
                .header("Authorization", "Bearer demo-ir-analyst").header("Content-Type", "text/plain")
                .timeout(timeout).POST(HttpRequest.BodyPublishers.ofFile(list)).build(), HttpResponse.BodyHandlers.ofString());
        long importEnd = System.nanoTime();
        JsonNode report = JSON.readTree(answer.body());
        System.out.printf("import: HTTP %d in %.1f s: submitted %s, refused %s%n", answer.statusCode(), seconds(importEnd - importStart),
                report.path("submitted"), report.path("refused"));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the import failed: " + answer.body());
        }

        Map<String, Long> caughtUp = watchCatchUp(importEnd, deadline);
        LastAlert last = lastAlert();
        boolean served = taxiiServes(last);
        boolean known = hub.gateway().knowledge(org.caspianhub.parties.PartyId.of(last.alert().getRecipient()))
                .view(last.alert().getRecipient(), last.alert().getIndicatorKey()) != null;
        PageTimes pages = pageTimes();
        Thread.sleep(5_000); // let the broker and the stores settle what they just wrote
        Map<String, Long> topics = DiskUsage.topics(dir.resolve("data").resolve("kafka"));
        Map<String, Long> states = DiskUsage.stateDirectories(dir.resolve("data"), "kafka");
        Path knowledgeDir = dir.resolve("data").resolve("gateway").resolve("knowledge");
        Map<String, Long> knowledge = Files.isDirectory(knowledgeDir) ? DiskUsage.stateDirectories(knowledgeDir, "") : Map.of();
        System.gc();
        printDisk(topics, states, knowledge, last, caughtUp, importStart, importEnd, served, known, pages);
        printMemory();
    }

    /**
     * Samples every consumer's lag until all are at the end of their topics and the topics stop
     * growing; a consumer caught up when it was last seen behind (relative to the import's end).
     * TAXII and the gateway's read model, which join no group, are sampled every 100 ms by a thread of their own.
     */
    private Map<String, Long> watchCatchUp(long importEnd, long deadline) throws Exception {
        Map<String, Long> lastBehind = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Long> ownLags = new java.util.concurrent.ConcurrentHashMap<>(Map.of(TAXII, -1L, KNOWLEDGE, -1L));
        List<Thread> samplers = List.of(sampler(TAXII, this::taxiiBehind, importEnd, lastBehind, ownLags),
                sampler(KNOWLEDGE, this::knowledgeBehind, importEnd, lastBehind, ownLags));
        Map<TopicPartition, Long> previousEnds = Map.of();
        int quiet = 0;
        long lastReport = System.nanoTime();
        try {
            while (true) {
                check(deadline, "every consumer to catch up");
                Map<TopicPartition, Long> ends = endOffsets();
                Map<String, Long> lags = new TreeMap<>();
                for (String group : admin.listConsumerGroups().all().get().stream().map(g -> g.groupId()).toList()) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                    long lag = 0;
                    for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                        if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                            lag += recordsBetween(tail(), entry.getKey(), entry.getValue().offset(), ends.get(entry.getKey()));
                        }
                    }
                    lags.put(group, lag);
                }
                long now = System.nanoTime();
                lags.forEach((consumer, lag) -> {
                    lastBehind.putIfAbsent(consumer, importEnd);
                    if (lag > 0) {
                        lastBehind.put(consumer, now);
                    }
                });
                lags.putAll(ownLags);
                if (now - lastReport > 15_000_000_000L) {
                    lastReport = now;
                    System.out.printf("  %.0f s after the import: lags %s%n", seconds(now - importEnd), lags);
                }
                boolean stable = ends.equals(previousEnds);
                previousEnds = ends;
                quiet = stable && lags.values().stream().allMatch(l -> l == 0) ? quiet + 1 : 0;
                if (quiet >= 4) {
                    Map<String, Long> relative = new TreeMap<>();
                    lastBehind.forEach((consumer, at) -> relative.put(consumer, Math.max(0, at - importEnd)));
                    return relative;
                }
                Thread.sleep(500);
            }
        } finally {
            for (Thread sampler : samplers) {
                sampler.interrupt();
                sampler.join(2_000);
            }
        }
    }

    /** What a reader that joins no group has still to read of one alert partition, given its committed end. */
    private interface PartitionLag {
        long behind(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long end);
    }

    /**
     * Every 100 ms, one reader's lag behind the alert topics' committed ends, on a thread and consumer of its own:
     * TAXII's by what its index holds; the gateway's read model's by the offsets it keeps with its views (the
     * offset after the last record it applied: the commit marker after that record leaves it short of the end
     * for good, so a small difference is read).
     */
    private Thread sampler(String reader, PartitionLag lag, long importEnd, Map<String, Long> lastBehind, Map<String, Long> lags) {
        Thread thread = new Thread(() -> {
            Map<String, Object> props = new HashMap<>(platform.kafkaClientProperties());
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (var party : platform.parties().all()) {
                    String topic = org.caspianhub.topics.HubTopics.alerts(party);
                    consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
                lastBehind.putIfAbsent(reader, importEnd);
                while (!Thread.currentThread().isInterrupted()) {
                    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                    long behind = 0;
                    for (TopicPartition partition : partitions) {
                        behind += lag.behind(consumer, partition, ends.get(partition));
                    }
                    lags.put(reader, behind);
                    if (behind > 0) {
                        lastBehind.put(reader, System.nanoTime());
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
                Thread.currentThread().interrupt();
            }
        }, reader + "-lag-sampler");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private long taxiiBehind(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long end) {
        return Math.max(0, end - hub.taxii().indexedOffsets().getOrDefault(partition, 0L));
    }

    private long knowledgeBehind(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long end) {
        long applied = hub.gateway().knowledge(org.caspianhub.parties.PartyId.of(partition.topic().split("\\.")[1]))
                .offset(partition.topic(), partition.partition());
        return recordsBetween(consumer, partition, applied, end);
    }

    /**
     * Records a reader at {@code from} has still to read before {@code end}. Offsets alone overcount: a
     * transaction's commit marker takes an offset, and a reader that commits the offset after its
     * last record stays one short of the end for good. So a small difference is read to be counted.
     */
    private static long recordsBetween(KafkaConsumer<byte[], byte[]> tail, TopicPartition partition, long from, long end) {
        long difference = end - from;
        if (difference <= 0 || difference > 3) {
            return Math.max(0, difference);
        }
        tail.assign(List.of(partition));
        tail.seek(partition, from);
        long records = 0;
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (tail.position(partition) < end && System.nanoTime() < until) {
            records += tail.poll(Duration.ofMillis(20)).count();
        }
        return records;
    }

    /** A read_committed consumer of the main thread's, to read small differences. */
    private KafkaConsumer<byte[], byte[]> tail() {
        if (tail == null) {
            Map<String, Object> props = new HashMap<>(platform.kafkaClientProperties());
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            tail = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return tail;
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        Set<String> topics = admin.listTopics().names().get();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
                description.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** The alert the topology appended last (the greatest broker timestamp on the alert topics). */
    private record LastAlert(long appendedAtMillis, Alert alert) {
    }

    private LastAlert lastAlert() throws Exception {
        Map<String, Object> props = new HashMap<>(platform.kafkaClientProperties());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Topics topics = new Topics(platform.schemaRegistry(), false);
        ConsumerRecord<byte[], byte[]> latest = null;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (var party : platform.parties().all()) {
                String topic = org.caspianhub.topics.HubTopics.alerts(party);
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(0, ends.get(partition) - 50));
            }
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Set<TopicPartition> open = new java.util.HashSet<>(partitions);
            while (!open.isEmpty() && System.nanoTime() < until) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (latest == null || record.timestamp() > latest.timestamp()) {
                        latest = record;
                    }
                }
                open.removeIf(p -> consumer.position(p) >= ends.get(p));
            }
        }
        if (latest == null) {
            throw new IllegalStateException("no alert was written");
        }
        return new LastAlert(latest.timestamp(), topics.alertSerde().deserializer().deserialize(latest.topic(), latest.headers(), latest.value()));
    }

    /** Whether the recipient's collection serves the last alert's indicator in the version that alert made. */
    private boolean taxiiServes(LastAlert last) throws Exception {
        Alert alert = last.alert();
        String id = StixIds.forIndicator(alert.getRecipient(), alert.getType(), alert.getIndicatorKey());
        JsonNode page = taxii("/caspian/collections/" + StixIds.collection(org.caspianhub.parties.PartyId.of(alert.getRecipient()))
                + "/objects/" + id + "/", alert.getRecipient());
        return page.path("objects").size() == 1
                && page.path("objects").get(0).path("x_caspian_alert_id").asText().equals(alert.getAlertId());
    }

    private record PageTimes(double objectsMillis, double manifestMillis, int pages, double stixBytes, double stixLz4Bytes) {
    }

    /** Pages of 100 through ir's collection, objects (rendered from the alert topic) and manifest (index only). */
    private PageTimes pageTimes() throws Exception {
        String collection = "/caspian/collections/" + StixIds.collection(org.caspianhub.parties.PartyId.of("ir")) + "/";
        int pages = 30;
        long objectsNanos = 0;
        long manifestNanos = 0;
        long json = 0;
        long compressed = 0;
        int objects = 0;
        LZ4Compressor lz4 = LZ4Factory.fastestInstance().fastCompressor();
        String next = null;
        for (int i = 0; i < pages; i++) {
            String query = "?limit=100" + (next == null ? "" : "&next=" + next);
            long start = System.nanoTime();
            JsonNode page = taxii(collection + "objects/" + query, "ir");
            objectsNanos += System.nanoTime() - start;
            start = System.nanoTime();
            taxii(collection + "manifest/" + query, "ir");
            manifestNanos += System.nanoTime() - start;
            StringBuilder block = new StringBuilder();
            for (JsonNode object : page.path("objects")) {
                byte[] bytes = JSON.writeValueAsBytes(object);
                json += bytes.length;
                block.append(object);
                objects++;
            }
            byte[] raw = block.toString().getBytes(StandardCharsets.UTF_8);
            compressed += lz4.compress(raw).length;
            if (!page.path("more").asBoolean()) {
                break;
            }
            next = page.path("next").asText();
        }
        return new PageTimes(objectsNanos / 1e6 / pages, manifestNanos / 1e6 / pages, pages,
                objects == 0 ? 0 : (double) json / objects, objects == 0 ? 0 : (double) compressed / objects);
    }

    private JsonNode taxii(String path, String party) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + hub.taxii().port() + path))
                .header("Accept", "application/taxii+json;version=2.1")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((":demo-" + party + "-soc").getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("TAXII " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private void printDisk(Map<String, Long> topics, Map<String, Long> states, Map<String, Long> knowledge, LastAlert last,
                           Map<String, Long> caughtUp, long importStart, long importEnd, boolean served, boolean known,
                           PageTimes pages) {
        Map<String, Long> rows = new LinkedHashMap<>();
        topics.forEach((topic, bytes) -> {
            if (topic.startsWith("cti.")) {
                rows.put("topic " + topic, bytes);
            }
        });
        long hubTopics = sum(topics, t -> t.startsWith("cti."));
        long alertTopics = sum(topics, t -> t.startsWith("cti.") && t.endsWith(".alerts"));
        long submissionTopics = sum(topics, t -> t.startsWith("cti.") && (t.endsWith(".submissions") || t.endsWith(".rejected")));
        rows.put("topics cti.* (the hub's own: submissions, alerts, indicators, ...)", hubTopics);
        Map<String, Long> families = new TreeMap<>();
        topics.forEach((topic, bytes) -> {
            if (!topic.startsWith("cti.")) {
                families.merge(family(topic), bytes, Long::sum);
            }
        });
        families.forEach((family, bytes) -> rows.put("topics " + family, bytes));
        long knowledgeBytes = knowledge.values().stream().mapToLong(Long::longValue).sum();
        states.forEach((name, bytes) -> {
            if (name.equals("gateway") && !knowledge.isEmpty()) {
                // the gateway keeps two stores: the status table (Kafka Streams) and each party's read model
                rows.put("state directory data/gateway but knowledge/ (the submission-status table)", bytes - knowledgeBytes);
                knowledge.forEach((party, partyBytes) -> rows.put("state directory data/gateway/knowledge/" + party
                        + " (the read model of " + party + "'s alerts)", partyBytes));
            } else {
                rows.put("state directory data/" + name, bytes);
            }
        });
        long taxii = states.getOrDefault("taxii", 0L) + sum(topics, t -> t.startsWith("caspian-taxii"));
        long whole = topics.values().stream().mapToLong(Long::longValue).sum() + states.values().stream().mapToLong(Long::longValue).sum();
        rows.put("whole hub (every topic and state directory)", whole);

        System.out.println();
        System.out.println("| component | disk MB | bytes per indicator |");
        System.out.println("|---|---:|---:|");
        rows.forEach((name, bytes) -> System.out.printf("| %s | %,.1f | %,.0f |%n", name, bytes / 1e6, (double) bytes / indicators));

        System.out.println();
        System.out.println("| against its input | bytes | input bytes | ratio |");
        System.out.println("|---|---:|---:|---:|");
        System.out.printf("| TAXII (data/taxii, no topic of its own) vs the alert topics it serves | %,d | %,d | %.2f |%n", taxii, alertTopics,
                (double) taxii / alertTopics);
        long topology = states.getOrDefault("streams", 0L) + sum(topics, t -> t.startsWith("caspian-hub"));
        System.out.printf("| topology (data/streams + caspian-hub-* topics) vs submission and rejection topics | %,d | %,d | %.2f |%n",
                topology, submissionTopics, (double) topology / submissionTopics);
        long gateway = states.getOrDefault("gateway", 0L) - knowledgeBytes;
        System.out.printf("| gateway status table (data/gateway but knowledge/) vs the submission and rejection topics it tables | %,d | %,d | %.2f |%n",
                gateway, submissionTopics, (double) gateway / submissionTopics);
        System.out.printf("| gateway read model (data/gateway/knowledge) vs the alert topics it reads | %,d | %,d | %.2f |%n",
                knowledgeBytes, alertTopics, (double) knowledgeBytes / alertTopics);

        System.out.println();
        System.out.printf("import: %.1f s. Last alert appended %.1f s after the import ended.%n", seconds(importEnd - importStart),
                (last.appendedAtMillis() - wallMillis(importEnd)) / 1000.0);
        System.out.println();
        System.out.println("| consumer | caught up (last seen behind), s after the import ended |");
        System.out.println("|---|---:|");
        caughtUp.forEach((consumer, nanos) -> System.out.printf("| %s | %.1f |%n", consumer, seconds(nanos)));
        double taxiiBehind = caughtUp.containsKey(TAXII)
                ? Math.max(0, wallMillis(importEnd + caughtUp.get(TAXII)) - last.appendedAtMillis()) / 1000.0 : Double.NaN;
        double knowledgeBehind = caughtUp.containsKey(KNOWLEDGE)
                ? Math.max(0, wallMillis(importEnd + caughtUp.get(KNOWLEDGE)) - last.appendedAtMillis()) / 1000.0 : Double.NaN;
        System.out.println();
        System.out.printf("Behind the last alert (sampled every 100 ms): TAXII %.1f s, the gateway's read model %.1f s (it holds the last alert's indicator: %s).%n",
                taxiiBehind, knowledgeBehind, known ? "yes" : "NO");
        System.out.println();
        System.out.printf("TAXII pages of 100 through ir's collection (%d pages): objects %.1f ms (rendered from the alert topic), "
                + "manifest %.1f ms (index only). A rendered object is %.0f bytes of JSON, %.0f with LZ4 in 100-object blocks: "
                + "what keeping STIX in the index would add per object version.%n", pages.pages(), pages.objectsMillis(),
                pages.manifestMillis(), pages.stixBytes(), pages.stixLz4Bytes());

        System.out.println();
        System.out.println("| target | measured | |");
        System.out.println("|---|---:|---|");
        target("whole hub under 1.5 KB per indicator", String.format("%,.0f B", (double) whole / indicators), whole < 1500L * indicators);
        target("TAXII under the size of the alert topics it serves", String.format("%.2f of them", (double) taxii / alertTopics),
                taxii < alertTopics);
        target("TAXII collection no more than 10 s behind the alert topic", String.format("%.1f s%s", taxiiBehind,
                served ? ", last alert served" : ", last alert NOT served"), served && taxiiBehind <= 10);
        target("gateway status table bounded as documented (the topics' retention, and no more bytes than the topics it tables)",
                String.format("%.2f of them", (double) gateway / submissionTopics), gateway <= submissionTopics);
    }

    private static void target(String name, String measured, boolean pass) {
        System.out.printf("| %s | %s | %s |%n", name, measured, pass ? "pass" : "FAIL");
    }

    private void printMemory() throws Exception {
        Map<String, Long> resident = ProcessMemory.resident();
        Map<String, Long> jvm = ProcessMemory.jvm();
        Map<String, Long> nmt = ProcessMemory.nativeMemoryTracking();
        System.out.println();
        System.out.println("Memory of the local hub's process (broker, registry, gateway, topology, dispatcher, TAXII, benchmark client):");
        System.out.println();
        System.out.println("| what | MB |");
        System.out.println("|---|---:|");
        resident.forEach((name, bytes) -> System.out.printf("| %s | %,.0f |%n", name, bytes / 1e6));
        jvm.forEach((name, bytes) -> System.out.printf("| JVM %s | %,.0f |%n", name, bytes / 1e6));
        if (!nmt.isEmpty()) {
            nmt.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                    .forEach(e -> System.out.printf("| NMT committed: %s | %,.0f |%n", e.getKey(), e.getValue() / 1e6));
            System.out.printf("| resident outside the JVM's own accounting (VmRSS - NMT total: RocksDB, malloc arenas, native libraries) | %,.0f |%n",
                    (resident.getOrDefault("VmRSS", 0L) - nmt.getOrDefault("total", 0L)) / 1e6);
        }
        ProcessMemory.streamsRocksDb().forEach((application, metrics) -> metrics.forEach((metric, bytes) ->
                System.out.printf("| RocksDB %s: %s | %,.0f |%n", application, metric, bytes / 1e6)));
        hub.taxii().indexMemory().forEach((metric, bytes) -> System.out.printf("| RocksDB TAXII index: %s | %,.0f |%n", metric, bytes / 1e6));
    }

    /** Kafka Streams' topics by application and kind; anything else by its own name. */
    private static String family(String topic) {
        String kind = topic.endsWith("-changelog") ? "changelogs" : topic.endsWith("-repartition") ? "repartitions" : null;
        for (String application : List.of("caspian-hub", "caspian-taxii")) {
            if (kind != null && topic.startsWith(application + "-")) {
                return application + "-* " + kind;
            }
        }
        return topic;
    }

    private static long sum(Map<String, Long> sizes, java.util.function.Predicate<String> which) {
        return sizes.entrySet().stream().filter(e -> which.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Wall-clock milliseconds of a System.nanoTime() reading. */
    private static long wallMillis(long nanoTime) {
        return System.currentTimeMillis() - (System.nanoTime() - nanoTime) / 1_000_000;
    }

    private static void check(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("timed out waiting for " + what);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "true");
            }
        }
        return options;
    }

    private void close() {
        if (tail != null) {
            tail.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (hub != null) {
            hub.close();
        }
    }
}
