package org.caspianhub.streams.score;

/**
 * Coarse score bands. A recipient is alerted when its view of an indicator moves to another band,
 * not on every point of score: small moves are noise to a SOC.
 */
public enum ScoreBand {
    /** 0..24 */
    LOW,
    /** 25..49 */
    MEDIUM,
    /** 50..74 */
    HIGH,
    /** 75..100 */
    VERY_HIGH;

    public static ScoreBand of(int score) {
        if (score >= 75) {
            return VERY_HIGH;
        }
        if (score >= 50) {
            return HIGH;
        }
        if (score >= 25) {
            return MEDIUM;
        }
        return LOW;
    }
}
