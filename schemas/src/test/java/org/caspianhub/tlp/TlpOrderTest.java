package org.caspianhub.tlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.caspianhub.avro.Tlp;

/**
 * The hub's one TLP order: TLP 2.0's CLEAR &lt; GREEN &lt; AMBER &lt; AMBER+STRICT &lt; RED, a missing
 * level read as RED, and {@code stricter} a proper join on it. Levels are drawn with {@code null}
 * among them, since a level a reader does not know arrives as null.
 */
class TlpOrderTest {

    private static final List<Tlp> TLP_2_0 = List.of(Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT, Tlp.RED);

    @Provide
    Arbitrary<Tlp> levels() {
        return Arbitraries.of(Tlp.class).injectNull(0.2);
    }

    @Provide
    Arbitrary<List<Tlp>> levelLists() {
        return levels().list().ofMaxSize(8);
    }

    @Example
    void agreesWithTlp20() {
        for (int i = 0; i < TLP_2_0.size(); i++) {
            assertThat(TlpOrder.rank(TLP_2_0.get(i))).as(TLP_2_0.get(i).toString()).isEqualTo(i);
        }
        List<Tlp> shuffled = new ArrayList<>(Arrays.asList(Tlp.RED, Tlp.CLEAR, Tlp.AMBER_STRICT, Tlp.GREEN, Tlp.AMBER));
        shuffled.sort(TlpOrder.LEAST_RESTRICTIVE_FIRST);
        assertThat(shuffled).isEqualTo(TLP_2_0);
        assertThat(Tlp.values()).as("every level this build knows is ranked").hasSameSizeAs(TLP_2_0);
    }

    @Example
    void anUnknownLevelIsRed() {
        assertThat(TlpOrder.orRed(null)).isEqualTo(Tlp.RED);
        assertThat(TlpOrder.rank(null)).isEqualTo(TlpOrder.rank(Tlp.RED));
        assertThat(TlpOrder.stricter(null, Tlp.CLEAR)).isEqualTo(Tlp.RED);
        assertThat(TlpOrder.stricter(Tlp.GREEN, null)).isEqualTo(Tlp.RED);
        assertThat(TlpOrder.atMost(null, Tlp.AMBER)).as("an unknown level is above AMBER").isFalse();
        assertThat(TlpOrder.strictest(Arrays.asList(Tlp.CLEAR, null))).contains(Tlp.RED);
    }

    @Example
    void theStrictestOfNoLevelsIsNone() {
        assertThat(TlpOrder.strictest(List.of())).isEmpty();
        assertThat(TlpOrder.strictest(List.of(Tlp.GREEN, Tlp.AMBER_STRICT, Tlp.AMBER))).contains(Tlp.AMBER_STRICT);
    }

    @Property
    void theOrderIsTotal(@ForAll("levels") Tlp a, @ForAll("levels") Tlp b) {
        assertThat(TlpOrder.atMost(a, b) || TlpOrder.atMost(b, a)).isTrue();
        if (TlpOrder.atMost(a, b) && TlpOrder.atMost(b, a)) {
            assertThat(TlpOrder.orRed(a)).as("antisymmetric").isEqualTo(TlpOrder.orRed(b));
        }
    }

    @Property
    void theOrderIsTransitive(@ForAll("levels") Tlp a, @ForAll("levels") Tlp b, @ForAll("levels") Tlp c) {
        if (TlpOrder.atMost(a, b) && TlpOrder.atMost(b, c)) {
            assertThat(TlpOrder.atMost(a, c)).isTrue();
        }
    }

    @Property
    void stricterIsCommutative(@ForAll("levels") Tlp a, @ForAll("levels") Tlp b) {
        assertThat(TlpOrder.stricter(a, b)).isEqualTo(TlpOrder.stricter(b, a));
    }

    @Property
    void stricterIsAssociative(@ForAll("levels") Tlp a, @ForAll("levels") Tlp b, @ForAll("levels") Tlp c) {
        assertThat(TlpOrder.stricter(TlpOrder.stricter(a, b), c)).isEqualTo(TlpOrder.stricter(a, TlpOrder.stricter(b, c)));
    }

    @Property
    void stricterIsIdempotentWithClearAsIdentity(@ForAll("levels") Tlp a) {
        assertThat(TlpOrder.stricter(a, a)).isEqualTo(TlpOrder.orRed(a));
        assertThat(TlpOrder.stricter(Tlp.CLEAR, a)).isEqualTo(TlpOrder.orRed(a));
    }

    @Property
    void stricterIsTheLeastUpperBound(@ForAll("levels") Tlp a, @ForAll("levels") Tlp b) {
        Tlp s = TlpOrder.stricter(a, b);
        assertThat(TlpOrder.atMost(a, s) && TlpOrder.atMost(b, s)).isTrue();
        assertThat(s).isIn(TlpOrder.orRed(a), TlpOrder.orRed(b));
    }

    @Property
    void theStrictestIsTheFoldOfStricter(@ForAll("levelLists") List<Tlp> levels) {
        Tlp folded = Tlp.CLEAR;
        for (Tlp tlp : levels) {
            folded = TlpOrder.stricter(folded, tlp);
        }
        assertThat(TlpOrder.strictest(levels).orElse(Tlp.CLEAR)).isEqualTo(folded);
    }
}
