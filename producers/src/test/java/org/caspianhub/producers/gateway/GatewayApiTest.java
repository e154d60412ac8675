package org.caspianhub.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Rejection;
import org.caspianhub.avro.RejectionReason;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Sighting;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.topics.TypedTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway over real HTTP, writing to the real embedded broker: what lands on the topics, and
 * every way a request is refused. One gateway for the class; each test uses values of its own.
 */
class GatewayApiTest {

    static TestGateway hub;
    static PartyId ir;
    static PartyId az;
    static String analyst;

    @BeforeAll
    static void start() throws Exception {
        hub = new TestGateway(Map.of("CASPIAN_GATEWAY_MAX_BODY_BYTES", "65536", "CASPIAN_GATEWAY_MAX_BATCH", "50"),
                "ir", "az").start();
        ir = TestParties.role(hub.parties, "ir");
        az = TestParties.role(hub.parties, "az");
        analyst = TestGateway.key(ir, "analyst");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static List<IndicatorSubmission> submissions(PartyId party, String value, int expected) {
        return hub.read(hub.topics.submissions(party), r -> r.value().getValue().equals(value), expected,
                Duration.ofSeconds(20)).stream().map(ConsumerRecord::value).toList();
    }

    @Test
    void aSubmittedIndicatorLandsOnThePartysTopicAsAvroWithEveryField() throws Exception {
        HttpResponse<String> response = hub.postJson("/api/v1/indicators", analyst, """
                {"value": "hxxp://one[.]example/payload", "type": "url", "tlp": "TLP:AMBER+STRICT", "confidence": 80,
                 "severity": "high", "tags": ["c2", "apt-x"], "description": "seen in a phishing wave",
                 "validUntil": "2999-01-01T00:00:00Z", "references": ["incident:IR-2026-0042"], "campaign": "APT-X"}
                """);
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = TestGateway.json(response);
        String id = body.path("id").asText();
        assertThat(body.path("accepted").asInt()).isEqualTo(1);
        assertThat(body.path("results").get(0).path("id").asText()).isEqualTo(id);

        List<ConsumerRecord<String, IndicatorSubmission>> records = hub.read(hub.topics.submissions(ir),
                r -> r.key().equals(id), 1, Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        IndicatorSubmission s = records.get(0).value();
        assertThat(s.getSubmissionId()).isEqualTo(id);
        assertThat(s.getParty()).isEqualTo(ir.value());
        assertThat(s.getAction()).isEqualTo(SubmissionAction.SUBMIT);
        assertThat(s.getValue()).as("the raw value: the topology normalizes").isEqualTo("hxxp://one[.]example/payload");
        assertThat(s.getType()).isEqualTo(IndicatorType.URL);
        assertThat(s.getTlp()).isEqualTo(Tlp.AMBER_STRICT);
        assertThat(s.getConfidence()).isEqualTo(80);
        assertThat(s.getSeverity()).isEqualTo(Severity.HIGH);
        assertThat(s.getTags()).containsExactly("c2", "apt-x");
        assertThat(s.getReferences()).containsExactly("incident:IR-2026-0042", "campaign:APT-X");
        assertThat(s.getValidUntil()).isEqualTo(Instant.parse("2999-01-01T00:00:00Z"));
        assertThat(s.getChannel()).isEqualTo(SourceChannel.ANALYST);
        assertThat(s.getSubmitter()).isEqualTo(analyst);
        assertThat(s.getSubmittedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void anIrKeyCannotSubmitAsAzWhateverTheBodySays() throws Exception {
        HttpResponse<String> response = hub.postJson("/api/v1/indicators", analyst,
                "{\"value\": \"spoof.example\", \"party\": \"" + az.value() + "\", \"tlp\": \"green\"}");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(TestGateway.json(response).path("results").get(0).path("warnings").get(0).asText())
                .contains("party is the one your API key belongs to");
        List<IndicatorSubmission> onIr = submissions(ir, "spoof.example", 1);
        assertThat(onIr).singleElement().satisfies(s -> assertThat(s.getParty()).isEqualTo(ir.value()));
        assertThat(submissions(az, "spoof.example", 0)).isEmpty();
    }

    @Test
    void aBatchWritesItsValidItemsAndAnswersEachItemInOrder() throws Exception {
        HttpResponse<String> response = hub.postJson("/api/v1/indicators", analyst, """
                {"items": [
                  {"value": "198.51.100.41", "tlp": "green"},
                  {"value": "not a value at all", "tlp": "green"},
                  {"value": "batch.example", "confidence": 120, "tlp": "purple", "colour": "red"},
                  {"value": "d41d8cd98f00b204e9800998ecf8427e", "type": "md5"}
                ]}
                """);
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = TestGateway.json(response);
        assertThat(body.path("accepted").asInt()).isEqualTo(2);
        assertThat(body.path("refused").asInt()).isEqualTo(2);
        JsonNode results = body.path("results");
        assertThat(results.get(0).path("status").asText()).isEqualTo("accepted");
        assertThat(results.get(1).path("status").asText()).isEqualTo("refused");
        assertThat(results.get(1).path("errors").get(0).path("field").asText()).isEqualTo("items[1].value");
        assertThat(results.get(2).path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("items[2].confidence", "items[2].tlp", "items[2].colour");
        assertThat(results.get(2).path("errors").findValuesAsText("code")).contains("out_of_range", "invalid_tlp", "unknown_field");
        assertThat(results.get(3).path("id").asText()).isNotBlank();
        assertThat(submissions(ir, "198.51.100.41", 1)).singleElement()
                .satisfies(s -> assertThat(s.getTlp()).isEqualTo(Tlp.GREEN));
        assertThat(submissions(ir, "d41d8cd98f00b204e9800998ecf8427e", 1)).singleElement()
                .satisfies(s -> assertThat(s.getTlp()).as("the default TLP").isEqualTo(Tlp.AMBER));
        assertThat(submissions(ir, "batch.example", 0)).isEmpty();
    }

    @Test
    void aSingleMalformedValueIs400WithTheNormalizersFieldError() throws Exception {
        HttpResponse<String> response = hub.postJson("/api/v1/indicators", analyst,
                "{\"value\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85\", \"type\": \"sha256\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = TestGateway.json(response).path("errors");
        assertThat(errors.get(0).path("field").asText()).isIn("value", "type");
        assertThat(errors.get(0).path("message").asText()).isNotBlank();
    }

    @Test
    void theValueLimitIsTheNormalizersForIndicatorsAndSightings() throws Exception {
        String longUrl = "http://long-value.example/" + "a".repeat(3_000);
        String tooLong = "http://too-long.example/" + "a".repeat(5_000);
        HttpResponse<String> batch = hub.postJson("/api/v1/indicators", analyst,
                "{\"items\": [{\"value\": \"" + longUrl + "\"}, {\"value\": \"" + tooLong + "\"}]}");
        assertThat(batch.statusCode()).isEqualTo(202);
        JsonNode results = TestGateway.json(batch).path("results");
        assertThat(results.get(0).path("status").asText()).as("3,000 characters are within the hub's 4,096").isEqualTo("accepted");
        assertThat(results.get(1).path("errors").get(0).path("field").asText()).isEqualTo("items[1].value");
        assertThat(results.get(1).path("errors").get(0).path("code").asText()).isEqualTo("too_long");
        assertThat(submissions(ir, longUrl, 1)).hasSize(1);
        HttpResponse<String> sighting = hub.postJson("/api/v1/sightings", TestGateway.key(ir, "soc"),
                "{\"value\": \"" + longUrl + "\", \"kind\": \"sighted\"}");
        assertThat(sighting.statusCode()).as(sighting.body()).isEqualTo(202);
    }

    @Test
    void healthIsUpWithTheStatusTableAsADetail() throws Exception {
        HttpResponse<String> health = hub.http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(hub.managementUrl() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = TestGateway.json(health);
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("statusTable").asText()).isEqualTo("RUNNING");
        assertThat(body.path("statusLookups").asText()).isEqualTo("ready");
    }

    @Test
    void aBlankTypeMeansDetectAndStillChecksTheValue() throws Exception {
        HttpResponse<String> response = hub.postJson("/api/v1/indicators", analyst,
                "{\"value\": \"<img id=\\\"injected\\\" src=\\\"x\\\">\", \"type\": \"\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestGateway.json(response).path("errors").get(0).path("field").asText()).isEqualTo("value");
    }

    @Test
    void everyWholeRequestRefusalHasItsStatusAndWritesNothing() throws Exception {
        String marker = "refused-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String item = "{\"value\": \"" + marker + "\"}";

        HttpResponse<String> noKey = hub.postJson("/api/v1/indicators", null, item);
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(hub.postJson("/api/v1/indicators", "not-a-key", item).statusCode()).isEqualTo(401);

        HttpResponse<String> soc = hub.postJson("/api/v1/indicators", TestGateway.key(ir, "soc"), item);
        assertThat(soc.statusCode()).isEqualTo(403);
        assertThat(TestGateway.json(soc).path("message").asText()).contains("soc role");
        assertThat(hub.postJson("/api/v1/revocations", TestGateway.key(ir, "feed"), item).statusCode()).isEqualTo(403);
        assertThat(hub.postJson("/api/v1/sightings", analyst, item).statusCode()).isEqualTo(403);

        assertThat(hub.post("/api/v1/indicators", analyst, "text/plain", item, Map.of()).statusCode()).isEqualTo(415);
        assertThat(hub.post("/api/v1/indicators", analyst, null, item, Map.of()).statusCode()).isEqualTo(415);

        String big = "{\"items\": [" + ("{\"value\": \"" + marker + "\", \"description\": \"" + "x".repeat(3000) + "\"},")
                .repeat(30) + "{\"value\": \"" + marker + "\"}]}";
        HttpResponse<String> tooLarge = hub.postJson("/api/v1/indicators", analyst, big);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(TestGateway.json(tooLarge).path("errors").get(0).path("code").asText()).isEqualTo("body_too_large");

        HttpResponse<String> malformed = hub.postJson("/api/v1/indicators", analyst, "{\"items\": [" + item + ",]}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(malformed).path("errors").get(0).path("code").asText()).isEqualTo("malformed_json");
        assertThat(hub.postJson("/api/v1/indicators", analyst, "[]").statusCode()).isEqualTo(400);
        assertThat(hub.postJson("/api/v1/indicators", analyst, "\"just a string\"").statusCode()).isEqualTo(400);
        String tooMany = "{\"items\": [" + (item + ",").repeat(50) + item + "]}";
        HttpResponse<String> batchLimit = hub.postJson("/api/v1/indicators", analyst, tooMany);
        assertThat(batchLimit.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(batchLimit).path("errors").get(0).path("code").asText()).isEqualTo("too_many_items");
        HttpResponse<String> allBad = hub.postJson("/api/v1/indicators", analyst,
                "{\"items\": [{\"value\": \"" + marker + "\", \"confidence\": -1}, {\"value\": \"" + marker + "\", \"tlp\": 3}]}");
        assertThat(allBad.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(allBad).path("errors").findValuesAsText("field"))
                .containsExactly("items[0].confidence", "items[1].tlp");

        assertThat(submissions(ir, marker, 0)).as("nothing of a refused request is written").isEmpty();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReplaysTheAnswerAndWritesNothingTwice() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"items\": [{\"value\": \"198.51.100.77\"}, {\"value\": \"idem.example\"}]}";
        HttpResponse<String> first = hub.post("/api/v1/indicators", analyst, "application/json", body, Map.of("Idempotency-Key", key));
        HttpResponse<String> retry = hub.post("/api/v1/indicators", analyst, "application/json", body, Map.of("Idempotency-Key", key));
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(TestGateway.json(retry)).isEqualTo(TestGateway.json(first));
        assertThat(submissions(ir, "idem.example", 1)).hasSize(1);

        HttpResponse<String> reused = hub.post("/api/v1/indicators", analyst, "application/json",
                "{\"value\": \"other.example\"}", Map.of("Idempotency-Key", key));
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(TestGateway.json(reused).path("error").asText()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void aRevocationIsARevokeRecordOfTheCallersPartyByValueOrBySubmissionId() throws Exception {
        HttpResponse<String> submitted = hub.postJson("/api/v1/indicators", analyst, "{\"value\": \"revoke-me.example\"}");
        String id = TestGateway.json(submitted).path("id").asText();
        HttpResponse<String> byValue = hub.postJson("/api/v1/revocations", analyst,
                "{\"value\": \"203.0.113.99\", \"reason\": \"sinkholed\"}");
        assertThat(byValue.statusCode()).isEqualTo(202);
        HttpResponse<String> byId = hub.postJson("/api/v1/revocations", analyst, "{\"submissionId\": \"" + id + "\"}");
        assertThat(byId.statusCode()).isEqualTo(202);
        HttpResponse<String> otherParty = hub.postJson("/api/v1/revocations", TestGateway.key(az, "analyst"),
                "{\"submissionId\": \"" + id + "\"}");
        assertThat(otherParty.statusCode()).as("another party's submission id is unknown to az").isEqualTo(400);
        assertThat(TestGateway.json(otherParty).path("errors").get(0).path("code").asText()).isEqualTo("unknown_submission");

        List<IndicatorSubmission> revocations = hub.read(hub.topics.submissions(ir),
                r -> r.value().getAction() == SubmissionAction.REVOKE, 2, Duration.ofSeconds(20)).stream()
                .map(ConsumerRecord::value).toList();
        assertThat(revocations).extracting(IndicatorSubmission::getValue).contains("203.0.113.99", "revoke-me.example");
        assertThat(revocations).filteredOn(s -> s.getValue().equals("203.0.113.99"))
                .singleElement().satisfies(s -> assertThat(s.getDescription()).isEqualTo("sinkholed"));
    }

    @Test
    void socSightingsAndFalsePositivesLandOnThePartysSightingsTopic() throws Exception {
        HttpResponse<String> response = hub.postJson("/api/v1/sightings", TestGateway.key(az, "soc"), """
                {"items": [{"value": "203.0.113.7", "kind": "sighted", "count": 12, "source": "fw-edge-1"},
                           {"value": "cdn.example.org", "type": "domain", "kind": "false_positive", "note": "our CDN"},
                           {"value": "x.example", "kind": "maybe"}]}
                """);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(TestGateway.json(response).path("refused").asInt()).isEqualTo(1);
        TypedTopic<String, Sighting> topic = hub.topics.sightings(az);
        List<ConsumerRecord<String, Sighting>> records = hub.read(topic, 2, Duration.ofSeconds(20));
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("203.0.113.7", "cdn.example.org");
        Sighting sighted = records.stream().filter(r -> r.key().equals("203.0.113.7")).findFirst().orElseThrow().value();
        assertThat(sighted.getKind()).isEqualTo(SightingKind.SIGHTED);
        assertThat(sighted.getCount()).isEqualTo(12);
        assertThat(sighted.getParty()).isEqualTo(az.value());
        assertThat(sighted.getSource()).isEqualTo("fw-edge-1");
    }

    @Test
    void statusSaysWhatWasStoredTheCanonicalFormAndTheWarninglistsItIsOn() throws Exception {
        String resolver = TestGateway.json(hub.postJson("/api/v1/indicators", analyst, "{\"value\": \"8.8.8[.]8\"}"))
                .path("id").asText();
        String url = TestGateway.json(hub.postJson("/api/v1/indicators", analyst,
                "{\"value\": \"hxxp://Stored-Form[.]Example:80/a\", \"type\": \"url\"}")).path("id").asText();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode status = TestGateway.json(hub.get("/api/v1/submissions/" + resolver, analyst));
            assertThat(status.path("status").asText()).isEqualTo("accepted");
            assertThat(status.path("value").asText()).as("as submitted").isEqualTo("8.8.8[.]8");
            assertThat(status.path("stored").path("value").asText()).isEqualTo("8.8.8.8");
            assertThat(status.path("stored").path("key").asText()).isEqualTo("ipv4:8.8.8.8");
            assertThat(status.path("warninglists").findValuesAsText("name"))
                    .contains("List of known IPv4 public DNS resolvers");
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode status = TestGateway.json(hub.get("/api/v1/submissions/" + url, analyst));
            assertThat(status.path("stored").path("type").asText()).isEqualTo("url");
            assertThat(status.path("stored").path("value").asText()).isEqualTo("http://stored-form.example/a");
            assertThat(status.path("warninglists").isArray() && status.path("warninglists").isEmpty())
                    .as("on no list: " + status).isTrue();
        });
    }

    @Test
    void statusIsAcceptedThenRejectedWithThePipelinesReasonsAndUnknownToOtherParties() throws Exception {
        HttpResponse<String> submitted = hub.postJson("/api/v1/indicators", analyst, "{\"value\": \"status.example\"}");
        String id = TestGateway.json(submitted).path("id").asText();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> status = hub.get("/api/v1/submissions/" + id, analyst);
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(TestGateway.json(status).path("status").asText()).isEqualTo("accepted");
            assertThat(TestGateway.json(status).path("value").asText()).isEqualTo("status.example");
        });

        // the pipeline (simulated here: the streams module owns it) rejects it on ir's rejected topic
        TypedTopic<String, Rejection> rejected = hub.topics.rejected(ir);
        IndicatorSubmission original = submissions(ir, "status.example", 1).get(0);
        try (KafkaProducer<String, Rejection> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.platform.bootstrapServers()),
                rejected.keySerde().serializer(), rejected.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(rejected.name(), id, Rejection.newBuilder().setSubmissionId(id)
                    .setParty(ir.value()).setRejectedAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                    .setReasons(List.of(new RejectionReason("value", "warninglisted_only", "the value is a test domain")))
                    .setSubmission(original).setSourceTopic(hub.topics.submissions(ir).name()).build())).get();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode status = TestGateway.json(hub.get("/api/v1/submissions/" + id, analyst));
            assertThat(status.path("status").asText()).isEqualTo("rejected");
            assertThat(status.path("reasons").get(0).path("code").asText()).isEqualTo("warninglisted_only");
        });

        HttpResponse<String> asAz = hub.get("/api/v1/submissions/" + id, TestGateway.key(az, "analyst"));
        assertThat(asAz.statusCode()).isEqualTo(404);
        assertThat(TestGateway.json(asAz).path("status").asText()).isEqualTo("unknown");
        assertThat(hub.get("/api/v1/submissions/" + UUID.randomUUID(), analyst).statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/submissions/" + id, null).statusCode()).isEqualTo(401);
    }

    @Test
    void metricsCountAcceptedAndRefusedByPartyChannelAndReason() throws Exception {
        hub.postJson("/api/v1/indicators", TestGateway.key(az, "feed"), "{\"value\": \"metrics.example\"}");
        hub.postJson("/api/v1/indicators", TestGateway.key(az, "feed"), "{\"value\": \"m.example\", \"confidence\": 101}");
        String metrics = hub.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.managementUrl() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("caspian_submissions_total\\{.*channel=\"feed\".*outcome=\"accepted\".*party=\""
                + az.value() + "\".*\\} 1\\.0");
        assertThat(metrics).containsPattern("caspian_submissions_total\\{.*outcome=\"refused\".*party=\"" + az.value()
                + "\",reason=\"out_of_range\".*\\} 1\\.0");
        // each request is timed under its route and status (one timer each, however many requests)
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{method=\"POST\",route=\"/api/v1/indicators\","
                + "service=\"gateway\",status=\"400\"\\} [1-9]");
    }
}
