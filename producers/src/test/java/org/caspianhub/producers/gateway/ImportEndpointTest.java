package org.caspianhub.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.testkit.TestParties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/imports} over real HTTP into the real broker: the OASIS bundles and each other format. */
class ImportEndpointTest {

    static TestGateway hub;
    static PartyId ir;
    static String analyst;

    @BeforeAll
    static void start() throws Exception {
        hub = new TestGateway(Map.of("CASPIAN_GATEWAY_MAX_IMPORT_BYTES", "200000"), "ir", "az").start();
        ir = TestParties.role(hub.parties, "ir");
        analyst = TestGateway.key(ir, "analyst");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static String resource(String name) throws Exception {
        return Files.readString(Path.of(ImportEndpointTest.class.getResource("/stix/" + name).toURI()));
    }

    @ParameterizedTest(name = "{0}: {1} submitted, {2} refused, {3} skipped")
    @CsvSource({
            "indicator-for-c2-ip-address.json, 1, 0, 0",
            "indicator-to-campaign-relationship.json, 1, 0, 2",
            "indicators-for-C2-with-COA.json, 2, 0, 6",
            "infrastructure.json, 0, 0, 10",
            "interop-objectmarking-test.json, 0, 0, 1",
            "malicious-email-indicator-with-attachment.json, 0, 2, 4"})
    void theOasisExampleBundlesImportWithTheExpectedCounts(String file, int submitted, int refused, int skipped)
            throws Exception {
        HttpResponse<String> response = hub.post("/api/v1/imports?tlp=green", analyst, "application/json",
                resource(file), Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = TestGateway.json(response);
        assertThat(report.path("format").asText()).isEqualTo("stix");
        assertThat(report.path("submitted").asInt()).isEqualTo(submitted);
        assertThat(report.path("refused").asInt()).isEqualTo(refused);
        assertThat(report.path("skipped").asInt()).isEqualTo(skipped);
    }

    @Test
    void importedStixValuesLandWithTheirGroupTlpAndTheImportChannel() throws Exception {
        String bundle = resource("indicators-for-C2-with-COA.json").replace("ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c",
                "ab537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c");
        HttpResponse<String> response = hub.post("/api/v1/imports?tlp=amber%2Bstrict&tags=oasis", analyst,
                "application/stix+json", bundle, Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        List<IndicatorSubmission> records = hub.read(hub.topics.submissions(ir),
                r -> r.value().getValue().startsWith("ab537f25"), 1, Duration.ofSeconds(20)).stream()
                .map(ConsumerRecord::value).toList();
        assertThat(records).singleElement().satisfies(s -> {
            assertThat(s.getChannel()).isEqualTo(SourceChannel.IMPORT);
            assertThat(s.getSubmitter()).isEqualTo(analyst);
            assertThat(s.getTlp()).isEqualTo(Tlp.AMBER_STRICT);
            assertThat(s.getExternalId()).isEqualTo("indicator--a932fcc6-e032-476c-826f-cb970a5a1ade");
            assertThat(s.getTags()).contains("oasis", "malware:Poison Ivy");
        });
    }

    @Test
    void aTextListAndACsvAreDetectedAndReportRefusalsPerLine() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> text = hub.post("/api/v1/imports", analyst, "text/plain",
                "# list\n203.0.113.61\nlist-" + marker + ".example\nnot a valid @@ value\n", Map.of());
        JsonNode report = TestGateway.json(text);
        assertThat(report.path("format").asText()).isEqualTo("text");
        assertThat(report.path("submitted").asInt()).isEqualTo(2);
        assertThat(report.path("refused").asInt()).isEqualTo(1);
        assertThat(report.path("refusals").get(0).path("location").asText()).isEqualTo("line 4");

        HttpResponse<String> csv = hub.post("/api/v1/imports", analyst, "text/csv",
                "value,type,tlp\ncsv-" + marker + ".example,domain,red\n203.0.113.62,ipv4,blue\n", Map.of());
        JsonNode csvReport = TestGateway.json(csv);
        assertThat(csvReport.path("format").asText()).isEqualTo("csv");
        assertThat(csvReport.path("submitted").asInt()).isEqualTo(1);
        assertThat(csvReport.path("refusals").get(0).path("reasons").get(0).path("code").asText()).isEqualTo("invalid_tlp");
        assertThat(hub.read(hub.topics.submissions(ir), r -> r.value().getValue().equals("csv-" + marker + ".example"), 1,
                Duration.ofSeconds(20))).singleElement().satisfies(r -> assertThat(r.value().getTlp()).isEqualTo(Tlp.RED));
    }

    @Test
    void everyFormatAcceptsAndRefusesValuesByTheSameLengthLimit() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 6);
        String longUrl = "http://long-" + marker + ".example/" + "a".repeat(3_000);
        String tooLong = "http://too-long-" + marker + ".example/" + "a".repeat(5_000);
        JsonNode text = TestGateway.json(hub.post("/api/v1/imports?format=text", analyst, "text/plain",
                longUrl + "\n" + tooLong + "\n", Map.of()));
        assertThat(text.path("submitted").asInt()).isEqualTo(1);
        assertThat(text.path("refusals").get(0).path("reasons").get(0).path("code").asText()).isEqualTo("too_long");
        JsonNode csv = TestGateway.json(hub.post("/api/v1/imports?format=csv", analyst, "text/csv",
                "value\n" + longUrl + "\n" + tooLong + "\n", Map.of()));
        assertThat(csv.path("submitted").asInt()).isEqualTo(1);
        assertThat(csv.path("refusals").get(0).path("reasons").get(0).path("code").asText()).isEqualTo("too_long");
        JsonNode stix = TestGateway.json(hub.post("/api/v1/imports?format=stix", analyst, "application/json",
                "{\"type\": \"bundle\", \"objects\": [{\"type\": \"indicator\", \"id\": \"indicator--long\", \"pattern_type\": \"stix\","
                        + " \"pattern\": \"[url:value = '" + longUrl + "'] OR [url:value = '" + tooLong + "']\"}]}", Map.of()));
        assertThat(stix.path("submitted").asInt()).isEqualTo(1);
        assertThat(stix.path("refusals").get(0).path("location").asText()).isEqualTo("indicator--long");
        assertThat(stix.path("refusals").get(0).path("reasons").get(0).path("code").asText()).isEqualTo("too_long");
        JsonNode misp = TestGateway.json(hub.post("/api/v1/imports?format=misp", analyst, "application/json",
                "{\"Event\": {\"uuid\": \"5e6b7c1a-4444-4f00-9000-000000000004\", \"Attribute\": ["
                        + "{\"uuid\": \"l-1\", \"type\": \"url\", \"value\": \"" + longUrl + "\", \"to_ids\": true},"
                        + "{\"uuid\": \"l-2\", \"type\": \"url\", \"value\": \"" + tooLong + "\", \"to_ids\": true}]}}", Map.of()));
        assertThat(misp.path("submitted").asInt()).isEqualTo(1);
        assertThat(misp.path("refusals").get(0).path("reasons").get(0).path("code").asText()).isEqualTo("too_long");
        assertThat(hub.read(hub.topics.submissions(ir), r -> r.value().getValue().equals(longUrl), 4, Duration.ofSeconds(20)))
                .hasSize(4);
    }

