package org.caspianhub.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.testkit.TestParties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An {@code Idempotency-Key} reused with a different body once its answer has left the cache (after
 * 24 hours, or 10,000 newer requests, or a restart): the new items are new submissions and are
 * written, never taken for the earlier request's and silently dropped. Here the cache keeps answers
 * for a millisecond, so every request finds it empty.
 */
class IdempotencyKeyReuseTest {

    static TestGateway hub;
    static PartyId ir;
    static String analyst;

    @BeforeAll
    static void start() throws Exception {
        hub = new TestGateway(Map.of("CASPIAN_GATEWAY_IDEMPOTENCY_TTL", "1ms"), "ir").start();
        ir = TestParties.role(hub.parties, "ir");
        analyst = TestGateway.key(ir, "analyst");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static HttpResponse<String> post(String path, String contentType, String body, String key) throws Exception {
        return hub.post(path, analyst, contentType, body, Map.of("Idempotency-Key", key));
    }

    private static List<String> ids(HttpResponse<String> response) throws Exception {
        List<String> ids = new ArrayList<>();
        TestGateway.json(response).path("results").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    private static List<ConsumerRecord<String, IndicatorSubmission>> written(String value, int expected) {
        return hub.read(hub.topics.submissions(ir), r -> r.value().getValue().equals(value), expected, Duration.ofSeconds(20));
    }

    @Test
    void aReusedKeyWithADifferentBatchGetsNewIdsAndIsWritten() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        String first = "{\"items\": [{\"value\": \"first-" + marker + ".example\"}, {\"value\": \"203.0.113.150\"}]}";
        String second = "{\"items\": [{\"value\": \"second-" + marker + ".example\"}, {\"value\": \"198.51.100.150\"}]}";

        HttpResponse<String> a = post("/api/v1/indicators", "application/json", first, key);
        assertThat(a.statusCode()).isEqualTo(202);
        assertThat(written("first-" + marker + ".example", 1)).hasSize(1);

        HttpResponse<String> b = post("/api/v1/indicators", "application/json", second, key);
        assertThat(b.statusCode()).isEqualTo(202);
        assertThat(ids(b)).as("another body never maps to the ids of the first").doesNotContainAnyElementsOf(ids(a));
        assertThat(written("second-" + marker + ".example", 1)).hasSize(1);

        HttpResponse<String> retry = post("/api/v1/indicators", "application/json", first, key);
        assertThat(ids(retry)).as("the same body under the same key still names the same submissions").isEqualTo(ids(a));
    }

    @Test
    void aReusedKeyWithADifferentFileIsImportedAndTheSameFileIsNotWrittenTwice() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        String firstFile = "import-one-" + marker + ".example\n";
        HttpResponse<String> one = post("/api/v1/imports", "text/plain", firstFile, key);
        assertThat(TestGateway.json(one).path("submitted").asInt()).isEqualTo(1);
        String firstId = written("import-one-" + marker + ".example", 1).get(0).key();
        // imports are answered from the status table alone: once it shows the id, a retry can find it there
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/api/v1/submissions/" + firstId, analyst).statusCode() == 200);

        HttpResponse<String> two = post("/api/v1/imports", "text/plain", "import-two-" + marker + ".example\n", key);
        JsonNode report = TestGateway.json(two);
        assertThat(report.path("submitted").asInt()).isEqualTo(1);
        assertThat(written("import-two-" + marker + ".example", 1)).as("the second file's value is written").hasSize(1);

        HttpResponse<String> retry = post("/api/v1/imports", "text/plain", firstFile, key);
        assertThat(TestGateway.json(retry).path("submitted").asInt()).isEqualTo(1);
        assertThat(written("import-one-" + marker + ".example", 1)).as("a retried file is not written twice").hasSize(1);
    }
}
