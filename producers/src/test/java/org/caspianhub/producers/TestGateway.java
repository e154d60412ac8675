package org.caspianhub.producers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.caspianhub.parties.Parties;
import org.caspianhub.producers.gateway.GatewayService;
import org.caspianhub.producers.gateway.GatewaySettings;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.runtime.Settings;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.caspianhub.topics.Topics;
import org.caspianhub.topics.TypedTopic;

/**
 * A real gateway on the shared embedded broker for one test class: unique parties, a free port,
 * its own status application id and state directory; plus a real HTTP client and a reader of
 * the topics it writes.
 */
public final class TestGateway implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    public final TestPlatform platform;
    public final Parties parties;
    public final Topics topics;
    public final Settings settings;
    public final HttpClient http = HttpClient.newHttpClient();
    private final Path stateDir;
    private GatewayService gateway;

    public TestGateway(String... roles) throws IOException {
        this(Map.of(), roles);
    }

    public TestGateway(Map<String, String> extra, String... roles) throws IOException {
        this(TestPlatforms.embedded(), extra, roles);
    }

    /** On another platform, such as a Testcontainers broker. */
    public TestGateway(TestPlatform platform, Map<String, String> extra, String... roles) throws IOException {
        this.platform = platform;
        this.parties = org.caspianhub.testkit.TestParties.unique(roles);
        platform.provisionTopics(parties);
        this.topics = new Topics(new HttpSchemaRegistryClient(platform.schemaRegistryUrl()));
        this.stateDir = Files.createTempDirectory("gateway-state");
        Map<String, String> values = new HashMap<>(Map.of(
                "CASPIAN_GATEWAY_PORT", "0",
                "CASPIAN_GATEWAY_STATUS_APP_ID", "gateway-status-" + UUID.randomUUID(),
                "CASPIAN_GATEWAY_STATE_DIR", stateDir.toString(),
                "CASPIAN_GATEWAY_PRODUCERS", "2"));
        values.putAll(extra);
        this.settings = platform.settings(parties).with(values);
    }

    private TestGateway(TestGateway first) throws IOException {
        this.platform = first.platform;
        this.parties = first.parties;
        this.topics = first.topics;
        this.stateDir = Files.createTempDirectory("gateway-state");
        this.settings = first.settings.with(Map.of(
                "CASPIAN_GATEWAY_STATUS_APP_ID", "gateway-status-" + UUID.randomUUID(),
                "CASPIAN_GATEWAY_STATE_DIR", stateDir.toString()));
    }

    /** Another replica of this gateway (same parties and platform; its own port, state directory and status table), not started. */
    public TestGateway replica() throws IOException {
        return new TestGateway(this);
    }

    /** Stops this replica (as a clean shutdown would); {@link #start()} starts it again on its state directory. */
    public void stop() {
        gateway.close();
    }

    public TestGateway start() throws Exception {
        gateway = new GatewayService(GatewaySettings.from(settings));
        gateway.start();
        gateway.awaitKnowledge(Duration.ofSeconds(60)); // look-ups answer 503 until the alert topics are read
        return this;
    }

    /** Stops the gateway and starts a new one with the same settings but a fresh state directory. */
    public TestGateway restartWithEmptyDisk() throws Exception {
        gateway.close();
        Path fresh = Files.createTempDirectory("gateway-state");
        gateway = new GatewayService(GatewaySettings.from(settings.with(Map.of("CASPIAN_GATEWAY_STATE_DIR", fresh.toString()))));
        gateway.start();
        return this;
    }

    public GatewayService service() {
        return gateway;
    }

    public String url() {
        return gateway.url();
    }

    /** The management listener's base URL (/health, /metrics). */
    public String managementUrl() {
        return gateway.managementUrl();
    }

    public static String key(org.caspianhub.parties.PartyId party, String role) {
        return "demo-" + party.value() + "-" + role;
    }

    public HttpResponse<String> post(String path, String key, String contentType, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String path, String key, String body) throws IOException, InterruptedException {
        return post(path, key, "application/json", body, Map.of());
    }

    public HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Every committed record of a topic: all that is there now, waiting up to {@code wait} for at least {@code expected}. */
    public <V> List<ConsumerRecord<String, V>> read(TypedTopic<String, V> topic, int expected, Duration wait) {
        return read(topic, r -> true, expected, wait);
    }

    /**
     * The committed records of a topic that match: everything up to the end offsets as of the call,
     * and, if fewer than {@code expected} matched, what arrives until then or until {@code wait} ran out.
     */
    public <V> List<ConsumerRecord<String, V>> read(TypedTopic<String, V> topic,
                                                    java.util.function.Predicate<ConsumerRecord<String, V>> matching,
                                                    int expected, Duration wait) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Deserializer<V> values = (Deserializer<V>) topic.valueSerde().deserializer();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (matching.test(r)) {
                        records.add(r);
                    }
                });
                boolean atEnd = partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                if (atEnd && records.size() >= expected) {
                    break;
                }
            }
        }
        return records;
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
    }
}
