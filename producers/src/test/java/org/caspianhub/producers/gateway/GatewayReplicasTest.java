package org.caspianhub.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.testkit.TestParties;
import org.junit.jupiter.api.Test;

/**
 * Two gateway replicas, as behind a load balancer: each accepts submissions, each answers the status
 * of a submission made through the other (each holds the whole status table), and while one is
 * stopped and started again the other keeps accepting and answering.
 */
class GatewayReplicasTest {

    @Test
    void bothReplicasAcceptAndAnswerStatusAndOneKeepsServingWhileTheOtherRestarts() throws Exception {
        try (TestGateway a = new TestGateway("ir").start(); TestGateway b = a.replica().start()) {
            String analyst = TestGateway.key(TestParties.role(a.parties, "ir"), "analyst");
            String viaA = submit(a, analyst, "replica-a.example");
            String viaB = submit(b, analyst, "replica-b.example");
            for (TestGateway replica : List.of(a, b)) {
                for (String id : List.of(viaA, viaB)) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> replica.get("/api/v1/submissions/" + id, analyst)
                            .statusCode() == 200);
                }
            }

            a.stop();
            // while A is down and starting again, B accepts every submission and answers for what A took
            CompletableFuture<TestGateway> restarting = CompletableFuture.supplyAsync(() -> {
                try {
                    return a.start();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<String> duringRestart = new ArrayList<>();
            int i = 0;
            do {
                duringRestart.add(submit(b, analyst, "during-restart-" + i++ + ".example"));
                assertThat(b.get("/api/v1/submissions/" + viaA, analyst).statusCode()).isEqualTo(200);
            } while (!restarting.isDone() || i < 3);
            restarting.get();

            for (String id : duringRestart) {
                await().atMost(Duration.ofSeconds(30)).until(() -> a.get("/api/v1/submissions/" + id, analyst)
                        .statusCode() == 200);
            }
            assertThat(submit(a, analyst, "after-restart.example")).isNotBlank();
        }
    }

    /** Submits one indicator; returns its id (the gateway answered 202). */
    private static String submit(TestGateway replica, String key, String value) throws Exception {
        HttpResponse<String> response = replica.postJson("/api/v1/indicators", key,
                "{\"value\": \"" + value + "\", \"tlp\": \"green\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return TestGateway.json(response).path("id").asText();
    }
}
