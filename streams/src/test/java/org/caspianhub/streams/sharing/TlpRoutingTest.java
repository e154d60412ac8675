package org.caspianhub.streams.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.streams.HubDriver.submission;

import java.util.List;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.Tlp;
import org.caspianhub.streams.HubDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TLP 2.0 per recipient (ir and az have an AMBER agreement, kz has none), through the whole
 * topology: who gets an alert, and what it may reveal.
 */
class TlpRoutingTest {

    private final HubDriver hub = new HubDriver();

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void clearAndGreenReachEveryParty() {
        hub.submit("ir", submission("caspian-c2.net", Tlp.GREEN));
        hub.submit("az", submission("45.83.12.7", Tlp.CLEAR));

        for (String party : List.of("ir", "az", "kz")) {
            assertThat(hub.alerts(party)).extracting(Alert::getValue, Alert::getKind)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("caspian-c2.net", AlertKind.NEW_INDICATOR),
                            org.assertj.core.groups.Tuple.tuple("45.83.12.7", AlertKind.NEW_INDICATOR));
        }
    }

    @Test
    void amberReachesOnlyPartiesWithAnAgreement() {
        hub.submit("ir", submission("amber-only.net", Tlp.AMBER));

        assertThat(hub.alerts("ir")).singleElement().extracting(Alert::getTlp).isEqualTo(Tlp.AMBER);
        assertThat(hub.alerts("az")).singleElement().satisfies(a -> {
            assertThat(a.getTlp()).isEqualTo(Tlp.AMBER);
            assertThat(a.getParties()).containsExactly("ir");
        });
        assertThat(hub.alerts("kz")).isEmpty();
    }

    @Test
    void amberWithoutAnyAgreementStaysWithTheSubmitter() {
        try (HubDriver noAgreements = new HubDriver(java.util.Map.of("CASPIAN_AMBER_AGREEMENTS", "none"))) {
            noAgreements.submit("ir", submission("amber-only.net", Tlp.AMBER));

            assertThat(noAgreements.alerts("ir")).hasSize(1);
            assertThat(noAgreements.alerts("az")).isEmpty();
            assertThat(noAgreements.alerts("kz")).isEmpty();
        }
    }

    @Test
    void amberStrictAndRedNeverLeaveTheSubmitter() {
        hub.submit("ir", submission("strict.net", Tlp.AMBER_STRICT));
        hub.submit("ir", submission("red.net", Tlp.RED));

        assertThat(hub.alerts("ir")).extracting(Alert::getValue, Alert::getTlp).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("strict.net", Tlp.AMBER_STRICT),
                org.assertj.core.groups.Tuple.tuple("red.net", Tlp.RED));
        assertThat(hub.alerts("az")).isEmpty();
        assertThat(hub.alerts("kz")).isEmpty();
    }

    @Test
    void aRedReportIsNeverRevealedToAPartyThatReportedTheSameAsGreen() {
        hub.submit("az", submission("shared-c2.net", Tlp.GREEN));
        List<Alert> azFirst = hub.alerts("az");
        hub.drain();

        hub.submit("ir", submission("shared-c2.net", Tlp.RED));

        // Azerbaijan learns nothing: no cross-border match, no update, no changed score
        assertThat(hub.alerts("az")).isEmpty();
        assertThat(hub.alerts("kz")).isEmpty();
        // Iran may be told that Azerbaijan reported it too; the alert is as restricted as Iran's RED
        assertThat(hub.alerts("ir")).singleElement().satisfies(alert -> {
            assertThat(alert.getKind()).isEqualTo(AlertKind.CROSS_BORDER_MATCH);
            assertThat(alert.getParties()).containsExactly("az", "ir");
            assertThat(alert.getTlp()).isEqualTo(Tlp.RED);
            assertThat(alert.getRelated().getParties()).containsExactly("az", "ir");
        });
        assertThat(azFirst).singleElement().satisfies(a -> assertThat(a.getParties()).containsExactly("az"));

        // a later GREEN re-submission by az still tells it nothing of Iran
        hub.submit("az", submission("shared-c2.net").setTlp(Tlp.GREEN).setSeverity(
                org.caspianhub.avro.Severity.CRITICAL).build());
        assertThat(hub.alerts("az")).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.UPDATED);
            assertThat(a.getParties()).containsExactly("az");
            assertThat(a.getContributions()).extracting(Contribution::getParty).containsExactly("az");
            assertThat(a.getScore()).isEqualTo(azFirst.get(0).getScore());
        });
    }

    @Test
    void aPartyThatMayNowSeeASecondReportGetsACrossBorderMatch() {
        hub.submit("ir", submission("both-sides.net", Tlp.AMBER));
        hub.drain();

        hub.submit("az", submission("both-sides.net", Tlp.GREEN));

        assertThat(hub.alerts("ir")).singleElement().extracting(Alert::getKind).isEqualTo(AlertKind.CROSS_BORDER_MATCH);
        assertThat(hub.alerts("az")).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.CROSS_BORDER_MATCH);
            assertThat(a.getParties()).containsExactly("az", "ir");
            assertThat(a.getTlp()).isEqualTo(Tlp.AMBER);
        });
        // kz sees only az's GREEN report: for it this is a first sighting, not a match
        assertThat(hub.alerts("kz")).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.NEW_INDICATOR);
            assertThat(a.getParties()).containsExactly("az");
        });
    }

    @Test
    void anotherPartysSubmitterIsRemovedButOwnIsKept() {
        hub.submit("ir", submission("who-sent-it.net").setSubmitter("ir-analyst-7").build());

        assertThat(hub.alerts("ir")).singleElement().satisfies(a ->
                assertThat(a.getContributions().get(0).getSubmitter()).isEqualTo("ir-analyst-7"));
        assertThat(hub.alerts("az")).singleElement().satisfies(a ->
                assertThat(a.getContributions().get(0).getSubmitter()).isNull());
    }

    @Test
    void tighteningTheTlpReadsExactlyLikeAnOpenRevocationToThoseWhoMayNoLongerSeeIt() {
        hub.submit("ir", submission("tightened.net").setSubmissionId("ir-1").build());
        hub.drain();
        hub.submit("ir", submission("tightened.net").setSubmissionId("ir-2").setTlp(Tlp.RED).build());

        List<Alert> azAfterTightening = hub.alerts("az");
        assertThat(azAfterTightening).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.REVOKED);
            assertThat(a.getParties()).isEmpty();
            assertThat(a.getSummary()).contains("withdrawn by ir");
        });
        assertThat(hub.alerts("kz")).singleElement().extracting(Alert::getKind).isEqualTo(AlertKind.REVOKED);
        assertThat(hub.alerts("ir")).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.UPDATED);
            assertThat(a.getTlp()).isEqualTo(Tlp.RED);
        });

        // the same value openly revoked instead: az cannot tell the two apart, not even by the alert id
        try (HubDriver revoked = new HubDriver()) {
            revoked.submit("ir", submission("tightened.net").setSubmissionId("ir-1").build());
            revoked.drain();
            revoked.submit("ir", HubDriver.submission("tightened.net").setSubmissionId("ir-2")
                    .setAction(org.caspianhub.avro.SubmissionAction.REVOKE).build());
            assertThat(revoked.alerts("az")).isEqualTo(azAfterTightening);
        }
    }
}
