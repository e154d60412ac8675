package org.caspianhub.streams.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;
import org.caspianhub.streams.lifecycle.Lifetimes;
import org.junit.jupiter.api.Test;

class ScoreModelTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private final ScoreModel model = new ScoreModel(Lifetimes.defaultLifetimes());

    private static Contribution contribution(String party, int confidence, int reliability, Instant lastSeen) {
        return Contribution.newBuilder().setParty(party).setSubmissionCount(1).setFirstSeen(lastSeen)
                .setLastSeen(lastSeen).setTlp(Tlp.GREEN).setConfidence(confidence).setSourceReliability(reliability)
                .setLastSubmissionId("s").build();
    }

    private int score(IndicatorType type, List<Contribution> contributions, int sightings, int falsePositives) {
        return model.score(type, contributions, sightings, falsePositives, NOW.toEpochMilli());
    }

    @Test
    void oneFreshContributionScoresConfidenceTimesReliability() {
        assertThat(score(IndicatorType.DOMAIN, List.of(contribution("ir", 80, 70, NOW)), 0, 0)).isEqualTo(56);
        assertThat(score(IndicatorType.DOMAIN, List.of(), 3, 0)).isZero();
    }

    @Test
    void independentPartiesCorroborate() {
        int one = score(IndicatorType.DOMAIN, List.of(contribution("ir", 80, 70, NOW)), 0, 0);
        int two = score(IndicatorType.DOMAIN, List.of(contribution("ir", 80, 70, NOW), contribution("az", 80, 70, NOW)), 0, 0);
        assertThat(two).isEqualTo(81).isGreaterThan(one);
    }

    @Test
    void addressesDecayWithHalfTheirLifetimeAndHashesDoNot() {
        Instant monthAgo = NOW.minus(Duration.ofDays(30));
        // IPv4 lifetime 30 days: two half-lives have passed
        assertThat(score(IndicatorType.IPV4, List.of(contribution("ir", 100, 100, monthAgo)), 0, 0)).isEqualTo(25);
        assertThat(score(IndicatorType.SHA256, List.of(contribution("ir", 100, 100, monthAgo)), 0, 0)).isEqualTo(100);
    }

    @Test
    void sightingsRaiseAndFalsePositivesHalveTheScore() {
        List<Contribution> one = List.of(contribution("ir", 50, 100, NOW));
        int base = score(IndicatorType.DOMAIN, one, 0, 0);
        assertThat(score(IndicatorType.DOMAIN, one, 2, 0)).isGreaterThan(base);
        assertThat(score(IndicatorType.DOMAIN, one, 100, 0)).isEqualTo(score(IndicatorType.DOMAIN, one, 10, 0));
        assertThat(score(IndicatorType.DOMAIN, one, 0, 1)).isEqualTo(25);
        assertThat(score(IndicatorType.DOMAIN, one, 0, 2)).isEqualTo(13);
    }

    @Test
    void bandsAreQuarters() {
        assertThat(ScoreBand.of(0)).isEqualTo(ScoreBand.LOW);
        assertThat(ScoreBand.of(25)).isEqualTo(ScoreBand.MEDIUM);
        assertThat(ScoreBand.of(74)).isEqualTo(ScoreBand.HIGH);
        assertThat(ScoreBand.of(75)).isEqualTo(ScoreBand.VERY_HIGH);
    }
}
