package org.caspianhub.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caspianhub.streams.HubDriver.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;
import org.caspianhub.indicators.normalize.Normalized;
import org.caspianhub.indicators.relate.Locality;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.Test;

/**
 * Merging in place: a submission written to its locality's partition (as the gateway writes it)
 * is merged by the task that read it, without crossing the repartition topic; one written
 * anywhere else (a producer partitioning by key) still arrives, through the repartition topic.
 * Through the real broker, read back read_committed.
 */
class MergeInPlaceTest {

    @Test
    void aSubmissionInItsLocalityPartitionSkipsTheRepartitionAndAMisplacedOneStillArrives() throws Exception {
        try (HubCluster cluster = new HubCluster(TestPlatforms.embedded(), "ir", "az");
             Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.platform.bootstrapServers()))) {
            StreamsSettings settings = cluster.settings(HubCluster.tempDir());
            int partitions = settings.platform().topicLayout().partitions();
            try (StreamsService service = new StreamsService(settings)) {
                service.start();
                String repartition = cluster.applicationId + "-indicator-events-repartition";
                Instant now = Instant.now();

                String placed = "placed-in-its-partition.net";
                cluster.submitTo("ir", partitionOf(placed, partitions), submission(placed).setSubmittedAt(now).build());
                cluster.flush();
                assertThat(cluster.alerts("ir", 1, Duration.ofSeconds(30)))
                        .singleElement().satisfies(a -> assertThat(a.getValue()).isEqualTo(placed));
                assertThat(placement(service, "local")).isEqualTo(1);
                assertThat(placement(service, "repartition")).isZero();
                assertThat(endOffsets(admin, repartition, partitions)).isZero();

                String misplaced = "written-elsewhere.org";
                cluster.submitTo("ir", (partitionOf(misplaced, partitions) + 1) % partitions,
                        submission(misplaced).setSubmittedAt(now).build());
                cluster.flush();
                List<Alert> alerts = cluster.alerts("ir", 2, Duration.ofSeconds(30));
                assertThat(alerts).extracting(Alert::getValue).containsExactlyInAnyOrder(placed, misplaced);
                assertThat(placement(service, "repartition")).isEqualTo(1);
                assertThat(endOffsets(admin, repartition, partitions)).isPositive();
            }
        }
    }

    @Test
    void oneIndicatorArrivingBothWaysIsMergedOnceWithNothingLostOrDoubled() throws Exception {
        try (HubCluster cluster = new HubCluster(TestPlatforms.embedded(), "ir", "az")) {
            StreamsSettings settings = cluster.settings(HubCluster.tempDir());
            int partitions = settings.platform().topicLayout().partitions();
            try (StreamsService service = new StreamsService(settings)) {
                service.start();
                int home = partitionOf("both-ways.info", partitions);
                Instant now = Instant.now();
                // az reports it through a producer partitioning elsewhere, ir through the gateway's partition
                cluster.submitTo("az", (home + 1) % partitions, submission("both-ways.info").setSubmittedAt(now).build());
                cluster.submitTo("ir", home, submission("both-ways.info").setTlp(Tlp.AMBER).setSubmittedAt(now).build());
                cluster.flush();

                // whichever is merged first, each party learns of the indicator once and of the other party once
                List<Alert> ir = cluster.alerts("ir", 2, Duration.ofSeconds(30));
                List<Alert> az = cluster.alerts("az", 2, Duration.ofSeconds(30));
                for (List<Alert> alerts : List.of(ir, az)) {
                    assertThat(alerts).hasSize(2);
                    Map<AlertKind, Long> kinds = alerts.stream()
                            .collect(Collectors.groupingBy(Alert::getKind, Collectors.counting()));
                    assertThat(kinds).containsEntry(AlertKind.CROSS_BORDER_MATCH, 1L);
                    // alerts are keyed by id over several partitions, so the order they are read in says nothing
                    assertThat(alerts).filteredOn(a -> a.getKind() == AlertKind.CROSS_BORDER_MATCH).singleElement()
                            .satisfies(a -> assertThat(a.getParties()).hasSize(2));
                }
                assertThat(placement(service, "local")).isEqualTo(1);
                assertThat(placement(service, "repartition")).isEqualTo(1);
            }
        }
    }

    @Test
    void startUpFailsClearlyWhenTheInputTopicsHaveAnotherPartitionCount() {
        try (HubCluster cluster = new HubCluster(TestPlatforms.embedded(), "ir", "az")) {
            // the topics were created with the platform's count (3); this service would place by 4
            StreamsSettings settings = StreamsSettings.from(cluster.platform.settings(cluster.parties)
                    .with(Map.of("CASPIAN_STREAMS_APPLICATION_ID", cluster.applicationId,
                            "CASPIAN_STREAMS_STATE_DIR", HubCluster.tempDir().toString(),
                            "CASPIAN_STREAMS_PORT", "0",
                            "CASPIAN_TOPIC_PARTITIONS", "4")));
            try (StreamsService service = new StreamsService(settings)) {
                assertThatThrownBy(service::start)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("must have 4 partitions")
                        .hasMessageContaining(cluster.topics.submissions(cluster.party("ir")).name() + " has 3");
                assertThat(service.state().name()).isEqualTo("NOT_RUNNING");
            }
        }
    }

    private static int partitionOf(String domain, int partitions) {
        return Locality.partitionOf(Normalized.Valid.of(IndicatorType.DOMAIN, domain), partitions);
    }

    private static double placement(StreamsService service, String path) {
        return service.metrics().count("caspian.events.placement", "path", path);
    }

    private static long endOffsets(Admin admin, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        // zero only if nothing was ever written there (records are purged once merged; commit markers stay)
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
    }
}
