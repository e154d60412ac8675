package org.caspianhub.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.streams.HubDriver.submission;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.Tlp;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.Test;

/**
 * Stop the application mid-stream, start it again (the second time on an empty state directory,
 * so its stores come back from their changelog topics alone), and compare the alert topics with
 * the expected set: nothing missing, nothing twice.
 */
class RestartTest {

    private static final int FIRST = 1_500;
    private static final int IN_FLIGHT = 1_500;
    private static final int MATCHES = 300;
    private static final int LATE = 200;

    @Test
    void restartingMidStreamLosesNothingAndDuplicatesNothing() throws Exception {
        try (HubCluster cluster = new HubCluster(TestPlatforms.embedded(), "ir", "az")) {
            Instant now = Instant.now();
            Path firstDisk = HubCluster.tempDir();

            try (StreamsService first = new StreamsService(cluster.settings(firstDisk))) {
                first.start();
                for (int i = 0; i < FIRST; i++) {
                    cluster.submit("ir", submission("u" + i + ".net").setSubmittedAt(now).build());
                }
                cluster.flush();
                assertThat(cluster.alerts("az", FIRST, Duration.ofSeconds(60))).hasSize(FIRST);
                // more work, and stop while it is being processed
                for (int i = FIRST; i < FIRST + IN_FLIGHT; i++) {
                    cluster.submit("ir", submission("u" + i + ".net").setSubmittedAt(now).build());
                }
                cluster.flush();
            }

            // a new instance on an empty disk: everything it knows comes back from Kafka
            try (StreamsService second = new StreamsService(cluster.settings(HubCluster.tempDir()))) {
                second.start();
                for (int i = 0; i < MATCHES; i++) {
                    cluster.submit("ir", submission("u" + i + ".net").setSubmittedAt(now).build()); // silent
                    cluster.submit("az", submission("u" + i + ".net").setSubmittedAt(now).build()); // a match
                }
                for (int i = 0; i < LATE; i++) {
                    cluster.submit("az", submission("late" + i + ".org").setTlp(Tlp.AMBER).setSubmittedAt(now).build());
                }
                cluster.flush();

                Map<String, AlertKind> expected = new TreeMap<>();
                for (int i = 0; i < FIRST + IN_FLIGHT; i++) {
                    expected.put("domain:u" + i + ".net/" + AlertKind.NEW_INDICATOR, AlertKind.NEW_INDICATOR);
                }
                for (int i = 0; i < MATCHES; i++) {
                    expected.put("domain:u" + i + ".net/" + AlertKind.CROSS_BORDER_MATCH, AlertKind.CROSS_BORDER_MATCH);
                }
                for (int i = 0; i < LATE; i++) {
                    expected.put("domain:late" + i + ".org/" + AlertKind.NEW_INDICATOR, AlertKind.NEW_INDICATOR);
                }
                for (String party : List.of("ir", "az")) {
                    List<Alert> alerts = cluster.alerts(party, expected.size(), Duration.ofSeconds(90));
                    assertThat(alerts).extracting(Alert::getAlertId).doesNotHaveDuplicates();
                    List<String> got = new ArrayList<>(alerts.stream()
                            .map(a -> a.getIndicatorKey() + "/" + a.getKind()).toList());
                    assertThat(got).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected.keySet());
                }
            }
        }
    }

}
