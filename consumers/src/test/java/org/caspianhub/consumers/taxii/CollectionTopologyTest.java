package org.caspianhub.consumers.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.consumers.stix.StixIds;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatforms;
import org.caspianhub.topics.HubTopics;
import org.caspianhub.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collection topology by itself (TopologyTestDriver), with the real schema registry for the Avro alerts. */
class CollectionTopologyTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, Alert> irAlerts;
    private TestInputTopic<String, byte[]> irRaw;
    private CollectionQueries queries;
    private PartyId ir;
    private PartyId az;

    @BeforeEach
    void start() {
        Parties parties = TestParties.unique("ir", "az");
        ir = TestParties.role(parties, "ir");
        az = TestParties.role(parties, "az");
        Topics topics = new Topics(new HttpSchemaRegistryClient(TestPlatforms.embedded().schemaRegistryUrl()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "taxii-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(CollectionTopology.build(List.copyOf(parties.all()), topics.alertSerde().deserializer(),
                Duration.ofDays(90), Clock.fixed(T0, ZoneOffset.UTC)), props, T0);
        irAlerts = driver.createInputTopic(HubTopics.alerts(ir), new StringSerializer(), topics.alertSerde().serializer());
        irRaw = driver.createInputTopic(HubTopics.alerts(ir), new StringSerializer(), new ByteArraySerializer());
        queries = new CollectionQueries(new CollectionQueries.Stores() {
            @Override
            public List<ReadOnlyKeyValueStore<Bytes, byte[]>> objects() {
                return List.of(driver.<Bytes, byte[]>getKeyValueStore(CollectionTopology.OBJECTS_STORE));
            }

            @Override
            public List<ReadOnlyKeyValueStore<Bytes, byte[]>> index() {
                return List.of(driver.<Bytes, byte[]>getKeyValueStore(CollectionTopology.INDEX_STORE));
            }
        });
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void anAlertBecomesItsObjectsOnceEachAndFixedObjectsAreNotRepeated() {
        Alert first = Alerts.alert(ir, "203.0.113.1").build();
        Alert second = Alerts.alert(ir, "203.0.113.2").build();
        pipe(first, second, first); // the first again, as after a restart

        List<CollectionRecords.Stored> all = all();
        assertThat(all).extracting(CollectionRecords.Stored::type)
                .containsExactly("marking-definition", "identity", "indicator", "indicator");
        assertThat(all).extracting(CollectionRecords.Stored::dateAdded).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void laterAlertsAreNewVersionsThatKeepTheFirstCreated() {
        Alert first = Alerts.alert(ir, "203.0.113.3").setCreatedAt(T0).setFirstSeen(T0.minusSeconds(60)).build();
        Alert update = Alert.newBuilder(first).setAlertId("alert-update").setKind(AlertKind.UPDATED).setScore(90)
                .setCreatedAt(T0.plusSeconds(5)).setFirstSeen(T0.minusSeconds(30)).build();
        Alert sameMillisecond = Alert.newBuilder(update).setAlertId("alert-same-ms").setKind(AlertKind.CROSS_BORDER_MATCH).build();
        pipe(first, update, sameMillisecond);

        String id = StixIds.forIndicator(ir.value(), IndicatorType.IPV4, "ipv4:203.0.113.3");
        List<CollectionRecords.Stored> versions = all().stream().filter(s -> s.id().equals(id)).toList();
        assertThat(versions).extracting(CollectionRecords.Stored::version)
                .containsExactly("2026-03-01T10:00:00.000Z", "2026-03-01T10:00:05.000Z", "2026-03-01T10:00:05.001Z");
        assertThat(versions).extracting(s -> s.object().get("created").asText()).containsOnly("2026-03-01T09:59:00.000Z");
        assertThat(versions).extracting(s -> s.object().get("modified").asText()).containsExactly(
                "2026-03-01T10:00:00.000Z", "2026-03-01T10:00:05.000Z", "2026-03-01T10:00:05.001Z");

        // match[version] default: the last version only; first; all; an exact one
        assertThat(page(query(ObjectQuery.VersionFilter.lastOnly(), Set.of(id))).items())
                .extracting(CollectionRecords.Stored::version).containsExactly("2026-03-01T10:00:05.001Z");
        assertThat(page(query(new ObjectQuery.VersionFilter(false, true, false, Set.of()), Set.of(id))).items())
                .extracting(CollectionRecords.Stored::version).containsExactly("2026-03-01T10:00:00.000Z");
        assertThat(page(query(ObjectQuery.VersionFilter.any(), Set.of(id))).items()).hasSize(3);
        assertThat(page(query(new ObjectQuery.VersionFilter(false, false, false, Set.of(T0.plusSeconds(5))), Set.of(id))).items())
                .extracting(CollectionRecords.Stored::version).containsExactly("2026-03-01T10:00:05.000Z");
        assertThat(queries.versions(ir.value(), id, query(ObjectQuery.VersionFilter.any(), Set.of())).orElseThrow().items())
                .extracting(CollectionQueries.Version::version).hasSize(3);
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        for (int i = 1; i <= 7; i++) {
            pipe(Alerts.alert(ir, "192.0.2." + i).build());
        }
        List<CollectionRecords.Stored> all = all();
        assertThat(all).hasSize(9);

        Long cursor = null;
        List<CollectionRecords.Stored> paged = new java.util.ArrayList<>();
        int pages = 0;
        while (true) {
            Page<CollectionRecords.Stored> page = queries.objects(ir.value(),
                    new ObjectQuery(null, cursor, 2, Set.of(), Set.of(), ObjectQuery.VersionFilter.lastOnly(), Set.of()));
            paged.addAll(page.items());
            pages++;
            if (!page.more()) {
                break;
            }
            cursor = page.next();
        }
        assertThat(pages).isEqualTo(5);
        assertThat(paged).isEqualTo(all);

        long thirdAdded = all.get(2).dateAdded();
        Page<CollectionRecords.Stored> after = queries.objects(ir.value(),
                new ObjectQuery(thirdAdded, null, 100, Set.of(), Set.of("indicator"), ObjectQuery.VersionFilter.lastOnly(), Set.of()));
        assertThat(after.items()).isEqualTo(all.subList(3, 9));
        assertThat(after.firstAdded()).isEqualTo(all.get(3).dateAdded());
        assertThat(after.lastAdded()).isEqualTo(all.get(8).dateAdded());
    }

    @Test
    void whatDoesNotBelongInTheCollectionNeverGetsThere() {
        Alert forAz = Alerts.alert(az.value(), IndicatorType.DOMAIN, "misrouted.example").build();
        irRaw.pipeInput("poison", new byte[] {0, 0, 0, 0, 42, 7});
        pipe(forAz);
        pipe(Alerts.alert(ir, "203.0.113.4").build());
        assertThat(all()).extracting(CollectionRecords.Stored::type).containsExactly("marking-definition", "identity", "indicator");
        assertThat(queries.objects(az.value(), query(ObjectQuery.VersionFilter.any(), Set.of())).items()).isEmpty();
    }

    @Test
    void objectsOlderThanTheRetentionLeave() {
        pipe(Alerts.alert(ir, "203.0.113.5").build());
        assertThat(all()).hasSize(3);
        driver.advanceWallClockTime(Duration.ofDays(91));
        assertThat(all()).isEmpty();
        String id = StixIds.forIndicator(ir.value(), IndicatorType.IPV4, "ipv4:203.0.113.5");
        assertThat(queries.contains(ir.value(), id)).isFalse();
    }

    private void pipe(Alert... alerts) {
        for (Alert alert : alerts) {
            irAlerts.pipeInput(alert.getAlertId(), alert);
        }
    }

    private List<CollectionRecords.Stored> all() {
        return page(query(ObjectQuery.VersionFilter.any(), Set.of())).items();
    }

    private Page<CollectionRecords.Stored> page(ObjectQuery query) {
        return queries.objects(ir.value(), query);
    }

    private static ObjectQuery query(ObjectQuery.VersionFilter versions, Set<String> ids) {
        return new ObjectQuery(null, null, 1000, ids, Set.of(), versions, Set.of());
    }
}
