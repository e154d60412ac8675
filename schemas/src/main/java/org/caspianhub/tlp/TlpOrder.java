package org.caspianhub.tlp;

import java.util.Comparator;
import java.util.Optional;
import org.caspianhub.avro.Tlp;

/**
 * The one order of TLP 2.0 levels in the hub, from least to most restrictive:
 * CLEAR &lt; GREEN &lt; AMBER &lt; AMBER+STRICT &lt; RED. Every "which level is stricter", "is this above
 * that" and "the strictest of these" is answered here and nowhere else.
 *
 * <p>A missing level ({@code null}) reads as RED, as the {@code Tlp} schema says of a level a reader
 * does not know: in a sharing hub the most restrictive reading is the only safe one, and a second
 * meaning elsewhere would be a leak waiting for its input.
 */
public final class TlpOrder {

    /** Least restrictive first; {@code null} sorts as RED. */
    public static final Comparator<Tlp> LEAST_RESTRICTIVE_FIRST = Comparator.comparingInt(TlpOrder::rank);

    private TlpOrder() {
    }

    /** The level as the hub treats it: {@code null} (missing, or unknown to this build) is RED. */
    public static Tlp orRed(Tlp tlp) {
        return tlp == null ? Tlp.RED : tlp;
    }

    /** 0 for CLEAR up to 4 for RED ({@code null} too): a higher rank may reach fewer people. */
    public static int rank(Tlp tlp) {
        return switch (orRed(tlp)) {
            case CLEAR -> 0;
            case GREEN -> 1;
            case AMBER -> 2;
            case AMBER_STRICT -> 3;
            case RED -> 4;
        };
    }

    /**
     * The more restrictive of two levels; a missing level counts as RED. Commutative, associative
     * and idempotent, with CLEAR as its identity: to fold over several levels, start from CLEAR.
     */
    public static Tlp stricter(Tlp a, Tlp b) {
        Tlp x = orRed(a);
        Tlp y = orRed(b);
        return rank(x) >= rank(y) ? x : y;
    }

    /** Whether {@code tlp} restricts no more than {@code limit} ("nothing above AMBER"). */
    public static boolean atMost(Tlp tlp, Tlp limit) {
        return rank(tlp) <= rank(limit);
    }

    /**
     * The strictest of some levels, empty when there are none (a caller decides what "no marking"
     * means; it is not the same as an unknown one, which is RED).
     */
    public static Optional<Tlp> strictest(Iterable<Tlp> levels) {
        Tlp strictest = null;
        for (Tlp tlp : levels) {
            strictest = strictest == null ? orRed(tlp) : stricter(strictest, tlp);
        }
        return Optional.ofNullable(strictest);
    }
}
