package org.caspianhub.consumers.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;
import org.caspianhub.consumers.stix.StixIds;
import org.caspianhub.consumers.stix.TlpMarkings;
import org.caspianhub.consumers.testing.AlertTopics;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.consumers.testing.Reachability;
import org.caspianhub.consumers.testing.TaxiiClient;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TAXII server as a partner SOC meets it: real HTTP, real broker, alerts produced onto the
 * parties' topics, the service materializing them. One server for the class; each test reads
 * what it needs.
 */
class TaxiiServerTest {

    private static final String COLLECTIONS = "/caspian/collections/";
    private static final TestPlatform PLATFORM = TestPlatforms.embedded();

    @TempDir
    static Path stateDir;
    private static Parties parties;
    private static PartyId ir;
    private static PartyId az;
    private static TaxiiService taxii;
    private static TaxiiClient client;
    private static String irKey;
    private static String azKey;
    private static final List<Alert> IR_ALERTS = new ArrayList<>();
    private static Alert azOnly;
    private static Alert azRevoked;
    private static Alert irUpdate;

    @BeforeAll
    static void start() throws Exception {
        parties = TestParties.unique("ir", "az");
        ir = TestParties.role(parties, "ir");
        az = TestParties.role(parties, "az");
        irKey = "demo-" + ir.value() + "-soc";
        azKey = "demo-" + az.value() + "-soc";
        PLATFORM.provisionTopics(parties);
        TaxiiSettings settings = TaxiiSettings.from(PLATFORM.settings(parties).with(Map.of(
                "CASPIAN_TAXII_PORT", "0",
                "CASPIAN_TAXII_APPLICATION_ID", "taxii-test-" + UUID.randomUUID(),
                "CASPIAN_TAXII_STATE_DIR", stateDir.toString())));
        taxii = new TaxiiService(settings);
        taxii.start();
        client = new TaxiiClient(taxii.port());

        try (AlertTopics topics = new AlertTopics(PLATFORM)) {
            for (int i = 1; i <= 5; i++) {
                IR_ALERTS.add(Alerts.alert(ir, "203.0.113." + i).setTlp(i == 1 ? Tlp.AMBER : Tlp.GREEN).build());
            }
            topics.send(ir, IR_ALERTS.toArray(Alert[]::new));
            azOnly = Alerts.alert(az.value(), IndicatorType.DOMAIN, "only-for-az.example").setTlp(Tlp.RED).build();
            topics.send(az, azOnly);
            // its submitter revokes it: no party stands behind it any more
            azRevoked = Alert.newBuilder(azOnly).setAlertId("revoke-" + UUID.randomUUID()).setKind(AlertKind.REVOKED)
                    .setStatus(IndicatorStatus.REVOKED).setParties(List.of())
                    .setCreatedAt(azOnly.getCreatedAt().plusSeconds(1)).build();
            topics.send(az, azRevoked);
            irUpdate = Alert.newBuilder(IR_ALERTS.get(0)).setAlertId("update-" + UUID.randomUUID()).setKind(AlertKind.UPDATED)
                    .setScore(95).setCreatedAt(IR_ALERTS.get(0).getCreatedAt().plusSeconds(1)).build();
            topics.send(ir, irUpdate);
        }
        // 5 + 1 indicator versions, 2 markings, 1 hub identity
        await().atMost(Duration.ofSeconds(30)).until(() -> manifest("match[version]=all").size() == 9);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            TaxiiClient.Response r = client.get(collection(az) + "manifest/", azKey);
            return r.status() == 200 && r.json().has("objects") && r.json().get("objects").size() == 3;
        });
    }

    @AfterAll
    static void stop() {
        if (taxii != null) {
            taxii.close();
        }
    }

    @Test
    void everyRequestNeedsAKeyAndErrorsUseTheTaxiiEnvelope() {
        TaxiiClient.Response anonymous = client.get("/taxii2/", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(anonymous.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
        assertThat(anonymous.json().get("http_status").asText()).isEqualTo("401");
        assertThat(anonymous.json().get("title").asText()).isNotBlank();

        assertThat(client.get("/taxii2/", "not-a-key").status()).isEqualTo(401);
        assertThat(client.get(collection(ir) + "objects/", null).status()).isEqualTo(401);
        assertThat(client.get("/taxii2/", irKey, "application/xml").status()).isEqualTo(406);
        assertThat(client.get("/taxii2/", irKey, "application/taxii+json;version=2.0").status()).isEqualTo(406);
    }

    @Test
    void listensOnThisMachineOnlyByDefault() {
        InetAddress network = Reachability.networkAddress().orElse(null);
        assumeTrue(network != null, "this machine has no network-facing address to try");
        assertThat(taxii.endpoints().get(0)).contains("http://localhost:" + taxii.port() + "/taxii2/");
        assertThat(Reachability.accepts(InetAddress.getLoopbackAddress(), taxii.port())).isTrue();
        assertThat(Reachability.accepts(network, taxii.port())).as("reachable on " + network).isFalse();
    }

    @Test
    void discoveryAndApiRoot() {
        TaxiiClient.Response discovery = client.get("/taxii2/", irKey);
        assertThat(discovery.status()).isEqualTo(200);
        assertThat(discovery.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
        String root = discovery.json().get("api_roots").get(0).asText();
        assertThat(root).endsWith("/caspian/");
        assertThat(discovery.json().get("default").asText()).isEqualTo(root);

        TaxiiClient.Response apiRoot = client.get("/caspian/", irKey);
        assertThat(apiRoot.json().get("versions").get(0).asText()).isEqualTo("application/taxii+json;version=2.1");
        assertThat(apiRoot.json().get("max_content_length").asLong()).isPositive();
    }

    @Test
    void aPartySeesOnlyItsOwnCollectionAndNeverEvenTheOthersId() {
        JsonNode irCollections = client.get(COLLECTIONS, irKey).json().get("collections");
        assertThat(irCollections).hasSize(1);
        assertThat(irCollections.get(0).get("id").asText()).isEqualTo(StixIds.collection(ir));
        assertThat(irCollections.get(0).get("can_read").asBoolean()).isTrue();
        assertThat(irCollections.get(0).get("can_write").asBoolean()).isFalse();
        assertThat(irCollections.get(0).get("media_types").get(0).asText()).isEqualTo("application/stix+json;version=2.1");
        assertThat(client.get(COLLECTIONS, azKey).json().get("collections").get(0).get("id").asText())
                .isEqualTo(StixIds.collection(az));

        for (String path : List.of("", "objects/", "manifest/", "objects/" + StixIds.forIndicator(az.value(), IndicatorType.DOMAIN,
                "domain:only-for-az.example") + "/")) {
            TaxiiClient.Response foreign = client.get(collection(az) + path, irKey);
            assertThat(foreign.status()).as(path).isEqualTo(404);
            assertThat(foreign.json().get("http_status").asText()).isEqualTo("404");
        }
        assertThat(client.get(collection(az) + "objects/", "demo-" + az.value() + "-analyst").status()).isEqualTo(200);
    }

    @Test
    void aKeyWhoseRoleMayNotReadSeesNoCollection() {
        String feedKey = "demo-" + ir.value() + "-feed";
        assertThat(client.get(COLLECTIONS, feedKey).json().has("collections")).isFalse();
        assertThat(client.get(collection(ir) + "objects/", feedKey).status()).isEqualTo(403);
    }

    @Test
    void objectsCarryDeterministicIdsAndTheirTlpMarking() {
        List<JsonNode> objects = objects(collection(ir) + "objects/?match[type]=indicator", irKey);
        assertThat(objects).hasSize(5);
        for (Alert alert : IR_ALERTS) {
            String id = StixIds.forIndicator(ir.value(), IndicatorType.IPV4, alert.getIndicatorKey());
            JsonNode indicator = objects.stream().filter(o -> o.get("id").asText().equals(id)).findFirst().orElseThrow();
            String marking = alert == IR_ALERTS.get(0) ? TlpMarkings.markingId(Tlp.AMBER) : TlpMarkings.markingId(Tlp.GREEN);
            assertThat(indicator.get("object_marking_refs").get(0).asText()).isEqualTo(marking);
        }
        // the AMBER and GREEN marking definitions are in the collection for clients to resolve
        List<JsonNode> markings = objects(collection(ir) + "objects/?match[type]=marking-definition", irKey);
        assertThat(markings).extracting(m -> m.get("id").asText())
                .containsExactlyInAnyOrder(TlpMarkings.markingId(Tlp.AMBER), TlpMarkings.markingId(Tlp.GREEN));
        // nothing of Azerbaijan's
        assertThat(objects(collection(ir) + "objects/?match[version]=all", irKey))
                .noneMatch(o -> o.toString().contains("only-for-az.example"));
    }

    @Test
    void everyObjectServedMeetsTheOasisSchemasAndARevokedIndicatorCarriesNoEmptyList() {
        String revokedId = StixIds.forIndicator(az.value(), IndicatorType.DOMAIN, azOnly.getIndicatorKey());
        await().atMost(Duration.ofSeconds(30)).until(() -> objects(collection(az) + "objects/" + revokedId + "/", azKey)
                .stream().anyMatch(o -> o.path("revoked").asBoolean()));
        List<JsonNode> served = new ArrayList<>(objects(collection(az) + "objects/?match[version]=all", azKey));
        served.addAll(objects(collection(ir) + "objects/?match[version]=all", irKey));

        // TaxiiClient checks every objects answer already; here all versions of both collections at once
        org.caspianhub.consumers.testing.StixSchemas.assertValid(served);
        JsonNode revoked = served.stream().filter(o -> o.get("id").asText().equals(revokedId) && o.path("revoked").asBoolean())
                .findFirst().orElseThrow();
        assertThat(revoked.has("x_caspian_parties")).as("STIX forbids empty lists: the property is left out").isFalse();
        assertThat(revoked.get("x_caspian_status").asText()).isEqualTo("REVOKED");
        assertThat(served).filteredOn(o -> o.get("type").asText().equals("indicator") && !o.path("revoked").asBoolean())
                .allSatisfy(o -> assertThat(o.get("x_caspian_parties")).isNotEmpty());
    }

    @Test
    void pagesFollowTheNextTokenWithoutGapsOrRepeats() {
        List<JsonNode> all = manifest("match[version]=all");
        List<JsonNode> paged = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            TaxiiClient.Response page = client.get(collection(ir) + "manifest/?match[version]=all&limit=2"
                    + (next == null ? "" : "&next=" + TaxiiClient.param(next)), irKey);
            assertThat(page.status()).isEqualTo(200);
            JsonNode entries = page.json().get("objects");
            entries.forEach(paged::add);
            assertThat(page.header("X-TAXII-Date-Added-First")).isEqualTo(entries.get(0).get("date_added").asText());
            assertThat(page.header("X-TAXII-Date-Added-Last")).isEqualTo(entries.get(entries.size() - 1).get("date_added").asText());
            next = page.json().get("more").asBoolean() ? page.json().get("next").asText() : null;
            pages++;
        } while (next != null);
        assertThat(pages).isEqualTo(5);
        assertThat(paged).isEqualTo(all);
        assertThat(paged).extracting(e -> e.get("date_added").asText()).isSorted();
        assertThat(paged).allSatisfy(e -> assertThat(e.get("media_type").asText()).isEqualTo("application/stix+json;version=2.1"));
    }

    @Test
    void addedAfterReturnsOnlyWhatWasAddedLater() {
        List<JsonNode> all = manifest("match[version]=all");
        String third = all.get(2).get("date_added").asText();
        List<JsonNode> later = manifest("match[version]=all&added_after=" + TaxiiClient.param(third));
        assertThat(later).isEqualTo(all.subList(3, all.size()));
        assertThat(manifest("added_after=" + TaxiiClient.param(all.get(all.size() - 1).get("date_added").asText()))).isEmpty();
    }

    @Test
    void versionsOfOneIndicator() {
        String id = StixIds.forIndicator(ir.value(), IndicatorType.IPV4, IR_ALERTS.get(0).getIndicatorKey());
        TaxiiClient.Response versions = client.get(collection(ir) + "objects/" + id + "/versions/", irKey);
        assertThat(versions.json().get("versions")).hasSize(2);

        List<JsonNode> latest = objects(collection(ir) + "objects/" + id + "/", irKey);
        assertThat(latest).hasSize(1);
        assertThat(latest.get(0).get("confidence").asInt()).isEqualTo(95);
        assertThat(latest.get(0).get("x_caspian_alert_id").asText()).isEqualTo(irUpdate.getAlertId());
        assertThat(objects(collection(ir) + "objects/" + id + "/?match[version]=all", irKey)).hasSize(2);
        assertThat(objects(collection(ir) + "objects/?match[id]=" + id + "&match[version]=first", irKey))
                .extracting(o -> o.get("confidence").asInt()).containsExactly(70);
        assertThat(client.get(collection(ir) + "objects/indicator--" + UUID.randomUUID() + "/", irKey).status()).isEqualTo(404);
    }

    @Test
    void badParametersAndWritesAreRefusedWithSpecificErrors() {
        TaxiiClient.Response badLimit = client.get(collection(ir) + "objects/?limit=zero", irKey);
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().get("description").asText()).contains("limit must be a positive integer");
        assertThat(client.get(collection(ir) + "objects/?added_after=yesterday", irKey).json().get("description").asText())
                .contains("added_after must be an RFC 3339 timestamp");
        assertThat(client.get(collection(ir) + "objects/?next=bogus", irKey).status()).isEqualTo(400);
        TaxiiClient.Response write = client.post(collection(ir) + "objects/", irKey, "{\"objects\": []}");
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().get("description").asText()).contains("read-only");
    }

    private static String collection(PartyId party) {
        return COLLECTIONS + StixIds.collection(party) + "/";
    }

    private static List<JsonNode> manifest(String query) {
        TaxiiClient.Response response = client.get(collection(ir) + "manifest/?" + query, irKey);
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        if (response.json().has("objects")) {
            response.json().get("objects").forEach(entries::add);
        }
        return entries;
    }

    private static List<JsonNode> objects(String path, String key) {
        TaxiiClient.Response response = client.get(path, key);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
        List<JsonNode> objects = new ArrayList<>();
        if (response.json().has("objects")) {
            response.json().get("objects").forEach(objects::add);
        }
        return objects;
    }
}
