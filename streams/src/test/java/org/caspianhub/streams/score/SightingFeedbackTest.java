package org.caspianhub.streams.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.streams.HubDriver.sighting;
import static org.caspianhub.streams.HubDriver.submission;

import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.avro.Tlp;
import org.caspianhub.streams.HubDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stage 5 with SOC feedback: sightings raise the score, false positives lower it, AMBER by default. */
class SightingFeedbackTest {

    private final HubDriver hub = new HubDriver();

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void aFalsePositiveReportIsToldToThoseWhoMaySeeItAndLowersTheScore() {
        hub.submit("ir", submission("benign-after-all.net", Tlp.GREEN));
        int before = hub.alerts("az").get(0).getScore();
        hub.drain();

        hub.sight("az", sighting("benign-after-all.net", SightingKind.FALSE_POSITIVE));

        assertThat(hub.alerts("ir")).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.FALSE_POSITIVE);
            assertThat(a.getScore()).isLessThan(before);
            assertThat(a.getTlp()).isEqualTo(Tlp.AMBER); // az's SOC feedback travels as AMBER
        });
        assertThat(hub.alerts("az")).singleElement().extracting(a -> a.getKind()).isEqualTo(AlertKind.FALSE_POSITIVE);
        // kz has no agreement with az: az's SOC feedback is not for it
        assertThat(hub.alerts("kz")).isEmpty();
        assertThat(hub.state(IndicatorType.DOMAIN, "benign-after-all.net").getIndicator().getFalsePositiveCount())
                .isEqualTo(1);
    }

    @Test
    void sightingsAreCountedAndScoreOnlyWhereVisible() {
        hub.submit("ir", submission("seen-in-traffic.net").setTlp(Tlp.GREEN).setConfidence(30).build());
        hub.drain();

        for (int i = 0; i < 4; i++) {
            hub.sight("ir", sighting("seen-in-traffic.net", SightingKind.SIGHTED));
        }

        assertThat(hub.state(IndicatorType.DOMAIN, "seen-in-traffic.net").getIndicator().getSightingCount()).isEqualTo(4);
        // ir's own sightings moved its view up through the bands (21 -> 33 -> 51); kz may not know of ir's SOC feedback
        assertThat(hub.alerts("ir")).extracting(a -> a.getKind(), a -> a.getScore()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertKind.UPDATED, 33),
                org.assertj.core.groups.Tuple.tuple(AlertKind.UPDATED, 51));
        assertThat(hub.alerts("kz")).isEmpty();
    }

    @Test
    void aSightingOfAnUnknownValueIsCountedAndDropped() {
        hub.sight("ir", sighting("never-reported.net", SightingKind.SIGHTED));

        assertThat(hub.state(IndicatorType.DOMAIN, "never-reported.net")).isNull();
        assertThat(hub.metrics.count("caspian.sightings.unknown", "party", "ir")).isEqualTo(1);
    }
}
