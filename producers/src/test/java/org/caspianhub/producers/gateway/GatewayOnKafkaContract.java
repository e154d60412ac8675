package org.caspianhub.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.junit.jupiter.api.Test;

/**
 * The gateway's core path on a given Kafka: a submission over HTTP becomes an Avro record on the
 * key's party topic, and its status is readable back. Run on the embedded broker and, where Docker
 * exists, on Testcontainers' apache/kafka.
 */
abstract class GatewayOnKafkaContract {

    protected abstract TestPlatform platform();

    @Test
    void aSubmissionIsWrittenForTheKeysPartyAndItsStatusIsReadBack() throws Exception {
        try (TestGateway hub = new TestGateway(platform(), Map.of(), "ir", "az").start()) {
            PartyId ir = TestParties.role(hub.parties, "ir");
            HttpResponse<String> response = hub.postJson("/api/v1/indicators", TestGateway.key(ir, "feed"),
                    "{\"value\": \"contract.example\", \"type\": \"domain\", \"tlp\": \"green\"}");
            assertThat(response.statusCode()).isEqualTo(202);
            String id = TestGateway.json(response).path("id").asText();
            assertThat(hub.read(hub.topics.submissions(ir), r -> r.key().equals(id), 1, Duration.ofSeconds(30)))
                    .singleElement().satisfies(r -> {
                        assertThat(r.value().getParty()).isEqualTo(ir.value());
                        assertThat(r.value().getChannel()).isEqualTo(SourceChannel.FEED);
                    });
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    hub.get("/api/v1/submissions/" + id, TestGateway.key(ir, "soc")).statusCode() == 200);
        }
    }
}
