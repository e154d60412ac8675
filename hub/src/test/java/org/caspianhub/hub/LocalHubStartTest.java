package org.caspianhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.caspianhub.runtime.Health;
import org.caspianhub.runtime.HubService;
import org.caspianhub.runtime.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local hub does not make the gateway wait for the topology: while Streams is still coming up
 * (here held back, as after a crash it waits out the old members' session timeout), the REST API
 * already accepts submissions, and they become alerts once Streams runs.
 */
class LocalHubStartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The real topology service, whose start waits until the test lets it go. */
    private static final class HeldBack implements HubService {
        private final HubService streams;
        private final CountDownLatch release;

        HeldBack(HubService streams, CountDownLatch release) {
            this.streams = streams;
            this.release = release;
        }

        @Override
        public String name() {
            return streams.name();
        }

        @Override
        public void start() throws Exception {
            release.await();
            streams.start();
        }

        @Override
        public Health health() {
            return streams.health();
        }

        @Override
        public List<String> endpoints() {
            return streams.endpoints();
        }

        @Override
        public void close() {
            release.countDown();
            streams.close();
        }
    }

    @Test
    void theGatewayAcceptsSubmissionsWhileStreamsIsNotUpAndTheyAreProcessedWhenItIs(@TempDir Path dir) throws Exception {
        Settings settings = Settings.of(Map.of(
                "CASPIAN_BROKER_PORT", "0", "CASPIAN_CONTROLLER_PORT", "0", "CASPIAN_REGISTRY_PORT", "0",
                "CASPIAN_STREAMS_PORT", "0", "CASPIAN_GATEWAY_PORT", "0", "CASPIAN_DISPATCHER_PORT", "0",
                "CASPIAN_TAXII_PORT", "0", "CASPIAN_TOPIC_PARTITIONS", "2"));
        CountDownLatch release = new CountDownLatch(1);
        try (LocalHub hub = new LocalHub(settings, dir.resolve("data"), streams -> new HeldBack(streams, release))) {
            CompletableFuture<Void> starting = CompletableFuture.runAsync(hub::start);

            await().atMost(Duration.ofSeconds(120)).until(() -> hub.gateway() != null || starting.isDone());
            assertThat(starting).as("the hub is still starting: Streams is held back").isNotDone();
            HttpResponse<String> accepted = submit(hub, "hxxp://held-back[.]example/payload");
            assertThat(accepted.statusCode()).as(accepted.body()).isBetween(200, 299);
            assertThat(accepted.body()).contains("accepted");
            assertThat(hub.streams() == null || hub.streams().state() != KafkaStreams.State.RUNNING)
                    .as("accepted while Streams is not running").isTrue();

            release.countDown();
            starting.get(180, TimeUnit.SECONDS);
            assertThat(hub.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);

            // the submission Kafka held meanwhile becomes Azerbaijan's alert
            TopicTail tail = new TopicTail(hub.platform().platformSettings());
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            CompletableFuture<Long> reading = CompletableFuture.supplyAsync(() -> tail.run(
                    new TopicTail.Options("cti.az.alerts", true, null, 1, true), new PrintStream(printed, true, StandardCharsets.UTF_8)));
            try {
                assertThat(reading.get(120, TimeUnit.SECONDS)).isEqualTo(1);
            } finally {
                tail.stop();
            }
            JsonNode alert = JSON.readTree(printed.toString(StandardCharsets.UTF_8)).get("value");
            assertThat(alert.get("indicatorKey").asText()).isEqualTo("url:http://held-back.example/payload");
        }
    }

    private static HttpResponse<String> submit(LocalHub hub, String value) throws Exception {
        String body = JSON.createObjectNode().put("value", value).put("tlp", "green").put("confidence", 80).toString();
        return HTTP.send(HttpRequest.newBuilder(URI.create(hub.gateway().url() + "/api/v1/indicators"))
                .header("Authorization", "Bearer demo-ir-analyst").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
