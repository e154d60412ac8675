package org.caspianhub.consumers.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.consumers.stix.StixIds;
import org.caspianhub.consumers.testing.AlertTopics;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.consumers.testing.TaxiiClient;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.ServiceMetrics;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How alerts on a party's topic become its collection (the index the server keeps, and the objects
 * it renders from the alerts): each object version once, versions keeping their first
 * {@code created}, nothing that does not belong, retention, and a client polling with
 * {@code added_after} while alerts arrive on every partition at once missing nothing.
 */
class TaxiiCollectionsTest {

    private static final TestPlatform PLATFORM = TestPlatforms.embedded();

    @TempDir
    Path stateDir;
    private Parties parties;
    private PartyId ir;
    private PartyId az;
    private TaxiiService taxii;

    @BeforeEach
    void start() throws Exception {
        parties = TestParties.unique("ir", "az");
        ir = TestParties.role(parties, "ir");
        az = TestParties.role(parties, "az");
        PLATFORM.provisionTopics(parties);
        taxii = start(Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (taxii != null) {
            taxii.close();
        }
    }

    @Test
    void anAlertBecomesItsObjectsOnceEachAndFixedObjectsAreNotRepeated() {
        Alert first = Alerts.alert(ir, "203.0.113.1").build();
        Alert second = Alerts.alert(ir, "203.0.113.2").build();
        send(ir, first, second, first); // the first twice on the topic, as a producer retrying it might

        List<JsonNode> all = await().atMost(Duration.ofSeconds(30)).until(() -> manifest(ir, "match[version]=all"), m -> m.size() >= 4);
        assertThat(types(all)).containsExactlyInAnyOrder("marking-definition", "identity", "indicator", "indicator");
        assertThat(all).extracting(e -> e.get("date_added").asText()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void laterAlertsAreNewVersionsThatKeepTheFirstCreated() {
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        Alert first = Alerts.alert(ir, "203.0.113.3").setCreatedAt(t0).setFirstSeen(t0.minusSeconds(60)).build();
        Alert update = Alert.newBuilder(first).setAlertId("alert-update-" + UUID.randomUUID()).setKind(AlertKind.UPDATED).setScore(90)
                .setCreatedAt(t0.plusSeconds(5)).setFirstSeen(t0.minusSeconds(30)).build();
        Alert sameMillisecond = Alert.newBuilder(update).setAlertId("alert-same-ms-" + UUID.randomUUID())
                .setKind(AlertKind.CROSS_BORDER_MATCH).build();
        send(ir, first, update, sameMillisecond);

        String id = StixIds.forIndicator(ir.value(), IndicatorType.IPV4, "ipv4:203.0.113.3");
        String objects = collection(ir) + "objects/" + id + "/";
        List<JsonNode> versions = await().atMost(Duration.ofSeconds(30))
                .until(() -> objectsOnceThere(objects + "?match[version]=all"), v -> v.size() == 3);
        assertThat(versions).extracting(v -> v.get("modified").asText())
                .containsExactly("2026-03-01T10:00:00.000Z", "2026-03-01T10:00:05.000Z", "2026-03-01T10:00:05.001Z");
        assertThat(versions).extracting(v -> v.get("created").asText()).containsOnly("2026-03-01T09:59:00.000Z");
        assertThat(versions).extracting(v -> v.get("x_caspian_alert_id").asText())
                .containsExactlyInAnyOrder(first.getAlertId(), update.getAlertId(), sameMillisecond.getAlertId());
        assertThat(objects(objects)).extracting(v -> v.get("modified").asText()).containsExactly("2026-03-01T10:00:05.001Z");
        assertThat(objects(objects + "?match[version]=first")).extracting(v -> v.get("modified").asText())
                .containsExactly("2026-03-01T10:00:00.000Z");
        assertThat(objects(objects + "?match[version]=2026-03-01T10:00:05.000Z")).hasSize(1);
        JsonNode listed = new TaxiiClient(taxii.port()).get(objects + "versions/", key(ir)).json();
        assertThat(listed.get("versions")).extracting(JsonNode::asText)
                .containsExactly("2026-03-01T10:00:00.000Z", "2026-03-01T10:00:05.000Z", "2026-03-01T10:00:05.001Z");
    }

    @Test
    void whatDoesNotBelongInTheCollectionNeverGetsThere() {
        try (AlertTopics topics = new AlertTopics(PLATFORM)) {
            topics.sendRaw(ir, new byte[] {0, 0, 0, 0, 42, 7});
            topics.send(ir, Alerts.alert(az.value(), IndicatorType.DOMAIN, "misrouted.example").build());
            topics.send(ir, Alerts.alert(ir, "203.0.113.4").build());
        }
        List<JsonNode> all = await().atMost(Duration.ofSeconds(30)).until(() -> manifest(ir, "match[version]=all"), m -> m.size() >= 3);
        assertThat(types(all)).containsExactlyInAnyOrder("marking-definition", "identity", "indicator");
        assertThat(manifest(az, "match[version]=all")).isEmpty();
    }

    @Test
    void objectsOlderThanTheRetentionLeave() throws Exception {
        send(ir, Alerts.alert(ir, "203.0.113.5").build());
        await().atMost(Duration.ofSeconds(30)).until(() -> manifest(ir, "match[version]=all").size() == 3);
        taxii.close();

        // the same index, 91 days on: the sweep at start-up removes what was added more than 90 days before
        taxii = start(Clock.offset(Clock.systemUTC(), Duration.ofDays(91)));
        assertThat(manifest(ir, "match[version]=all")).isEmpty();
        String id = StixIds.forIndicator(ir.value(), IndicatorType.IPV4, "ipv4:203.0.113.5");
        assertThat(new TaxiiClient(taxii.port()).get(collection(ir) + "objects/" + id + "/", key(ir)).status()).isEqualTo(404);
    }

    /**
     * The promise of date_added: a client that polls with added_after set to the last date it saw
     * never misses an object, even while alerts land on every partition at once and the pages are small.
     */
    @Test
    void pollingWithAddedAfterWhileAlertsArriveOnEveryPartitionMissesNothing() throws Exception {
        int writers = 3;
        int perWriter = 60;
        Set<String> expected = new HashSet<>();
        List<List<Alert>> batches = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<Alert> batch = new ArrayList<>();
            for (int i = 0; i < perWriter; i++) {
                String address = "198.18." + w + "." + (i + 1);
                batch.add(Alerts.alert(ir, address).build());
                expected.add(StixIds.forIndicator(ir.value(), IndicatorType.IPV4, "ipv4:" + address));
            }
            batches.add(batch);
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> sent = new ArrayList<>();
        try (AlertTopics topics = new AlertTopics(PLATFORM)) {
            for (List<Alert> batch : batches) {
                sent.add(pool.submit(() -> {
                    for (Alert alert : batch) {
                        topics.send(ir, alert);
                    }
                }));
            }
            List<String> seen = new ArrayList<>();
            String addedAfter = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
                TaxiiClient.Response page = new TaxiiClient(taxii.port()).get(collection(ir) + "manifest/?match[type]=indicator&limit=7"
                        + (addedAfter == null ? "" : "&added_after=" + TaxiiClient.param(addedAfter)), key(ir));
                assertThat(page.status()).isEqualTo(200);
                if (page.json().has("objects")) {
                    page.json().get("objects").forEach(entry -> seen.add(entry.get("id").asText()));
                    addedAfter = page.header("X-TAXII-Date-Added-Last");
                } else {
                    Thread.sleep(50);
                }
            }
            for (Future<?> done : sent) {
                done.get();
            }
            assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    private TaxiiService start(Clock clock) throws Exception {
        TaxiiService service = new TaxiiService(TaxiiSettings.from(PLATFORM.settings(parties).with(Map.of(
                "CASPIAN_TAXII_PORT", "0",
                "CASPIAN_TAXII_STATE_DIR", stateDir.toString()))), ServiceMetrics.create("taxii"), clock);
        service.start();
        return service;
    }

    private static void send(PartyId party, Alert... alerts) {
        try (AlertTopics topics = new AlertTopics(PLATFORM)) {
            topics.send(party, alerts);
        }
    }

    private List<JsonNode> manifest(PartyId party, String query) {
        return entries(new TaxiiClient(taxii.port()).get(collection(party) + "manifest/?" + query, key(party)), "objects");
    }

    private List<JsonNode> objects(String path) {
        return entries(new TaxiiClient(taxii.port()).get(path, key(ir)), "objects");
    }

    /** The objects, or none while the object is not in the collection yet (404). */
    private List<JsonNode> objectsOnceThere(String path) {
        TaxiiClient.Response response = new TaxiiClient(taxii.port()).get(path, key(ir));
        return response.status() == 404 ? List.of() : entries(response, "objects");
    }

    private static List<JsonNode> entries(TaxiiClient.Response response, String field) {
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        if (response.json().has(field)) {
            response.json().get(field).forEach(entries::add);
        }
        return entries;
    }

    private static List<String> types(List<JsonNode> manifest) {
        return manifest.stream().map(e -> e.get("id").asText().substring(0, e.get("id").asText().indexOf("--"))).toList();
    }

    private static String collection(PartyId party) {
        return "/caspian/collections/" + StixIds.collection(party) + "/";
    }

    private static String key(PartyId party) {
        return "demo-" + party.value() + "-soc";
    }
}
