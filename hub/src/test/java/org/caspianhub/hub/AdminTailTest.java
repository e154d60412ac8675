package org.caspianhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Sighting;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.runtime.Settings;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.caspianhub.topics.Topics;
import org.caspianhub.topics.TypedTopic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code caspian-hub admin tail TOPIC} against the real embedded broker and schema registry. */
class AdminTailTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant OBSERVED = Instant.parse("2026-03-01T10:00:00.123Z");
    private final TestPlatform platform = TestPlatforms.embedded();
    private Settings settings;
    private TypedTopic<String, Sighting> sightings;
    private KafkaProducer<String, Sighting> producer;

    @BeforeEach
    void topics() {
        Parties parties = TestParties.unique("ir");
        PartyId ir = TestParties.role(parties, "ir");
        platform.provisionTopics(parties);
        settings = platform.settings(parties);
        sightings = new Topics(new HttpSchemaRegistryClient(platform.schemaRegistryUrl())).sightings(ir);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tail-test-" + UUID.randomUUID());
        producer = new KafkaProducer<>(props, sightings.keySerde().serializer(), sightings.valueSerde().serializer());
        producer.initTransactions();
    }

    private void send(String key, boolean commit) throws Exception {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(sightings.name(), key, Sighting.newBuilder().setSightingId(key).setValue("203.0.113.7")
                .setType(IndicatorType.IPV4).setKind(SightingKind.FALSE_POSITIVE).setObservedAt(OBSERVED).build())).get();
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.abortTransaction();
        }
    }

    private record Run(int exitCode, List<JsonNode> lines, String text) {
    }

    private Run tail(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new CommandLine(new AdminCommand.Tail(settings, new PrintStream(out, true, StandardCharsets.UTF_8))).execute(args);
        String text = out.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Run(code, lines, text);
    }

    @Test
    void printsEachRecordAsJsonDecodedThroughTheRegistryAndFiltersByKeyAndTransactionState() throws Exception {
        send("s-1", true);
        send("s-aborted", false);
        send("s-3", true);

        Run all = tail(sightings.name(), "--from-beginning", "--max", "3");
        assertThat(all.exitCode()).isZero();
        assertThat(all.lines()).extracting(l -> l.get("key").asText()).containsExactlyInAnyOrder("s-1", "s-aborted", "s-3");
        JsonNode first = all.lines().stream().filter(l -> l.get("key").asText().equals("s-1")).findFirst().orElseThrow();
        assertThat(first.get("topic").asText()).isEqualTo(sightings.name());
        assertThat(first.has("partition")).isTrue();
        assertThat(first.has("offset")).isTrue();
        // the value as a person reads it: enums and unions as their value, timestamps as instants
        JsonNode value = first.get("value");
        assertThat(value.get("sightingId").asText()).isEqualTo("s-1");
        assertThat(value.get("type").asText()).isEqualTo("IPV4");
        assertThat(value.get("kind").asText()).isEqualTo("FALSE_POSITIVE");
        assertThat(value.get("observedAt").asText()).isEqualTo("2026-03-01T10:00:00.123Z");
        assertThat(value.get("note").isNull()).isTrue();

        Run committed = tail(sightings.name(), "--from-beginning", "--read-committed", "--max", "2");
        assertThat(committed.lines()).extracting(l -> l.get("key").asText()).containsExactlyInAnyOrder("s-1", "s-3");

        Run one = tail(sightings.name(), "--from-beginning", "--key", "s-3", "--max", "1");
        assertThat(one.lines()).hasSize(1);
        assertThat(one.lines().get(0).get("value").get("sightingId").asText()).isEqualTo("s-3");
    }

    @Test
    void withoutFromBeginningOnlyRecordsFromNowOnArePrinted() throws Exception {
        send("old", true);
        CompletableFuture<Run> running = CompletableFuture.supplyAsync(() -> {
            try {
                return tail(sightings.name(), "--max", "1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // keep sending until the tail, once it has found the end of the topic, prints one
        int[] sent = {0};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            send("new-" + sent[0]++, true);
            return running.isDone();
        });
        assertThat(running.get().lines()).hasSize(1);
        assertThat(running.get().lines().get(0).get("key").asText()).startsWith("new-");
    }

    @Test
    void aTopicThatDoesNotExistIsAnErrorNotAnEmptyTail() throws Exception {
        Run run = tail("cti.nowhere.alerts", "--from-beginning", "--max", "1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines()).isEmpty();
    }
}
