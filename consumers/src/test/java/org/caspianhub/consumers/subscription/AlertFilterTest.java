package org.caspianhub.consumers.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.consumers.testing.Alerts;
import org.junit.jupiter.api.Test;

class AlertFilterTest {

    private final Alert greenIp = Alerts.alert("ir", IndicatorType.IPV4, "203.0.113.7").build();

    @Test
    void theEmptyFilterLetsEverythingThrough() {
        assertThat(AlertFilter.all().matches(greenIp)).isTrue();
        assertThat(AlertFilter.all().describe()).isEqualTo("all");
    }

    @Test
    void typesKeepOnlyTheListedIndicatorTypes() {
        AlertFilter domains = filter(Set.of(IndicatorType.DOMAIN), 0, 0, null, Set.of(), Set.of(), null);
        assertThat(domains.matches(greenIp)).isFalse();
        assertThat(domains.matches(Alerts.alert("ir", IndicatorType.DOMAIN, "evil.example").build())).isTrue();
    }

    @Test
    void minimumScoreAndConfidence() {
        assertThat(filter(Set.of(), 70, 0, null, Set.of(), Set.of(), null).matches(greenIp)).isTrue();
        assertThat(filter(Set.of(), 71, 0, null, Set.of(), Set.of(), null).matches(greenIp)).isFalse();
        // the fixture's contribution has confidence 80
        assertThat(filter(Set.of(), 0, 80, null, Set.of(), Set.of(), null).matches(greenIp)).isTrue();
        assertThat(filter(Set.of(), 0, 81, null, Set.of(), Set.of(), null).matches(greenIp)).isFalse();
        Alert noContributions = Alert.newBuilder(greenIp).setContributions(List.of()).build();
        assertThat(filter(Set.of(), 0, 1, null, Set.of(), Set.of(), null).matches(noContributions)).isFalse();
    }

    @Test
    void minimumSeverityRanksUnknownLowest() {
        AlertFilter atLeastMedium = filter(Set.of(), 0, 0, Severity.MEDIUM, Set.of(), Set.of(), null);
        assertThat(atLeastMedium.matches(greenIp)).isTrue(); // HIGH
        assertThat(atLeastMedium.matches(Alert.newBuilder(greenIp).setSeverity(Severity.LOW).build())).isFalse();
        assertThat(atLeastMedium.matches(Alert.newBuilder(greenIp).setSeverity(Severity.UNKNOWN).build())).isFalse();
    }

    @Test
    void tagsMatchAnyWithoutCase() {
        assertThat(filter(Set.of(), 0, 0, null, Set.of("APT", "C2"), Set.of(), null).matches(greenIp)).isTrue();
        assertThat(filter(Set.of(), 0, 0, null, Set.of("phishing"), Set.of(), null).matches(greenIp)).isFalse();
    }

    @Test
    void kinds() {
        AlertFilter matches = filter(Set.of(), 0, 0, null, Set.of(), Set.of(AlertKind.CROSS_BORDER_MATCH), null);
        assertThat(matches.matches(greenIp)).isFalse();
        assertThat(matches.matches(Alert.newBuilder(greenIp).setKind(AlertKind.CROSS_BORDER_MATCH).build())).isTrue();
    }

    @Test
    void maximumTlpKeepsMoreRestrictedAlertsAwayFromTheDestination() {
        AlertFilter upToGreen = filter(Set.of(), 0, 0, null, Set.of(), Set.of(), Tlp.GREEN);
        assertThat(upToGreen.matches(greenIp)).isTrue();
        assertThat(upToGreen.matches(Alert.newBuilder(greenIp).setTlp(Tlp.CLEAR).build())).isTrue();
        assertThat(upToGreen.matches(Alert.newBuilder(greenIp).setTlp(Tlp.AMBER).build())).isFalse();
        assertThat(upToGreen.matches(Alert.newBuilder(greenIp).setTlp(Tlp.RED).build())).isFalse();
        AlertFilter upToAmber = filter(Set.of(), 0, 0, null, Set.of(), Set.of(), Tlp.AMBER);
        assertThat(upToAmber.matches(Alert.newBuilder(greenIp).setTlp(Tlp.AMBER_STRICT).build())).isFalse();
        assertThat(upToAmber.describe()).isEqualTo("maxTlp=TLP:AMBER");
    }

    @Test
    void aWithdrawalReachesEveryDestinationThatCouldHaveHadTheIndicator() {
        // as the topology writes it when an indicator is withdrawn from a recipient: score 0, no tags, no contributions
        Alert withdrawn = Alert.newBuilder(greenIp).setKind(AlertKind.REVOKED).setScore(0).setSeverity(Severity.UNKNOWN)
                .setTags(List.of()).setContributions(List.of()).build();
        AlertFilter demanding = filter(Set.of(IndicatorType.IPV4), 80, 90, Severity.HIGH, Set.of("apt"), Set.of(), Tlp.AMBER);
        assertThat(demanding.matches(withdrawn)).isTrue();
        assertThat(demanding.matches(Alert.newBuilder(withdrawn).setKind(AlertKind.EXPIRED).build())).isTrue();
        // but not past the type, kind or TLP limits
        assertThat(filter(Set.of(IndicatorType.DOMAIN), 0, 0, null, Set.of(), Set.of(), null).matches(withdrawn)).isFalse();
        assertThat(filter(Set.of(), 0, 0, null, Set.of(), Set.of(), Tlp.CLEAR).matches(withdrawn)).isFalse();
        assertThat(filter(Set.of(), 0, 0, null, Set.of(), Set.of(AlertKind.NEW_INDICATOR), null).matches(withdrawn)).isFalse();
        // an ordinary alert below the thresholds still stays away
        assertThat(demanding.matches(greenIp)).isFalse();
    }

    @Test
    void outOfRangeMinimumsAreRefused() {
        assertThatThrownBy(() -> filter(Set.of(), 101, 0, null, Set.of(), Set.of(), null))
                .hasMessageContaining("minScore must be between 0 and 100");
    }

    private static AlertFilter filter(Set<IndicatorType> types, int minScore, int minConfidence, Severity minSeverity,
                                      Set<String> tags, Set<AlertKind> kinds, Tlp maxTlp) {
        return new AlertFilter(types, minScore, minConfidence, minSeverity, tags, kinds, maxTlp);
    }
}
