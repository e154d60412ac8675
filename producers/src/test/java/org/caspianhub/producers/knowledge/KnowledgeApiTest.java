package org.caspianhub.producers.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.RelatedIndicator;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.producers.imports.ImportDefaults;
import org.caspianhub.producers.imports.ImportEntry;
import org.caspianhub.producers.imports.MispEventReader;
import org.caspianhub.producers.imports.MispManifest;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.topics.TypedTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pull side on a real broker and gateway: alert records written to each party's alert topic
 * (as the topology writes them) become that party's answers to look-ups, bulk look-ups, searches
 * and exports, and never another party's.
 */
class KnowledgeApiTest {

    static TestGateway hub;
    static PartyId ir;
    static PartyId az;
    static KafkaProducer<String, Alert> producer;
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @BeforeAll
    static void start() throws Exception {
        hub = new TestGateway("ir", "az").start();
        ir = TestParties.role(hub.parties, "ir");
        az = TestParties.role(hub.parties, "az");
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.platform.bootstrapServers());
        TypedTopic<String, Alert> topic = hub.topics.alerts(ir);
        producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        hub.close();
    }

    static void publish(PartyId party, Alert... alerts) throws Exception {
        for (Alert alert : alerts) {
            producer.send(new ProducerRecord<>(hub.topics.alerts(party).name(), alert.getAlertId(), alert)).get();
        }
    }

    static HttpResponse<String> get(String path, PartyId party) throws Exception {
        return hub.get(path, TestGateway.key(party, "analyst"));
    }

    static void awaitFound(String path, PartyId party) {
        await().atMost(Duration.ofSeconds(30)).until(() -> get(path, party).statusCode() == 200);
    }

    @Test
    void aValueIsFoundInAnyFormASubmissionTakesAndShowsTheCallersView() throws Exception {
        Alert url = Alerts.of(ir.value(), IndicatorType.URL, "http://login.lookup-one.example/gate.php", Tlp.AMBER, 80,
                List.of("c2"), List.of("incident:IR-2026-0042"), T0, ir.value(), az.value());
        Alert fp = Alerts.change(url, AlertKind.FALSE_POSITIVE, 40, IndicatorStatus.ACTIVE, T0.plusSeconds(60));
        fp.setSightings(3);
        fp.setFalsePositives(1);
        publish(ir, url, fp);
        String encoded = URLEncoder.encode("hxxp://LOGIN.lookup-one[.]example/gate.php#frag", StandardCharsets.UTF_8);
        awaitFound("/api/v1/lookup?value=" + encoded, ir);

        JsonNode view = TestGateway.json(get("/api/v1/lookup?value=" + encoded, ir));
        assertThat(view.path("type").asText()).isEqualTo("URL");
        assertThat(view.path("value").asText()).isEqualTo("http://login.lookup-one.example/gate.php");
        assertThat(view.path("score").asInt()).isEqualTo(40);
        assertThat(view.path("tlp").asText()).isEqualTo("TLP:AMBER");
        assertThat(view.path("parties").get(0).asText()).isEqualTo(ir.value());
        assertThat(view.path("parties").get(1).asText()).isEqualTo(az.value());
        assertThat(view.path("tags").toString()).isEqualTo("[\"c2\"]");
        assertThat(view.path("references").toString()).isEqualTo("[\"incident:IR-2026-0042\"]");
        assertThat(view.path("sightings").asInt()).isEqualTo(3);
        assertThat(view.path("falsePositives").asInt()).isEqualTo(1);
        assertThat(view.path("alerts")).hasSize(2);
        assertThat(view.path("alerts").get(0).path("kind").asText()).isEqualTo("FALSE_POSITIVE");
        assertThat(view.path("alerts").get(1).path("alertId").asText()).isEqualTo(url.getAlertId());
        assertThat(view.path("asOf").asText()).isEqualTo("2026-03-01T10:01:00.000Z");

        // the same answer through the path, the value percent-encoded with its slashes
        HttpResponse<String> byPath = get("/api/v1/indicators/" + URLEncoder.encode(
                "http://login.lookup-one.example/gate.php", StandardCharsets.UTF_8).replace("+", "%20") + "?type=url", ir);
        assertThat(byPath.statusCode()).as(byPath.body()).isEqualTo(200);
        assertThat(TestGateway.json(byPath)).isEqualTo(view);
    }

    @Test
    void unknownAndNotVisibleAreTheSameAnswerByteForByte() throws Exception {
        // az knows hidden-one.example (its own alert); ir was never told of it
        publish(az, Alerts.of(az.value(), IndicatorType.DOMAIN, "hidden-one.example", Tlp.RED, 90, List.of(), List.of(), T0,
                az.value()));
        awaitFound("/api/v1/indicators/hidden-one.example", az);
        HttpResponse<String> hidden = get("/api/v1/indicators/HIDDEN-ONE%5B.%5Dexample", ir);
        HttpResponse<String> unknown = get("/api/v1/indicators/HIDDEN-ONE%5B.%5Dexample", ir);
        HttpResponse<String> never = get("/api/v1/indicators/never-one.example", ir);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(TestGateway.json(hidden).path("value").asText()).isEqualTo("hidden-one.example");
        // the same value answered for a value nobody has: compare with a fresh unknown value of the same shape
        assertThat(hidden.body().replace("hidden-one", "never-one")).isEqualTo(never.body());
        assertThat(hidden.body()).isEqualTo(unknown.body());
        assertThat(hidden.headers().map().keySet()).isEqualTo(never.headers().map().keySet());
    }

    @Test
    void aWarninglistedValueNamesItsList() throws Exception {
        HttpResponse<String> resolver = get("/api/v1/indicators/8.8.8.8", ir);
        assertThat(resolver.statusCode()).isEqualTo(404);
        JsonNode lists = TestGateway.json(resolver).path("warninglists");
        assertThat(lists.size()).isGreaterThan(0);
        assertThat(lists.toString()).containsIgnoringCase("dns");
    }

    @Test
    void anUnparseableValueIsA400NamingTheField() throws Exception {
        HttpResponse<String> bad = get("/api/v1/indicators/not%20a%20value", ir);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(bad).path("errors").get(0).path("field").asText()).isEqualTo("value");
        HttpResponse<String> badType = get("/api/v1/indicators/evil.example?type=colour", ir);
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(badType).path("errors").get(0).path("field").asText()).isEqualTo("type");
        assertThat(hub.get("/api/v1/indicators/evil.example", null).statusCode()).isEqualTo(401);
    }

    @Test
    void bulkLookupAnswersEveryValueInOrder() throws Exception {
        publish(ir, Alerts.of(ir.value(), IndicatorType.IPV4, "198.51.100.77", Tlp.GREEN, 70, List.of("scanner"), List.of(), T0,
                ir.value()));
        awaitFound("/api/v1/indicators/198.51.100.77", ir);
        HttpResponse<String> response = hub.postJson("/api/v1/lookups", TestGateway.key(ir, "soc"),
                "{\"values\": [\"198.51.100[.]77\", \"unseen-bulk.example\", \"not a value\", 42, \"hxxp://unseen-bulk[.]example/x\", "
                        + "\"198.51.100.77\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = TestGateway.json(response).path("results");
        assertThat(results).hasSize(6);
        assertThat(results.get(0).path("input").asText()).isEqualTo("198.51.100[.]77");
        assertThat(results.get(0).path("found").asBoolean()).isTrue();
        assertThat(results.get(0).path("value").asText()).isEqualTo("198.51.100.77");
        assertThat(results.get(0).path("summary").path("score").asInt()).isEqualTo(70);
        assertThat(results.get(1).path("found").asBoolean()).isFalse();
        assertThat(results.get(1).path("type").asText()).isEqualTo("DOMAIN");
        assertThat(results.get(2).path("error").path("field").asText()).startsWith("values[2]");
        assertThat(results.get(3).path("error").path("field").asText()).isEqualTo("values[3]");
        // after values that fail and values that are unknown, each answer is still its own value's
        assertThat(results.get(4).path("found").asBoolean()).isFalse();
        assertThat(results.get(4).path("type").asText()).isEqualTo("URL");
        assertThat(results.get(5).path("found").asBoolean()).isTrue();
        assertThat(results.get(5).path("summary").path("score").asInt()).isEqualTo(70);

        StringBuilder tooMany = new StringBuilder("{\"values\": [");
        for (int i = 0; i <= 10_000; i++) {
            tooMany.append(i == 0 ? "" : ",").append("\"h").append(i).append(".example\"");
        }
        HttpResponse<String> refused = hub.postJson("/api/v1/lookups", TestGateway.key(ir, "soc"), tooMany + "]}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(refused).path("errors").get(0).path("field").asText()).isEqualTo("values");
    }

    @Test
    void searchFiltersAndPagesStablyWhileNewDataArrives() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String value = "page-" + i + ".search.example";
            publish(ir, Alerts.of(ir.value(), IndicatorType.DOMAIN, value, i % 2 == 0 ? Tlp.GREEN : Tlp.AMBER, 50 + i * 5,
                    List.of("pager"), List.of(), T0.plusSeconds(i), ir.value()));
            expected.add(value);
        }
        awaitFound("/api/v1/indicators/page-6.search.example", ir);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> page = get("/api/v1/indicators?tag=PAGER&type=domain&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), ir);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode body = TestGateway.json(page);
            body.path("items").forEach(item -> seen.add(item.path("value").asText()));
            cursor = body.path("next").isNull() ? null : body.path("next").asText();
            if (pages++ == 0) {
                // a value sorting before the cursor arrives: the walk neither repeats nor skips what it had
                publish(ir, Alerts.of(ir.value(), IndicatorType.DOMAIN, "page-0a.search.example", Tlp.GREEN, 99,
                        List.of("pager"), List.of(), T0, ir.value()));
            }
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(expected.stream().sorted().toList());

        JsonNode filtered = TestGateway.json(get("/api/v1/indicators?tag=pager&minScore=70&tlp=green", ir));
        assertThat(filtered.path("items").findValuesAsText("value"))
                .containsExactly("page-0a.search.example", "page-4.search.example", "page-6.search.example");
        HttpResponse<String> bad = get("/api/v1/indicators?minScore=high&tlp=purple&firstSeenFrom=yesterday", ir);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(bad).path("errors").findValuesAsText("field"))
                .containsExactly("minScore", "tlp", "firstSeenFrom");
        assertThat(get("/api/v1/indicators?cursor=%21%21", ir).statusCode()).isEqualTo(400);
    }

    @Test
    void exportsStreamEachFormatAndAnswer304UntilSomethingChanges() throws Exception {
        publish(az, Alerts.of(az.value(), IndicatorType.DOMAIN, "export-one.example", Tlp.GREEN, 90, List.of("c2"), List.of(),
                        T0, az.value()),
                Alerts.of(az.value(), IndicatorType.IPV4, "203.0.113.50", Tlp.CLEAR, 75, List.of(), List.of(), T0, az.value()),
                Alerts.of(az.value(), IndicatorType.URL, "http://export-one.example/a;b", Tlp.AMBER, 85, List.of(), List.of(),
                        T0, az.value()),
                Alerts.of(az.value(), IndicatorType.SHA256,
                        "5d41402abc4b2a76b9719d911017c592f1f62c1b7ab4ef4c8d1e0a2b3c4d5e6f", Tlp.GREEN, 20, List.of(),
                        List.of(), T0, az.value()));
        awaitFound("/api/v1/indicators/203.0.113.50", az);

        HttpResponse<String> text = get("/api/v1/exports/text?active=true&minScore=70&tlp=green", az);
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.body()).isEqualTo("export-one.example\n203.0.113.50\n"
                .lines().sorted((a, b) -> key(a).compareTo(key(b))).map(l -> l + "\n").reduce("", String::concat));
        String etag = text.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = hub.http.send(HttpRequest.newBuilder(URI.create(hub.url()
                        + "/api/v1/exports/text?active=true&minScore=70&tlp=green"))
                .header("Authorization", "Bearer " + TestGateway.key(az, "soc")).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        HttpResponse<String> csv = get("/api/v1/exports/csv", az);
        assertThat(csv.body()).startsWith("type,value,status").contains("URL,http://export-one.example/a;b,ACTIVE,85");
        JsonNode stix = TestGateway.json(get("/api/v1/exports/stix?minScore=50", az));
        assertThat(stix.path("type").asText()).isEqualTo("bundle");
        List<String> names = new ArrayList<>();
        stix.path("objects").forEach(o -> {
            if (o.path("type").asText().equals("indicator")) {
                names.add(o.path("name").asText());
            }
        });
        assertThat(names).contains("export-one.example", "203.0.113.50", "http://export-one.example/a;b")
                .doesNotContain("5d41402abc4b2a76b9719d911017c592f1f62c1b7ab4ef4c8d1e0a2b3c4d5e6f"); // score 20 < 50
        assertThat(get("/api/v1/exports/suricata", az).body())
                .contains("alert ip $HOME_NET any -> 203.0.113.50 any")
                .contains("dns.query; dotprefix; content:\".export-one.example\"")
                .contains("content:\"/a|3B|b\"");
        assertThat(get("/api/v1/exports/zeek", az).body())
                .contains("203.0.113.50\tIntel::ADDR\tcaspian-hub")
                .contains("export-one.example/a;b\tIntel::URL");
        assertThat(get("/api/v1/exports/pdf", az).statusCode()).isEqualTo(404);

        // a new alert of az's changes the answer, hence the tag; ir's alerts do not
        publish(ir, Alerts.of(ir.value(), IndicatorType.DOMAIN, "irs-own.example", Tlp.CLEAR, 99, List.of(), List.of(), T0,
                ir.value()));
        awaitFound("/api/v1/indicators/irs-own.example", ir);
        assertThat(get("/api/v1/exports/text?active=true&minScore=70&tlp=green", az).headers().firstValue("ETag"))
                .contains(etag);
        publish(az, Alerts.of(az.value(), IndicatorType.DOMAIN, "export-two.example", Tlp.GREEN, 90, List.of(), List.of(), T0,
                az.value()));
        awaitFound("/api/v1/indicators/export-two.example", az);
        assertThat(get("/api/v1/exports/text?active=true&minScore=70&tlp=green", az).headers().firstValue("ETag"))
                .isNotEqualTo(java.util.Optional.of(etag));
    }

    @Test
    void theMispFeedRoundTripsThroughTheHubsOwnMispReader() throws Exception {
        PartyId party = az;
        publish(party, Alerts.of(party.value(), IndicatorType.DOMAIN, "misp-feed.example", Tlp.AMBER, 80, List.of("apt-x"),
                        List.of(), T0, party.value()),
                Alerts.of(party.value(), IndicatorType.IPV4, "192.0.2.99", Tlp.GREEN, 60, List.of(), List.of(), T0,
                        party.value()));
        awaitFound("/api/v1/indicators/192.0.2.99", party);
        Path dir = Files.createTempDirectory("misp-feed");
        HttpResponse<String> manifest = get("/api/v1/exports/misp/manifest.json?tag=apt-x", party);
        assertThat(manifest.statusCode()).isEqualTo(200);
        Files.writeString(dir.resolve("manifest.json"), manifest.body());
        List<MispManifest.Event> events = MispManifest.read(dir.resolve("manifest.json"));
        assertThat(events).hasSize(1);
        List<ImportEntry> entries = new ArrayList<>();
        for (MispManifest.Event event : events) {
            HttpResponse<String> body = get("/api/v1/exports/misp/" + event.uuid() + ".json?tag=apt-x", party);
            assertThat(body.statusCode()).isEqualTo(200);
            Path file = dir.resolve(event.uuid() + ".json");
            Files.writeString(file, body.body());
            new MispEventReader().read(file, new ImportDefaults(Tlp.RED, null, List.of(), List.of()), entries::add);
        }
        assertThat(entries).singleElement().isInstanceOfSatisfying(ImportEntry.Candidate.class, c -> {
            assertThat(c.item().value()).isEqualTo("misp-feed.example");
            assertThat(c.item().type()).isEqualTo(IndicatorType.DOMAIN);
            assertThat(c.item().tlp()).isEqualTo(Tlp.AMBER);
            assertThat(c.item().tags()).contains("apt-x");
        });
        assertThat(get("/api/v1/exports/misp/00000000-0000-0000-0000-000000000000.json", party).statusCode()).isEqualTo(404);
    }

    @Test
    void relatedAlertsListTheOtherSideWithTheirOwnLevel() throws Exception {
        Alert domain = Alerts.of(ir.value(), IndicatorType.DOMAIN, "related-one.example", Tlp.GREEN, 70, List.of(), List.of(),
                T0, ir.value());
        Alert related = Alerts.change(domain, AlertKind.RELATED, 70, IndicatorStatus.ACTIVE, T0.plusSeconds(5));
        related.setTlp(Tlp.AMBER);
        related.setRelated(new RelatedIndicator("corr-1", CorrelationKind.URL_HOST, "url:http://related-one.example/x",
                IndicatorType.URL, "http://related-one.example/x", null, List.of(ir.value()), "the URL's host"));
        publish(ir, domain, related);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                TestGateway.json(get("/api/v1/indicators/related-one.example", ir)).path("related").size() == 1);
        JsonNode view = TestGateway.json(get("/api/v1/indicators/related-one.example", ir));
        assertThat(view.path("tlp").asText()).isEqualTo("TLP:GREEN");
        assertThat(view.path("related").get(0).path("kind").asText()).isEqualTo("URL_HOST");
        assertThat(view.path("related").get(0).path("value").asText()).isEqualTo("http://related-one.example/x");
        assertThat(view.path("related").get(0).path("tlp").asText()).isEqualTo("TLP:AMBER");
    }

    @Test
    void anUndecodableRecordOnTheAlertTopicIsSkippedAndTheNextAlertStillArrives() throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.platform.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(props,
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(hub.topics.alerts(ir).name(), "x".getBytes(), new byte[] {0, 0, 0, 0, 99, 1, 2})).get();
            raw.send(new ProducerRecord<>(hub.topics.alerts(ir).name(), "y".getBytes(), "not avro".getBytes())).get();
        }
        publish(ir, Alerts.of(ir.value(), IndicatorType.DOMAIN, "after-garbage.example", Tlp.GREEN, 60, List.of(), List.of(),
                T0, ir.value()));
        awaitFound("/api/v1/indicators/after-garbage.example", ir);
        assertThat(hub.service().health().up()).isTrue();
    }

    private static String key(String value) {
        return (value.matches("[0-9.]+") ? "ipv4:" : "domain:") + value;
    }
}
