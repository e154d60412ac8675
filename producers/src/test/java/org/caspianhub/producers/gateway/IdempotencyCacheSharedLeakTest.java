package org.caspianhub.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.testkit.TestParties;
import org.junit.jupiter.api.Test;

/**
 * Attack as az (pre-existing, not from this session's changes; found while reviewing the gateway's
 * settings, where CASPIAN_GATEWAY_IDEMPOTENCY_ENTRIES is now declared): the answers remembered for
 * {@code Idempotency-Key} are one cache for every party, bounded in entries (10,000 by default).
 * Whether az's own remembered answer is still there decides what az is told when it reuses its key
 * with another body: {@code 422 idempotency_key_reused} while it is, a fresh answer once it was
 * pushed out. So az learns how many idempotent requests other parties made since, ir's RED
 * submissions included. az can make the meter fine-grained and write nothing: it fills the cache
 * with its own requests whose items are all invalid (a 400 is remembered too), plants a key, and
 * later asks again with another invalid body: 422 or 400 says whether ir sent more requests than
 * the room az left. Here the cache holds one answer, so one request of ir's is enough.
 *
 * <p>Noninterference: in S↓az (ir's RED submission removed) az's second request is answered 422;
 * in S it is answered 400.
 */
class IdempotencyCacheSharedLeakTest {

    @Test
    void whetherAzsRememberedAnswerSurvivesDoesNotDependOnIrsRequests() throws Exception {
        try (TestGateway hub = new TestGateway(Map.of("CASPIAN_GATEWAY_IDEMPOTENCY_ENTRIES", "1"), "ir", "az").start()) {
            PartyId ir = TestParties.role(hub.parties, "ir");
            PartyId az = TestParties.role(hub.parties, "az");
            String azKey = TestGateway.key(az, "analyst");
            String planted = "{\"items\": [{\"value\": \"not a value\"}]}";
            String probe = "{\"items\": [{\"value\": \"still not a value\"}]}";

            // control: with nobody else's request in between, the key is remembered and the probe is a 422
            String control = UUID.randomUUID().toString();
            assertThat(post(hub, azKey, planted, control).statusCode()).isEqualTo(400);
            assertThat(post(hub, azKey, probe, control).statusCode()).isEqualTo(422);

            String key = UUID.randomUUID().toString();
            assertThat(post(hub, azKey, planted, key).statusCode()).isEqualTo(400);

            // ir, on its own: one RED submission from its tooling, which sends an Idempotency-Key
            HttpResponse<String> hidden = post(hub, TestGateway.key(ir, "analyst"),
                    "{\"items\": [{\"value\": \"ir-red-only.example\", \"tlp\": \"red\"}]}", UUID.randomUUID().toString());
            assertThat(hidden.statusCode()).as(hidden.body()).isEqualTo(202);

            HttpResponse<String> answer = post(hub, azKey, probe, key);
            assertThat(answer.statusCode())
                    .as("az's reused key is answered as if ir's RED submission had never been made (422); a %s says "
                            + "that another party's request pushed az's answer out of the shared cache: %s",
                            answer.statusCode(), answer.body())
                    .isEqualTo(422);
        }
    }

    private static HttpResponse<String> post(TestGateway hub, String apiKey, String body, String idempotencyKey)
            throws Exception {
        return hub.post("/api/v1/indicators", apiKey, "application/json", body, Map.of("Idempotency-Key", idempotencyKey));
    }
}
