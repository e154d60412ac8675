package org.caspianhub.producers.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.testkit.TestParties;
import org.junit.jupiter.api.Test;

/**
 * Found while attacking the bulk look-up's MultiGet (commit 3248a87); not a leak, a 5xx. When no
 * value of a {@code POST /api/v1/lookups} normalizes (an empty list, or only invalid values), the
 * read model is asked for zero keys, and RocksJava's {@code multiGetAsList} begins with
 * {@code assert !keys.isEmpty()}: with assertions enabled (every surefire JVM, so every test and
 * the fuzz campaigns) that is an {@link AssertionError}, which Javalin's {@code Exception} handler
 * does not catch. Without {@code -ea} (the launcher) RocksDB answers an empty list. The single
 * look-up path and {@code KnowledgeBase.Batch.fold} guard the empty case; this one does not.
 */
class BulkLookupWithoutAValidValueTest {

    @Test
    void aBulkLookupOfNoValueOrOnlyInvalidValuesIsAnsweredNotA500() throws Exception {
        try (TestGateway hub = new TestGateway("ir", "az").start()) {
            PartyId az = TestParties.role(hub.parties, "az");
            String key = TestGateway.key(az, "soc");

            HttpResponse<String> none = hub.postJson("/api/v1/lookups", key, "{\"values\": []}");
            assertThat(none.statusCode()).as(none.body()).isEqualTo(200);
            assertThat(TestGateway.json(none).path("results")).isEmpty();

            HttpResponse<String> invalid = hub.postJson("/api/v1/lookups", key, "{\"values\": [\"not a value\", 42]}");
            assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(200);
            JsonNode results = TestGateway.json(invalid).path("results");
            assertThat(results).hasSize(2);
            assertThat(results.get(0).path("error").path("field").asText()).isEqualTo("values[0]");
            assertThat(results.get(1).path("error").path("message").asText()).isEqualTo("each value must be a string");
        }
    }
}