    @Test
    void badImportsAreRefusedWithTheRightStatus() throws Exception {
        assertThat(hub.post("/api/v1/imports", analyst, "application/xml", "<x/>", Map.of()).statusCode()).isEqualTo(415);
        assertThat(hub.post("/api/v1/imports", TestGateway.key(ir, "soc"), "text/plain", "1.2.3.4", Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(hub.post("/api/v1/imports", analyst, "text/plain", "203.0.113.1\n".repeat(20_000), Map.of()).statusCode())
                .isEqualTo(413);
        HttpResponse<String> unknownFormat = hub.post("/api/v1/imports?format=xlsx&tlp=pink", analyst, "text/plain", "1.2.3.4", Map.of());
        assertThat(unknownFormat.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(unknownFormat).path("errors").findValuesAsText("field")).containsExactly("format", "tlp");
        HttpResponse<String> notStix = hub.post("/api/v1/imports", analyst, "application/json", "{\"hello\": \"world\"}", Map.of());
        assertThat(notStix.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(notStix).path("message").asText()).contains("neither a STIX");
        HttpResponse<String> manifest = hub.post("/api/v1/imports", analyst, "application/json",
                "{\"5e6b7c1a-1111-4f00-9000-000000000001\": {\"info\": \"x\", \"timestamp\": \"1\"}}", Map.of());
        assertThat(manifest.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(manifest).path("message").asText()).contains("configure its URL as a feed");
    }
}
