package org.caspianhub.streams.score;

import java.util.Collection;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.streams.lifecycle.Lifetimes;

/**
 * The confidence score 0..100 of an indicator as one audience sees it. Each active contribution
 * weighs {@code confidence × reliability × decay} (each 0..1), where decay halves the weight every
 * half lifetime of the type since the party last reported it (no decay for hashes and CVEs).
 * Independent parties corroborate each other like independent witnesses:
 * {@code p = 1 − Π(1 − weightᵢ)}, so two parties at 0.56 give 0.81, not 0.56. SOC sightings then
 * close a share of the remaining doubt ({@code 15 %} each, at most ten counted), and every
 * false-positive report halves the result. The score is {@code round(100 p)}.
 *
 * <p>The same model scores the hub's own view (every contribution) and each recipient's view
 * (only what it may see), so a score never carries evidence the recipient may not know of.
 */
public final class ScoreModel {

    static final double SIGHTING_DOUBT_REMOVED = 0.15;
    static final int MAX_SIGHTINGS_COUNTED = 10;

    private final Lifetimes lifetimes;

    public ScoreModel(Lifetimes lifetimes) {
        this.lifetimes = lifetimes;
    }

    /**
     * @param active         contributions that count (not revoked), already filtered for the audience
     * @param sightings      sightings the audience may know of
     * @param falsePositives false-positive reports the audience may know of
     * @param nowMillis      the time the score is for
     */
    public int score(IndicatorType type, Collection<Contribution> active, int sightings, int falsePositives,
                     long nowMillis) {
        if (active.isEmpty()) {
            return 0;
        }
        long halfLife = lifetimes.halfLifeMillis(type);
        double doubt = 1.0;
        for (Contribution c : active) {
            double weight = clamp(c.getConfidence()) / 100.0 * reliability(c) / 100.0;
            if (halfLife > 0) {
                long age = Math.max(0, nowMillis - c.getLastSeen().toEpochMilli());
                weight *= Math.pow(0.5, (double) age / halfLife);
            }
            doubt *= 1.0 - weight;
        }
        int counted = Math.min(Math.max(sightings, 0), MAX_SIGHTINGS_COUNTED);
        doubt *= Math.pow(1.0 - SIGHTING_DOUBT_REMOVED, counted);
        double p = (1.0 - doubt) * Math.pow(0.5, Math.max(falsePositives, 0));
        return (int) Math.round(100.0 * p);
    }

    private static int reliability(Contribution c) {
        Integer r = c.getSourceReliability();
        return r == null ? 70 : clamp(r);
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(100, value));
    }
}
