package org.caspianhub.streams.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.streams.HubDriver.T0;
import static org.caspianhub.streams.HubDriver.revocation;
import static org.caspianhub.streams.HubDriver.submission;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.RejectionReason;
import org.caspianhub.avro.Tlp;
import org.caspianhub.streams.HubDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stage 6: revocation by the submitting party only, and expiry by type on the punctuator. */
class LifecycleTest {

    private final HubDriver hub = new HubDriver(Map.of("CASPIAN_LIFETIME_IPV4", "2d", "CASPIAN_STREAMS_EXPIRY_INTERVAL", "1m"));

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void theSubmittingPartyRevokesItsContributionAndEveryoneWhoSawItIsTold() {
        hub.submit("ir", submission("withdrawn.net", Tlp.GREEN));
        hub.drain();

        hub.submit("ir", revocation("withdrawn.net"));

        for (String party : List.of("ir", "az", "kz")) {
            assertThat(hub.alerts(party)).singleElement().satisfies(a -> {
                assertThat(a.getKind()).isEqualTo(AlertKind.REVOKED);
                assertThat(a.getStatus()).isEqualTo(IndicatorStatus.REVOKED);
            });
        }
        assertThat(hub.state(IndicatorType.DOMAIN, "withdrawn.net").getIndicator().getStatus())
                .isEqualTo(IndicatorStatus.REVOKED);
        assertThat(hub.metrics.count("caspian.revocations", "outcome", "accepted")).isEqualTo(1);
    }

    @Test
    void anotherPartyCannotRevokeAndIsToldWhy() {
        hub.submit("ir", submission("not-yours.net", Tlp.GREEN));
        hub.drain();

        hub.submit("az", revocation("not-yours.net"));

        assertThat(hub.rejected("az")).singleElement().satisfies(r -> {
            assertThat(r.getReasons()).extracting(RejectionReason::getCode).containsExactly("revocation_not_allowed");
            assertThat(r.getReasons().get(0).getMessage()).contains("only the party that submitted");
        });
        assertThat(hub.alerts("ir")).isEmpty();
        assertThat(hub.alerts("az")).isEmpty();
        assertThat(hub.state(IndicatorType.DOMAIN, "not-yours.net").getIndicator().getStatus())
                .isEqualTo(IndicatorStatus.ACTIVE);
        assertThat(hub.metrics.count("caspian.revocations", "outcome", "refused")).isEqualTo(1);
    }

    @Test
    void revokingOneOfTwoContributionsLeavesTheOtherStanding() {
        hub.submit("ir", submission("two-sources.net", Tlp.GREEN));
        hub.submit("az", submission("two-sources.net", Tlp.GREEN));
        hub.drain();

        hub.submit("ir", revocation("two-sources.net"));

        assertThat(hub.alerts("az")).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.UPDATED);
            assertThat(a.getStatus()).isEqualTo(IndicatorStatus.ACTIVE);
            assertThat(a.getParties()).containsExactly("az");
        });
        assertThat(hub.state(IndicatorType.DOMAIN, "two-sources.net").getIndicator().getStatus())
                .isEqualTo(IndicatorStatus.ACTIVE);
    }

    @Test
    void addressesExpireAfterTheirLifetimeOnThePunctuator() {
        hub.submit("ir", submission("45.83.12.7", Tlp.GREEN));
        hub.drain();

        hub.advanceWallClock(Duration.ofDays(1));
        assertThat(hub.alerts("ir")).isEmpty();

        hub.advanceWallClock(Duration.ofDays(1).plusMinutes(2));
        for (String party : List.of("ir", "az", "kz")) {
            assertThat(hub.alerts(party)).singleElement().satisfies(a -> {
                assertThat(a.getKind()).isEqualTo(AlertKind.EXPIRED);
                assertThat(a.getStatus()).isEqualTo(IndicatorStatus.EXPIRED);
            });
        }
        assertThat(hub.published()).singleElement().extracting(i -> i.getStatus()).isEqualTo(IndicatorStatus.EXPIRED);
        assertThat(hub.metrics.count("caspian.expired", "type", "ipv4")).isEqualTo(1);
    }

    @Test
    void aReSubmissionPushesTheExpiryBack() {
        hub.submit("ir", submission("45.83.12.8", Tlp.GREEN));
        hub.advanceWallClock(Duration.ofDays(1));
        hub.submit("ir", submission("45.83.12.8").setSubmittedAt(T0.plus(Duration.ofDays(1))).build(),
                T0.plus(Duration.ofDays(1)));
        hub.drain();

        hub.advanceWallClock(Duration.ofDays(1).plusMinutes(5));
        assertThat(hub.alerts("ir")).isEmpty();

        hub.advanceWallClock(Duration.ofDays(1));
        assertThat(hub.alerts("ir")).singleElement().extracting(Alert::getKind).isEqualTo(AlertKind.EXPIRED);
    }

    @Test
    void hashesNeverAgeOut() {
        hub.submit("ir", submission("44d88612fea8a8f36de82e1278abb02f", Tlp.GREEN));
        hub.drain();

        hub.advanceWallClock(Duration.ofDays(3650));

        assertThat(hub.alerts("ir")).isEmpty();
        assertThat(hub.state(IndicatorType.MD5, "44d88612fea8a8f36de82e1278abb02f").getIndicator().getStatus())
                .isEqualTo(IndicatorStatus.ACTIVE);
    }

    @Test
    void aSubmittersOwnValidUntilEndsItsContribution() {
        hub.submit("ir", submission("275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f")
                .setValidUntil(T0.plus(Duration.ofHours(6))).build());
        hub.drain();

        hub.advanceWallClock(Duration.ofHours(7));

        assertThat(hub.alerts("az")).singleElement().extracting(Alert::getKind).isEqualTo(AlertKind.EXPIRED);
    }

    @Test
    void expiryIsPerViewSoAHiddenFreshReportDoesNotKeepAnotherPartysViewAlive() {
        hub.submit("az", submission("45.83.12.9", Tlp.GREEN));
        hub.advanceWallClock(Duration.ofDays(1));
        // ir keeps re-reporting it as RED: az must not be able to tell from its own view
        hub.submit("ir", submission("45.83.12.9").setTlp(Tlp.RED).setSubmittedAt(T0.plus(Duration.ofDays(1))).build(),
                T0.plus(Duration.ofDays(1)));
        hub.drain();

        hub.advanceWallClock(Duration.ofDays(1).plusMinutes(2));

        assertThat(hub.alerts("az")).singleElement().extracting(Alert::getKind).isEqualTo(AlertKind.EXPIRED);
        assertThat(hub.alerts("ir")).isEmpty();
        assertThat(hub.state(IndicatorType.IPV4, "45.83.12.9").getIndicator().getStatus())
                .isEqualTo(IndicatorStatus.ACTIVE);
    }

    @Test
    void aReSubmissionAfterExpiryBringsItBack() {
        hub.submit("ir", submission("45.83.12.10", Tlp.GREEN));
        hub.advanceWallClock(Duration.ofDays(2).plusMinutes(2));
        hub.drain();

        Duration later = Duration.ofDays(2).plusMinutes(3);
        hub.submit("ir", submission("45.83.12.10").setSubmittedAt(T0.plus(later)).build(), T0.plus(later));

        assertThat(hub.alerts("az")).singleElement().satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.UPDATED);
            assertThat(a.getStatus()).isEqualTo(IndicatorStatus.ACTIVE);
        });
    }
}
