package org.caspianhub.streams.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.streams.HubDriver.submission;

import java.util.List;
import java.util.Map;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.Correlation;
import org.caspianhub.avro.CorrelationEvidence;
import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.Tlp;
import org.caspianhub.streams.HubDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stage 4: cross-party matches and related indicators, each only as far as TLP lets a recipient see. */
class CorrelationTest {

    private final HubDriver hub = new HubDriver(Map.of("CASPIAN_STREAMS_CORRELATION_FANOUT", "5"));

    @AfterEach
    void close() {
        hub.close();
    }

    private List<Alert> related(String party) {
        return hub.alerts(party).stream().filter(a -> a.getKind() == AlertKind.RELATED).toList();
    }

    @Test
    void aCrossPartyMatchIsPublishedWithEveryContribution() {
        hub.submit("ir", submission("two-countries.net", Tlp.RED));
        hub.submit("az", submission("two-countries.net", Tlp.GREEN));

        assertThat(hub.correlations()).singleElement().satisfies(c -> {
            assertThat(c.getKind()).isEqualTo(CorrelationKind.CROSS_PARTY_MATCH);
            assertThat(c.getEvidence()).extracting(CorrelationEvidence::getParty, CorrelationEvidence::getTlp)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("az", Tlp.GREEN),
                            org.assertj.core.groups.Tuple.tuple("ir", Tlp.RED));
        });
        assertThat(hub.metrics.count("caspian.correlations", "kind", "CROSS_PARTY_MATCH")).isEqualTo(1);
    }

    @Test
    void aUrlIsRelatedToItsHostsDomainWhicheverArrivesFirst() {
        hub.submit("ir", submission("https://drop.caspian-c2.net/payload.bin", Tlp.GREEN));
        hub.drain();
        hub.submit("az", submission("caspian-c2.net", Tlp.GREEN));

        Correlation correlation = hub.correlations().stream().filter(c -> c.getKind() == CorrelationKind.URL_HOST)
                .findFirst().orElseThrow();
        assertThat(correlation.getIndicatorKey()).isEqualTo("domain:caspian-c2.net");
        assertThat(correlation.getRelatedKey()).isEqualTo("url:https://drop.caspian-c2.net/payload.bin");
        for (String party : List.of("ir", "az", "kz")) {
            assertThat(related(party)).singleElement().satisfies(a -> {
                assertThat(a.getIndicatorKey()).isEqualTo("domain:caspian-c2.net");
                assertThat(a.getRelated().getIndicatorKey()).isEqualTo("url:https://drop.caspian-c2.net/payload.bin");
                assertThat(a.getRelated().getKind()).isEqualTo(CorrelationKind.URL_HOST);
                assertThat(a.getRelated().getCorrelationId()).isEqualTo(correlation.getCorrelationId());
            });
        }

        // the other order: the domain first, then a URL on it
        hub.submit("ir", submission("another-c2.org", Tlp.GREEN));
        hub.drain();
        hub.submit("ir", submission("http://another-c2.org/gate.php?id=1", Tlp.GREEN));
        assertThat(related("az")).singleElement().satisfies(a -> {
            assertThat(a.getIndicatorKey()).isEqualTo("url:http://another-c2.org/gate.php?id=1");
            assertThat(a.getRelated().getIndicatorKey()).isEqualTo("domain:another-c2.org");
        });
    }

    @Test
    void anAddressIsRelatedToThePrefixItLiesInWhicheverArrivesFirst() {
        hub.submit("ir", submission("45.83.12.0/24", Tlp.GREEN));
        hub.drain();
        hub.submit("az", submission("45.83.12.77", Tlp.GREEN));

        assertThat(related("kz")).singleElement().satisfies(a -> {
            assertThat(a.getIndicatorKey()).isEqualTo("ipv4:45.83.12.77");
            assertThat(a.getRelated().getIndicatorKey()).isEqualTo("cidr:45.83.12.0/24");
            assertThat(a.getRelated().getDetail()).isEqualTo("45.83.12.77 lies inside 45.83.12.0/24");
        });

        hub.submit("az", submission("91.200.1.9", Tlp.GREEN));
        hub.drain();
        hub.submit("ir", submission("91.200.0.0/16", Tlp.GREEN));
        assertThat(related("ir")).singleElement().satisfies(a -> {
            assertThat(a.getIndicatorKey()).isEqualTo("cidr:91.200.0.0/16");
            assertThat(a.getRelated().getIndicatorKey()).isEqualTo("ipv4:91.200.1.9");
        });
    }

    @Test
    void aRelationIsOnlyToldToRecipientsThatMaySeeBothSides() {
        hub.submit("ir", submission("secret-c2.net", Tlp.RED));
        hub.drain();
        hub.submit("az", submission("https://secret-c2.net/login", Tlp.GREEN));

        assertThat(related("az")).isEmpty();
        assertThat(related("kz")).isEmpty();
        assertThat(related("ir")).singleElement().satisfies(a -> {
            assertThat(a.getTlp()).isEqualTo(Tlp.RED);
            assertThat(a.getRelated().getIndicatorKey()).isEqualTo("domain:secret-c2.net");
        });
        // the hub's own record names both sides with their TLP; routing filtered it
        assertThat(hub.correlations()).singleElement().satisfies(c ->
                assertThat(c.getEvidence()).extracting(CorrelationEvidence::getTlp).containsExactly(Tlp.RED, Tlp.GREEN));

        // once ir shares its side, az learns of the relation, and ir is not told twice
        hub.submit("ir", submission("secret-c2.net", Tlp.GREEN));
        assertThat(related("az")).singleElement().satisfies(a ->
                assertThat(a.getRelated().getIndicatorKey()).isEqualTo("url:https://secret-c2.net/login"));
        assertThat(related("ir")).isEmpty();
    }

    @Test
    void indicatorsSharingAnIncidentReferenceAreRelatedAcrossParties() {
        hub.submit("ir", submission("first-of-incident.net").setReferences(List.of("incident:IR-2026-0042")).build());
        hub.drain();
        hub.submit("az", submission("45.83.12.99").setReferences(List.of(" Incident:ir-2026-0042 ")).build());

        assertThat(hub.correlations()).filteredOn(c -> c.getKind() == CorrelationKind.SHARED_REFERENCE)
                .singleElement().satisfies(c -> {
                    assertThat(c.getIndicatorKey()).isEqualTo("ipv4:45.83.12.99");
                    assertThat(c.getRelatedKey()).isEqualTo("domain:first-of-incident.net");
                });
        for (String party : List.of("ir", "az", "kz")) {
            assertThat(related(party)).singleElement().satisfies(a -> {
                assertThat(a.getIndicatorKey()).isEqualTo("ipv4:45.83.12.99");
                assertThat(a.getRelated().getReference()).isEqualTo("Incident:ir-2026-0042");
                assertThat(a.getRelated().getIndicatorKey()).isEqualTo("domain:first-of-incident.net");
            });
        }
    }

    @Test
    void aSecondPartyReportingTheSameIncidentTellsNobodyAgainWhatTheyWereAlreadyTold() {
        for (String party : List.of("ir", "az")) {
            hub.submit(party, submission("stage-one.net").setReferences(List.of("incident:IR-2026-0077")).build());
            hub.submit(party, submission("stage-two.net").setReferences(List.of("incident:IR-2026-0077")).build());
        }

        // each recipient heard of the incident's two members once, when it first could see both
        for (String party : List.of("ir", "az", "kz")) {
            assertThat(related(party)).as(party).singleElement().satisfies(a -> {
                assertThat(a.getValue()).isEqualTo("stage-two.net");
                assertThat(a.getRelated().getValue()).isEqualTo("stage-one.net");
            });
        }
    }

    @Test
    void aSharedReferenceNeverRevealsAMemberTheRecipientMayNotSee() {
        hub.submit("ir", submission("hidden-member.net").setTlp(Tlp.RED).setReferences(List.of("campaign:APT-X")).build());
        hub.drain();
        hub.submit("az", submission("visible-member.net").setReferences(List.of("campaign:APT-X")).build());

        assertThat(related("az")).isEmpty();
        assertThat(related("kz")).isEmpty();
        assertThat(related("ir")).singleElement().satisfies(a -> {
            assertThat(a.getIndicatorKey()).isEqualTo("domain:visible-member.net");
            assertThat(a.getTlp()).isEqualTo(Tlp.RED);
        });
    }

    @Test
    void valuesNamedTogetherInOneSubmissionAreCoSubmitted() {
        hub.submit("ir", submission("stix-one.net").setGroupRef("indicator--1b2c").build());
        hub.submit("ir", submission("45.83.12.100").setGroupRef("indicator--1b2c").build());
        // the same group id from another party is another object
        hub.submit("az", submission("unrelated-group.net").setGroupRef("indicator--1b2c").build());

        assertThat(hub.correlations()).filteredOn(c -> c.getKind() == CorrelationKind.CO_SUBMITTED)
                .singleElement().satisfies(c -> assertThat(c.getEvidence())
                        .extracting(CorrelationEvidence::getIndicatorKey)
                        .containsExactlyInAnyOrder("ipv4:45.83.12.100", "domain:stix-one.net"));
        assertThat(related("az")).singleElement().satisfies(a ->
                assertThat(a.getRelated().getKind()).isEqualTo(CorrelationKind.CO_SUBMITTED));
    }

    @Test
    void aLargeReferenceIsBoundedPerJoin() {
        // fan-out 5: a recipient hears of at most 5 members per join; the stage looks at 20 times that
        for (int i = 0; i < 110; i++) {
            hub.submit("ir", submission("member-" + String.format("%03d", i) + ".net")
                    .setReferences(List.of("campaign:huge")).build());
        }

        List<Correlation> correlations = hub.correlations().stream()
                .filter(c -> c.getKind() == CorrelationKind.SHARED_REFERENCE).toList();
        // one correlation per join after the first, each naming at most the fan-out (5) earlier members
        assertThat(correlations).hasSize(109);
        assertThat(correlations).allSatisfy(c -> assertThat(c.getEvidence()).hasSizeLessThanOrEqualTo(6));
        assertThat(correlations.get(108).getDetail()).isEqualTo("110 indicators share campaign:huge");
        List<Alert> told = related("az");
        assertThat(told).hasSize(109);
        assertThat(told.get(108).getRelated().getDetail()).startsWith("shares campaign:huge with 5 indicators you may see");
        // past 100 other members (20 times the fan-out) the stage stops looking, and says so
        assertThat(hub.metrics.count("caspian.correlations.capped", "kind", "SHARED_REFERENCE")).isPositive();
    }
}
