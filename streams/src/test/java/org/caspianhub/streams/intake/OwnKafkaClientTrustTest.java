package org.caspianhub.streams.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.streams.HubDriver.T0;
import static org.caspianhub.streams.HubDriver.sighting;
import static org.caspianhub.streams.HubDriver.submission;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.streams.HubDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A party's own Kafka client may write its submissions and sightings topics directly. What it
 * writes gets the trust the gateway gives and no more: the operator's reliability for the party
 * is a ceiling, times are never later than the broker's, and one party's false-positive report
 * counts once however often it repeats it.
 */
class OwnKafkaClientTrustTest {

    private final HubDriver hub = new HubDriver(Map.of("CASPIAN_STREAMS_RELIABILITY", "ir:60"));

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void aPayloadMayLowerItsSourceReliabilityButNeverRaiseItAboveTheOperatorsSetting() {
        hub.submit("ir", submission("raised.net").setSourceReliability(100).build());
        hub.submit("ir", submission("lowered.net").setSourceReliability(30).build());

        assertThat(hub.alerts("az")).extracting(a -> a.getValue() + " " + a.getContributions().get(0).getSourceReliability())
                .containsExactlyInAnyOrder("raised.net 60", "lowered.net 30");
    }

    @Test
    void aSubmissionDatedInTheFutureIsDatedAtItsRecordSoItStillAgesOut() {
        hub.submit("ir", submission("future.net").setSubmittedAt(T0.plus(Duration.ofDays(3650))).build(), T0);

        Alert alert = hub.alerts("az").get(0);
        assertThat(alert.getLastSeen()).isEqualTo(T0);
        assertThat(alert.getValidUntil()).isEqualTo(T0.plus(Duration.ofDays(90))); // a domain's lifetime from now
    }

    @Test
    void oneSocsRepeatedFalsePositiveReportsCountOnce() {
        hub.submit("ir", submission("disputed.net").build());
        hub.drain();

        hub.sight("az", sighting("disputed.net", SightingKind.FALSE_POSITIVE));
        List<Alert> first = hub.alerts("ir");
        for (int i = 0; i < 5; i++) {
            hub.sight("az", sighting("disputed.net", SightingKind.FALSE_POSITIVE));
        }

        assertThat(first).singleElement().satisfies(a -> assertThat(a.getKind()).isEqualTo(AlertKind.FALSE_POSITIVE));
        assertThat(hub.alerts("ir")).isEmpty();
        assertThat(hub.state(org.caspianhub.avro.IndicatorType.DOMAIN, "disputed.net").getIndicator().getFalsePositiveCount())
                .isEqualTo(1);
    }
}
