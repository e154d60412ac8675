package org.caspianhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.consumers.stix.StixIds;
import org.caspianhub.parties.PartyId;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.runtime.Settings;
import org.caspianhub.streams.route.AlertIds;
import org.caspianhub.topics.Topics;
import org.caspianhub.topics.TypedTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's promise, across every service of the local hub in one process: an analyst of one
 * CERT submits through the REST gateway; the topology validates, merges and routes; the other
 * CERT's SOC receives a signed webhook and finds the indicator in its TAXII collection; a
 * cross-border match reaches each side only as far as TLP allows.
 */
class LocalHubEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "an-end-to-end-webhook-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;

    private static HttpServer receiver;
    private static final List<Delivery> DELIVERIES = new CopyOnWriteArrayList<>();
    private static LocalHub hub;

    /** One webhook POST as the partner SOC's receiver saw it. */
    private record Delivery(String party, JsonNode alert, boolean signatureValid, String idempotencyKey) {
    }

    @BeforeAll
    static void startTheHubWithAWebhookSubscriptionPerParty() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        receiver.createContext("/hooks/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String party = exchange.getRequestURI().getPath().substring("/hooks/".length());
            DELIVERIES.add(new Delivery(party, JSON.readTree(body),
                    verify(exchange.getRequestHeaders().getFirst("X-Caspian-Signature"), body),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Files.writeString(dir.resolve("webhook.secret"), SECRET);
        Path subscriptions = dir.resolve("subscriptions.json");
        String base = "http://localhost:" + receiver.getAddress().getPort() + "/hooks/";
        Files.writeString(subscriptions, """
                {"subscriptions": [
                  {"id": "ir-soc", "party": "ir", "destination": {"type": "webhook", "url": "%sir", "secretFile": "webhook.secret",
                   "allowPrivateNetwork": true}},
                  {"id": "az-soc", "party": "az", "destination": {"type": "webhook", "url": "%saz", "secretFile": "webhook.secret",
                   "allowPrivateNetwork": true}}
                ]}
                """.formatted(base, base));
        Settings settings = Settings.of(Map.of(
                "CASPIAN_BROKER_PORT", "0", "CASPIAN_CONTROLLER_PORT", "0", "CASPIAN_REGISTRY_PORT", "0",
                "CASPIAN_STREAMS_PORT", "0", "CASPIAN_GATEWAY_PORT", "0", "CASPIAN_DISPATCHER_PORT", "0",
                "CASPIAN_TAXII_PORT", "0", "CASPIAN_TOPIC_PARTITIONS", "2",
                "CASPIAN_SUBSCRIPTIONS_FILE", subscriptions.toString()));
        hub = new LocalHub(settings, dir.resolve("data"));
        hub.start();
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void theBannerListsTheManagementListenersApartFromThePortsThePartiesUse() throws Exception {
        String banner = String.join("\n", hub.banner());
        assertThat(banner).contains("management     " + hub.gateway().managementUrl() + "/health, /metrics")
                .contains("management     " + hub.taxii().managementUrl() + "/health, /metrics");
        HttpClient http = HttpClient.newHttpClient();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(hub.gateway().url() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(hub.gateway().managementUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void anIndicatorFromIranReachesAzerbaijansSocSignedAndInItsTaxiiCollection() throws Exception {
        JsonNode answer = submit("demo-ir-analyst", "hxxp://evil[.]example/e2e/payload", "green");
        assertThat(answer.toString()).contains("accepted");

        Delivery delivery = awaitDelivery("az", "url:http://evil.example/e2e/payload", "NEW_INDICATOR");
        assertThat(delivery.signatureValid()).as("HMAC signature checks out at the receiver").isTrue();
        assertThat(delivery.idempotencyKey()).isEqualTo(delivery.alert().get("alertId").asText());
        assertThat(delivery.alert().get("tlp").asText()).isEqualTo("TLP:GREEN");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(taxiiObjects("demo-az-soc")).contains("http://evil.example/e2e/payload"));
    }

    @Test
    void aRedContributionIsNeverRevealedToTheOtherPartyButItsOwnerLearnsOfTheMatch() throws Exception {
        String value = "5.188.206.77"; // not on any warninglist: documentation ranges are, and are never alerted
        submit("demo-ir-analyst", value, "red");
        submit("demo-az-analyst", value, "green");

        Delivery toIran = awaitDelivery("ir", "ipv4:" + value, "CROSS_BORDER_MATCH");
        assertThat(toIran.alert().get("tlp").asText()).isEqualTo("TLP:RED");
        assertThat(toIran.alert().toString()).contains("\"az\"");

        awaitDelivery("az", "ipv4:" + value, "NEW_INDICATOR");

        // Iran's match is committed, so everything the topology will ever route to Azerbaijan for this
        // indicator is on cti.az.alerts by now: read all of it, not just what the webhook got so far.
        List<Alert> toAzerbaijan = committedAlerts(PartyId.of("az")).stream()
                .filter(alert -> alert.getIndicatorKey().equals("ipv4:" + value)).toList();
        assertThat(toAzerbaijan).isNotEmpty().allSatisfy(alert -> {
            assertThat(alert.getKind()).isNotEqualTo(AlertKind.CROSS_BORDER_MATCH);
            assertThat(alert.getParties()).containsExactly("az");
            assertThat(alert.getContributions()).extracting(c -> c.getParty()).containsOnly("az");
            assertThat(alert.getRelated()).isNull();
        });
        assertThat(DELIVERIES.stream().filter(d -> d.party().equals("az")).filter(d -> d.alert().toString().contains(value)))
                .allSatisfy(d -> assertThat(d.alert().path("parties").toString()).doesNotContain("\"ir\""));
        // and Azerbaijan's TAXII collection, once it has the indicator, never names Iran for it
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(taxiiObjects("demo-az-soc")).contains(value));
        JsonNode objects = JSON.readTree(taxiiObjects("demo-az-soc")).path("objects");
        objects.forEach(object -> {
            if (object.toString().contains(value)) {
                assertThat(object.path("x_caspian_parties").toString()).doesNotContain("\"ir\"");
            }
        });
        assertThat(objects.toString()).doesNotContain(StixIds.forParty("ir"));
    }

    // ---- noninterference through the real gateway, webhooks and TAXII (docs/sharing-policy.md) ----

    @Test
    void azerbaijansAlertIdsAreTheSameWhetherOrNotIranHoldsTheValueUnderRed() throws Exception {
        String probe = "probe-e2e-ids.net";
        String control = "control-e2e-ids.net";
        submit("demo-ir-analyst", probe, "red");
        awaitDelivery("ir", "domain:" + probe, "NEW_INDICATOR");
        submit("demo-az-analyst", probe, "green");
        submit("demo-az-analyst", control, "green");

        // had Iran never spoken, each would be Azerbaijan's first change of the value: the same id either way
        for (String value : List.of(probe, control)) {
            String expected = AlertIds.forChange("az", "domain:" + value, 1, AlertKind.NEW_INDICATOR);
            assertThat(awaitDelivery("az", "domain:" + value, "NEW_INDICATOR").idempotencyKey()).isEqualTo(expected);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(taxiiObject("demo-az-soc", value).path("x_caspian_alert_id").asText()).isEqualTo(expected));
        }
    }

    @Test
    void aLaterClearSubmissionDeclassifiesOnlyWhatItSaysInWebhooksAndTaxii() throws Exception {
        String value = "nightjar-e2e.net";
        send("demo-ir-analyst", "/api/v1/indicators", JSON.createObjectNode().put("value", value).put("tlp", "red")
                .put("description", "HUMINT-K, do not share").set("tags", JSON.createArrayNode().add("op-nightjar")));
        send("demo-ir-analyst", "/api/v1/indicators", JSON.createObjectNode().put("value", value).put("tlp", "red")
                .set("references", JSON.createArrayNode().add("incident:IR-2026-0099")));
        awaitDelivery("ir", "domain:" + value, "NEW_INDICATOR");
        Thread.sleep(20); // the CLEAR submission is accepted strictly later than both RED ones
        Instant clearSubmitted = Instant.now();
        submit("demo-ir-analyst", value, "clear");

        Delivery delivery = awaitDelivery("az", "domain:" + value, "NEW_INDICATOR");
        assertThat(delivery.alert().toString()).doesNotContain("op-nightjar", "IR-2026-0099", "HUMINT");
        assertThat(Instant.parse(delivery.alert().path("firstSeen").asText())).isAfterOrEqualTo(clearSubmitted.minusSeconds(1));
        assertThat(delivery.alert().at("/contributions/0/submissionCount").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(taxiiObject("demo-az-soc", value).isMissingNode()).isFalse());
        JsonNode object = taxiiObject("demo-az-soc", value);
        assertThat(object.toString()).doesNotContain("op-nightjar", "IR-2026-0099", "HUMINT");
        assertThat(Instant.parse(object.path("created").asText())).isAfterOrEqualTo(clearSubmitted.minusSeconds(1));
    }

    @Test
    void aTighteningReachesTheOtherPartyExactlyAsAnOpenRevocationDoes() throws Exception {
        String tightened = "tightened-e2e.net";
        String revoked = "revoked-e2e.net";
        for (String value : List.of(tightened, revoked)) {
            submit("demo-ir-analyst", value, "green");
            awaitDelivery("az", "domain:" + value, "NEW_INDICATOR");
        }
        submit("demo-ir-analyst", tightened, "red");
        send("demo-ir-analyst", "/api/v1/revocations", JSON.createObjectNode().put("value", revoked));

        JsonNode a = awaitDelivery("az", "domain:" + tightened, "REVOKED").alert();
        JsonNode b = awaitDelivery("az", "domain:" + revoked, "REVOKED").alert();
        assertThat(withoutValueAndTimes(a, tightened)).isEqualTo(withoutValueAndTimes(b, revoked));
        assertThat(a.path("summary").asText()).contains("withdrawn by ir");
    }

    /** An alert as JSON with its own value, ids (derived from the value) and times blanked: what two withdrawals share. */
    private static String withoutValueAndTimes(JsonNode alert, String value) {
        String text = alert.toString().replace(value, "VALUE")
                .replace(alert.path("alertId").asText(), "ID").replace(alert.path("stixId").asText(), "STIX-ID");
        return text.replaceAll("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z", "TIME");
    }

    /** The object about {@code value} in the caller's TAXII collection (missing node when none). */
    private static JsonNode taxiiObject(String key, String value) throws Exception {
        for (JsonNode object : JSON.readTree(taxiiObjects(key)).path("objects")) {
            if (object.toString().contains(value) && !object.path("type").asText().equals("relationship")) {
                return object;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static JsonNode send(String key, String path, JsonNode body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(hub.gateway().url() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    /** Every alert committed to a party's topic so far, read to the end offsets with read_committed. */
    private static List<Alert> committedAlerts(PartyId party) {
        Topics topics = new Topics(new HttpSchemaRegistryClient(hub.platform().schemaRegistryUrl()));
        TypedTopic<String, Alert> topic = topics.alerts(party);
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.platform().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Alert> alerts = new java.util.ArrayList<>();
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> alerts.add(record.value()));
            }
        }
        return alerts;
    }

    private static JsonNode submit(String key, String value, String tlp) throws Exception {
        String body = JSON.createObjectNode().put("value", value).put("tlp", tlp).put("confidence", 80).toString();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(hub.gateway().url() + "/api/v1/indicators"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static Delivery awaitDelivery(String party, String indicatorKey, String kind) {
        try {
            return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                    DELIVERIES.stream().filter(d -> d.party().equals(party))
                            .filter(d -> d.alert().path("indicatorKey").asText().equals(indicatorKey))
                            .filter(d -> d.alert().path("kind").asText().equals(kind))
                            .findFirst().orElse(null), java.util.Objects::nonNull);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no " + kind + " alert for " + indicatorKey + " reached " + party + "; deliveries: "
                    + DELIVERIES.stream().map(d -> d.party() + " " + d.alert().path("kind").asText() + " "
                    + d.alert().path("indicatorKey").asText() + " " + d.alert().path("parties")).toList(), e);
        }
    }

    private static String taxiiObjects(String key) throws Exception {
        String root = hub.taxii().discoveryUrl().replace("/taxii2/", "/caspian/");
        String auth = "Basic " + Base64.getEncoder().encodeToString((":" + key).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> collections = HTTP.send(HttpRequest.newBuilder(URI.create(root + "collections/"))
                .header("Authorization", auth).header("Accept", "application/taxii+json;version=2.1").build(),
                HttpResponse.BodyHandlers.ofString());
        String id = JSON.readTree(collections.body()).at("/collections/0/id").asText();
        return HTTP.send(HttpRequest.newBuilder(URI.create(root + "collections/" + id + "/objects/"))
                .header("Authorization", auth).header("Accept", "application/taxii+json;version=2.1").build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean verify(String header, byte[] body) {
        try {
            Map<String, String> fields = new java.util.HashMap<>();
            for (String part : header.split(",")) {
                String[] kv = part.trim().split("=", 2);
                fields.put(kv[0], kv[1]);
            }
            long t = Long.parseLong(fields.get("t"));
            if (Math.abs(Instant.now().getEpochSecond() - t) > 300) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return java.security.MessageDigest.isEqual(mac.doFinal(body), HexFormat.of().parseHex(fields.get("v1")));
        } catch (Exception e) {
            return false;
        }
    }
}
