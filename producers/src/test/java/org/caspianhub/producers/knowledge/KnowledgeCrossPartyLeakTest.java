package org.caspianhub.producers.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.warninglist.Warninglists;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.producers.gateway.GatewaySettings;
import org.caspianhub.producers.knowledge.export.ExportFormat;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.topics.HubTopics;
import org.caspianhub.topics.TypedTopic;
import org.junit.jupiter.api.Test;

/**
 * Attack (review of branch knowledge), on the real broker: what az is answered must depend on az's
 * alert records alone. Two places where the gateway's read model lets something else in.
 */
class KnowledgeCrossPartyLeakTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    /**
     * The export ETag once hashed the offsets reached on az's alert topic (now: what az received, by
     * count and alert ids). The topology writes that topic
     * with exactly-once transactions, and every committed transaction leaves a commit marker that
     * takes an offset on each partition it wrote: the offsets say how az's alerts were grouped into
     * the streams thread's transactions (and count aborted ones), which depends on how long the
     * thread spent on everything else it processed in between, hidden contributions included. The
     * noninterference property models offsets as the count of records ({@code QueryAnswers}), so it
     * never sees this; the console branch's SSE event ids show the same offsets in clear.
     */
    @Test
    void anExportEtagIsAFunctionOfThePartysAlertRecordsNotOfTheirTransactions() throws Exception {
        try (TestGateway hub = new TestGateway("ir", "az").start()) {
            PartyId az = TestParties.role(hub.parties, "az");
            Alert a = Alerts.of(az.value(), IndicatorType.DOMAIN, "txn-one.example", Tlp.GREEN, 60, List.of("c2"), List.of(), T0,
                    az.value());
            Alert b = Alerts.of(az.value(), IndicatorType.DOMAIN, "txn-two.example", Tlp.GREEN, 60, List.of("c2"), List.of(),
                    T0.plusSeconds(1), az.value());
            TypedTopic<String, Alert> topic = hub.topics.alerts(az);
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.platform.bootstrapServers());
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "attack-" + UUID.randomUUID());
            try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(props, topic.keySerde().serializer(),
                    topic.valueSerde().serializer())) {
                producer.initTransactions();
                for (Alert alert : List.of(a, b)) { // two commits of the streams thread, one alert each
                    producer.beginTransaction();
                    producer.send(new ProducerRecord<>(topic.name(), 0, alert.getAlertId(), alert));
                    producer.commitTransaction();
                }
            }
            String key = TestGateway.key(az, "soc");
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.get("/api/v1/lookup?value=txn-two.example", key).statusCode() == 200);
            HttpResponse<String> export = hub.get("/api/v1/exports/text", key);
            assertThat(export.statusCode()).isEqualTo(200);

            // the same two records, as the property test's model of the read model receives them
            String expected;
            try (KnowledgeBase model = new KnowledgeBase(new MemoryViewStore(), 50)) {
                String alerts = HubTopics.alerts(az);
                for (int i = 0; i < 2; i++) {
                    KnowledgeBase.Batch batch = model.batch();
                    batch.add(az.value(), i == 0 ? a : b);
                    batch.offset(alerts, 0, i + 1);
                    batch.commit();
                }
                try (KnowledgeBase.Reader reader = model.read()) {
                    expected = KnowledgeQueries.etag(reader, az.value(), ExportFormat.TEXT.id(),
                            SearchFilter.parse(Map.of()).filter());
                }
            }
            String received;
            try (KnowledgeBase.Reader reader = hub.service().knowledge(az).read()) {
                received = reader.received(az.value());
            }
            assertThat(export.headers().firstValue("ETag").orElseThrow())
                    .as("az's export ETag after its two alert records, which the topology happened to commit in two "
                            + "transactions (received: %s); in one transaction (a busier streams thread) the same records "
                            + "must give the same ETag", received)
                    .isEqualTo(expected);
        }
    }

    /**
     * Each party has its own reader and store ({@link PartyKnowledge}), as the gateway wires them.
     * Before, one reader thread, one consumer and one store served every party: az's alert was applied only
     * after everything of ir's that came before it. A large hidden import of ir's (tens of thousands
     * of RED alerts on ir's own topic) shows to az as its own alerts reaching its look-ups late (az
     * times them against its SSE stream or TAXII, which read its topic directly), and after a
     * restart as a longer 503 {@code knowledge_catching_up}; a failure while applying ir's alerts
     * stops az's answers too. Here a store that takes its time writing ir's views stands in for
     * ir's volume, deterministically.
     */
    @Test
    void azsAlertsReachItsAnswersWhileIrsAreStillBeingApplied() throws Exception {
        TestGateway topics = new TestGateway("ir", "az"); // topics and settings only: the reader is built here
        PartyId ir = TestParties.role(topics.parties, "ir");
        PartyId az = TestParties.role(topics.parties, "az");
        SlowFor slow = new SlowFor(new RocksViewStore(Files.createTempDirectory("knowledge-attack"), 16L << 20), ir.value());
        Map<String, Object> kafka = GatewaySettings.from(topics.settings).platform().kafkaClientProperties();
        KnowledgeSettings settings = new KnowledgeSettings(Files.createTempDirectory("knowledge-az"), 16L << 20, 50, 10_000, 20_000);
        try (KnowledgeBase irBase = new KnowledgeBase(slow, 50);
             KnowledgeMaterializer irReader = new KnowledgeMaterializer(irBase, kafka, ir,
                     topics.topics.alertSerde().deserializer()).start();
             PartyKnowledge azKnowledge = PartyKnowledge.start(az, settings, 16L << 20, kafka,
                     topics.topics.alertSerde().deserializer(), new IndicatorNormalizer(),
                     new WarninglistHits(Warninglists.bundled()));
             KafkaProducer<String, Alert> producer = producer(topics)) {
            assertThat(irReader.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            assertThat(azKnowledge.reader().awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            Alert hidden = Alerts.of(ir.value(), IndicatorType.DOMAIN, "ir-red.example", Tlp.RED, 90, List.of("apt"), List.of(),
                    T0, ir.value());
            producer.send(new ProducerRecord<>(HubTopics.alerts(ir), hidden.getAlertId(), hidden)).get();
            assertThat(slow.entered.await(30, TimeUnit.SECONDS)).as("the reader is applying ir's alert").isTrue();

            Alert own = Alerts.of(az.value(), IndicatorType.DOMAIN, "az-own.example", Tlp.GREEN, 60, List.of("c2"), List.of(),
                    T0, az.value());
            producer.send(new ProducerRecord<>(HubTopics.alerts(az), own.getAlertId(), own)).get();
            KnowledgeQueries queries = azKnowledge.queries();
            try {
                await().atMost(Duration.ofSeconds(10))
                        .alias("az's own alert, committed on az's topic, answered to az while ir's alerts are still being applied")
                        .until(() -> queries.lookup(az.value(), "az-own.example", null) instanceof KnowledgeQueries.Found);
            } finally {
                slow.release.countDown();
            }
        }
    }

    private static KafkaProducer<String, Alert> producer(TestGateway hub) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.platform.bootstrapServers());
        TypedTopic<String, Alert> any = hub.topics.alerts(TestParties.role(hub.parties, "az"));
        return new KafkaProducer<>(props, any.keySerde().serializer(), any.valueSerde().serializer());
    }

    /** The real store, taking its time (until released) over a write that holds one party's views. */
    static final class SlowFor implements ViewStore {
        final ViewStore store;
        final byte[] views;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        SlowFor(ViewStore store, String party) {
            this.store = store;
            this.views = StoreKeys.views(party);
        }

        @Override
        public byte[] get(byte[] key) {
            return store.get(key);
        }

        @Override
        public void write(Writes writes) {
            if (writes.keys.stream().anyMatch(k -> StoreKeys.startsWith(k, views))) {
                entered.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            store.write(writes);
        }

        @Override
        public Snapshot snapshot() {
            return store.snapshot();
        }

        @Override
        public long approximateBytes() {
            return store.approximateBytes();
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
