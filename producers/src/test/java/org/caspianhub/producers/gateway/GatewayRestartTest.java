package org.caspianhub.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.testkit.TestParties;
import org.junit.jupiter.api.Test;

/**
 * Kafka is the system of record: after a restart with an empty state directory the gateway still
 * knows every submission's status, and a retried request with the same idempotency key (its
 * answer cache gone with the old process) writes nothing twice.
 */
class GatewayRestartTest {

    @Test
    void statusAndIdempotencySurviveARestartWithAnEmptyDisk() throws Exception {
        try (TestGateway hub = new TestGateway("ir").start()) {
            PartyId ir = TestParties.role(hub.parties, "ir");
            String analyst = TestGateway.key(ir, "analyst");
            String key = UUID.randomUUID().toString();
            String body = "{\"items\": [{\"value\": \"restart.example\"}, {\"value\": \"203.0.113.88\"}]}";
            HttpResponse<String> first = hub.post("/api/v1/indicators", analyst, "application/json", body,
                    Map.of("Idempotency-Key", key));
            String id = TestGateway.json(first).path("results").get(0).path("id").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/api/v1/submissions/" + id, analyst).statusCode() == 200);

            hub.restartWithEmptyDisk();

            // the status table comes back from Kafka (its changelog), not from the disk: once the restarted
            // replica holds its partitions again (a new instance id after an empty disk joins the group anew).
            // Until then the answer is 503 (try again), never 404: the submission is not unknown, only not read yet.
            java.util.List<Integer> answers = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                answers.add(hub.get("/api/v1/submissions/" + id, analyst).statusCode());
                return answers.get(answers.size() - 1) == 200;
            });
            assertThat(answers).as("answers while the restarted replica takes its partitions").doesNotContain(404);
            HttpResponse<String> status = hub.get("/api/v1/submissions/" + id, analyst);
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(TestGateway.json(status).path("status").asText()).isEqualTo("accepted");
            assertThat(TestGateway.json(status).path("value").asText()).isEqualTo("restart.example");

            HttpResponse<String> retry = hub.post("/api/v1/indicators", analyst, "application/json", body,
                    Map.of("Idempotency-Key", key));
            assertThat(retry.statusCode()).isEqualTo(202);
            assertThat(TestGateway.json(retry).path("results").get(0).path("id").asText())
                    .as("the same key names the same submissions after a restart").isEqualTo(id);
            assertThat(hub.read(hub.topics.submissions(ir), r -> r.value().getValue().equals("restart.example"), 1,
                    Duration.ofSeconds(20))).as("nothing written twice").hasSize(1);
        }
    }
}
