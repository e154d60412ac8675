package org.caspianhub.streams.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.streams.HubDriver.T0;
import static org.caspianhub.streams.HubDriver.submission;

import java.util.List;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.streams.HubDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stage 3: one merged indicator per key, per-party contributions, and silence for re-submissions. */
class DeduplicateAndMergeTest {

    private final HubDriver hub = new HubDriver();

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void aReSubmissionUpdatesCountersAndAlertsNobody() {
        hub.submit("ir", submission("again-and-again.net", Tlp.GREEN));
        hub.drain();

        for (int i = 1; i <= 3; i++) {
            hub.submit("ir", submission("again-and-again.net").setSubmittedAt(T0.plusSeconds(60L * i)).build());
        }

        assertThat(hub.alerts("ir")).isEmpty();
        assertThat(hub.alerts("az")).isEmpty();
        assertThat(hub.published()).isEmpty();
        Contribution ir = hub.state(IndicatorType.DOMAIN, "again-and-again.net").getIndicator().getContributions().get("ir");
        assertThat(ir.getSubmissionCount()).isEqualTo(4);
        assertThat(ir.getFirstSeen()).isEqualTo(T0);
        assertThat(ir.getLastSeen()).isEqualTo(T0.plusSeconds(180));
        assertThat(hub.metrics.count("caspian.duplicates.suppressed", "party", "ir", "reason", "resubmission")).isEqualTo(3);
    }

    @Test
    void theSameSubmissionTwiceCountsOnce() {
        IndicatorSubmission once = submission("retried.net", Tlp.GREEN);
        hub.submit("ir", once);
        hub.submit("ir", once);

        assertThat(hub.alerts("ir")).hasSize(1);
        assertThat(hub.state(IndicatorType.DOMAIN, "retried.net").getIndicator().getContributions().get("ir")
                .getSubmissionCount()).isEqualTo(1);
        assertThat(hub.metrics.count("caspian.duplicates.suppressed", "party", "ir", "reason", "same_submission"))
                .isEqualTo(1);
    }

    @Test
    void contributionsAreMergedPerPartyAndPublishedToTheIndicatorsTopic() {
        hub.submit("ir", submission("merged.net").setTags(List.of("apt", "c2")).setConfidence(60).build());
        hub.submit("az", submission("merged.net").setTags(List.of("phishing")).setTlp(Tlp.AMBER).build());
        hub.submit("ir", submission("merged.net").setTags(List.of("c2", "loader")).setConfidence(90)
                .setSubmittedAt(T0.plusSeconds(30)).build());

        List<Indicator> published = hub.published();
        assertThat(published).hasSize(3);
        Indicator last = published.get(2);
        assertThat(last.getKey()).isEqualTo("domain:merged.net");
        assertThat(last.getContributions()).containsOnlyKeys("ir", "az");
        Contribution ir = last.getContributions().get("ir");
        assertThat(ir.getTags()).containsExactly("apt", "c2", "loader");
        assertThat(ir.getConfidence()).isEqualTo(90);
        assertThat(ir.getSubmissionCount()).isEqualTo(2);
        assertThat(last.getContributions().get("az").getTlp()).isEqualTo(Tlp.AMBER);
        assertThat(last.getVersion()).isGreaterThan(published.get(1).getVersion());
        assertThat(last.getScore()).isGreaterThan(published.get(0).getScore());
    }

    @Test
    void aMaterialChangeByTheSameParty_isAnUpdateForEveryoneWhoSeesIt() {
        hub.submit("ir", submission("escalated.net", Tlp.GREEN));
        hub.drain();

        hub.submit("ir", submission("escalated.net").setSeverity(Severity.CRITICAL).setSubmittedAt(T0.plusSeconds(5)).build());

        for (String party : List.of("ir", "az", "kz")) {
            assertThat(hub.alerts(party)).singleElement().satisfies(a -> {
                assertThat(a.getKind()).isEqualTo(AlertKind.UPDATED);
                assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
            });
        }
    }

    @Test
    void eachPartyIsToldOfItsOwnContributionsToo() {
        hub.submit("kz", submission("own-report.net", Tlp.RED));

        assertThat(hub.alerts("kz")).singleElement().extracting(Alert::getKind).isEqualTo(AlertKind.NEW_INDICATOR);
    }
}
