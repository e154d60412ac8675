package org.caspianhub.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.streams.HubDriver.submission;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Rejection;
import org.caspianhub.avro.Tlp;
import org.caspianhub.testkit.TestPlatform;
import org.junit.jupiter.api.Test;

/**
 * The Streams service against a real broker and registry: two parties submitting overlapping
 * indicators, read back the way a partner reads its topics (read_committed).
 */
abstract class StreamsServiceContract {

    protected abstract TestPlatform platform();

    @Test
    void twoPartiesSubmittingOverlappingIndicatorsGetTheirAlerts() throws Exception {
        try (HubCluster cluster = new HubCluster(platform(), "ir", "az");
             StreamsService service = new StreamsService(cluster.settings(HubCluster.tempDir()))) {
            service.start();
            assertThat(service.health().up()).isTrue();
            String ir = cluster.party("ir").value();
            String az = cluster.party("az").value();
            Instant now = Instant.now();

            for (int i = 0; i < 20; i++) {
                cluster.submit("ir", submission("ir-only-" + i + ".net").setSubmittedAt(now).build());
                cluster.submit("az", submission("az-only-" + i + ".org").setSubmittedAt(now).build());
            }
            for (int i = 0; i < 10; i++) {
                cluster.submit("ir", submission("both-" + i + ".info").setTlp(Tlp.AMBER).setSubmittedAt(now).build());
            }
            cluster.flush();
            for (int i = 0; i < 10; i++) {
                cluster.submit("az", submission("both-" + i + ".info").setSubmittedAt(now).build());
                // a re-submission by ir of what it already said: silence
                cluster.submit("ir", submission("ir-only-" + i + ".net").setSubmittedAt(now).build());
            }
            cluster.submit("az", submission("not-a-hash-zz").setType(IndicatorType.MD5).setSubmittedAt(now).build());
            cluster.submit("ir", submission("red-for-ir.net").setTlp(Tlp.RED).setSubmittedAt(now).build());
            cluster.flush();

            // ir: 20 own + 20 az + 10 shared (new) + 10 matches + 1 red = 61; az: 20 + 20 + 10 + 10 = 60
            List<Alert> irAlerts = cluster.alerts("ir", 61, Duration.ofSeconds(60));
            List<Alert> azAlerts = cluster.alerts("az", 60, Duration.ofSeconds(60));
            assertThat(irAlerts).hasSize(61);
            assertThat(azAlerts).hasSize(60);
            assertThat(irAlerts).extracting(Alert::getAlertId).doesNotHaveDuplicates();
            assertThat(irAlerts).allSatisfy(a -> assertThat(a.getRecipient()).isEqualTo(ir));
            assertThat(countByKind(irAlerts)).containsEntry(AlertKind.NEW_INDICATOR, 51L)
                    .containsEntry(AlertKind.CROSS_BORDER_MATCH, 10L);
            assertThat(countByKind(azAlerts)).containsEntry(AlertKind.NEW_INDICATOR, 50L)
                    .containsEntry(AlertKind.CROSS_BORDER_MATCH, 10L);
            assertThat(azAlerts).noneMatch(a -> a.getValue().equals("red-for-ir.net"));
            assertThat(azAlerts).filteredOn(a -> a.getKind() == AlertKind.CROSS_BORDER_MATCH)
                    .allSatisfy(a -> {
                        assertThat(a.getParties()).containsExactlyInAnyOrder(ir, az);
                        assertThat(a.getTlp()).isEqualTo(Tlp.AMBER);
                    });
            List<Rejection> rejections = cluster.rejections("az", 1, Duration.ofSeconds(30));
            assertThat(rejections).singleElement().satisfies(r -> assertThat(r.getParty()).isEqualTo(az));

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + service.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("RUNNING");
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("caspian_alerts_total{kind=\"CROSS_BORDER_MATCH\",recipient=\"" + az + "\"")
                    .contains("caspian_submissions_accepted_total{party=\"" + ir + "\"")
                    .contains("caspian_duplicates_suppressed_total")
                    .contains("caspian_rejection_reasons_total")
                    .contains("kafka_stream");
        }
    }

    private static Map<AlertKind, Long> countByKind(List<Alert> alerts) {
        return alerts.stream().collect(Collectors.groupingBy(Alert::getKind, Collectors.counting()));
    }
}
