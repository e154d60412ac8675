package org.caspianhub.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.normalize.Normalized;
import org.caspianhub.indicators.relate.Locality;
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

    /**
     * Each submission and sighting goes to the partition of its indicator's locality, where the
     * topology merges it without a repartition: a URL with its host's registrable domain, an
     * address with its /8. Keys stay the submission ids.
     */
    @Test
    void submissionsAndSightingsAreWrittenToTheirLocalitysPartition() throws Exception {
        try (TestGateway hub = new TestGateway(platform(), Map.of(), "ir", "az").start()) {
            PartyId ir = TestParties.role(hub.parties, "ir");
            int partitions = org.caspianhub.runtime.PlatformSettings.from(hub.settings).topicLayout().partitions();
            List<String> values = new ArrayList<>();
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                String value = i % 3 == 0 ? "hxxps://login.site-" + i + "[.]example/a" : i % 3 == 1
                        ? "45.83." + i + ".7" : "site-" + i + ".example";
                values.add(value);
                items.append(items.isEmpty() ? "" : ",").append("{\"value\": \"").append(value).append("\"}");
            }
            HttpResponse<String> response = hub.postJson("/api/v1/indicators", TestGateway.key(ir, "analyst"),
                    "{\"items\": [" + items + "]}");
            assertThat(response.statusCode()).isEqualTo(202);
            List<ConsumerRecord<String, IndicatorSubmission>> written = hub.read(hub.topics.submissions(ir),
                    values.size(), Duration.ofSeconds(30));
            assertThat(written).hasSize(values.size());
            Set<Integer> used = new HashSet<>();
            for (ConsumerRecord<String, IndicatorSubmission> record : written) {
                int expected = localityPartition(record.value().getValue(), partitions);
                assertThat(record.partition()).as(record.value().getValue()).isEqualTo(expected);
                assertThat(record.key()).isEqualTo(record.value().getSubmissionId());
                used.add(record.partition());
            }
            // a URL, its host's domain and an address in the same /8 as another share their partitions
            assertThat(localityPartition("https://www.site-3.example/x", partitions))
                    .isEqualTo(localityPartition("site-3.example", partitions));
            assertThat(used).as("localities spread over partitions").hasSizeGreaterThan(1);

            HttpResponse<String> sighted = hub.postJson("/api/v1/sightings", TestGateway.key(ir, "soc"),
                    "{\"value\": \"site-2.example\", \"kind\": \"sighted\"}");
            assertThat(sighted.statusCode()).isEqualTo(202);
            assertThat(hub.read(hub.topics.sightings(ir), 1, Duration.ofSeconds(30))).singleElement()
                    .satisfies(r -> assertThat(r.partition()).isEqualTo(localityPartition("site-2.example", partitions)));
        }
    }

    private static int localityPartition(String value, int partitions) {
        Normalized.Valid valid = (Normalized.Valid) new IndicatorNormalizer().normalize(value, null);
        return Locality.partitionOf(valid, partitions);
    }
}
