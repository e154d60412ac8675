package org.caspianhub.streams.merge;

import java.util.List;
import org.caspianhub.avro.streams.IndicatorState;

/**
 * What applying one event to an indicator's merged state did.
 *
 * @param effect             what happened, for metrics and for what follows
 * @param state              the state to store (null when nothing is stored: an unknown indicator's sighting,
 *                           a refused revocation)
 * @param material           the merged state changed in a way worth publishing and re-routing
 * @param visibilityChanged  who stands behind it or under which TLP changed: relations are re-examined
 * @param touched            the recipients whose own evidence the event changed: only they may be told
 *                           anything now (see {@link org.caspianhub.streams.sharing.RecipientFolds})
 */
public record MergeResult(Effect effect, IndicatorState state, boolean material, boolean visibilityChanged,
                          List<String> touched) {

    /** What one event did to the merged state. */
    public enum Effect {
        /** The first contribution of the first party: a new indicator. */
        CREATED,
        /** A new party's contribution, or a material change of an existing one. */
        CHANGED,
        /** A party re-submitted what it had already said: counters only. */
        RESUBMITTED,
        /** The same submission id again (a producer retry): nothing at all. */
        SAME_SUBMISSION,
        REVOKED,
        /** A revocation of a contribution that was already revoked. */
        REVOKED_AGAIN,
        /** A revocation by a party that has no contribution to this indicator: refused. */
        REVOCATION_REFUSED,
        SIGHTED,
        /** A false-positive report from a party that already reported one: counted once. */
        SIGHTED_AGAIN,
        /** A sighting of a value the hub does not hold. */
        SIGHTING_UNKNOWN
    }

    static MergeResult nothing(Effect effect) {
        return new MergeResult(effect, null, false, false, List.of());
    }
}
