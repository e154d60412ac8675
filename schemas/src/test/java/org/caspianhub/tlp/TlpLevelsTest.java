package org.caspianhub.tlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.caspianhub.avro.Tlp;
import org.junit.jupiter.api.Test;

class TlpLevelsTest {

    @Test
    void readsTheSpellingsPeopleUse() {
        for (String amberStrict : new String[] {"AMBER_STRICT", "amber+strict", "TLP:AMBER+STRICT", "tlp-amber-strict",
                " TLP_Amber Strict ", "TLP: amber+strict"}) {
            assertThat(TlpLevels.parse(amberStrict)).as(amberStrict).contains(Tlp.AMBER_STRICT);
        }
        assertThat(TlpLevels.parse("white")).as("TLP 1.0").contains(Tlp.CLEAR);
        assertThat(TlpLevels.parse("TLP:CLEAR")).contains(Tlp.CLEAR);
        assertThat(TlpLevels.parse("red")).contains(Tlp.RED);
        assertThat(TlpLevels.parse("PURPLE")).isEmpty();
        assertThat(TlpLevels.parse("TLP:")).isEmpty();
        assertThat(TlpLevels.parse(null)).isEmpty();
        assertThatThrownBy(() -> TlpLevels.require("PURPLE"))
                .hasMessage("TLP must be one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED; got 'PURPLE'");
    }

    @Test
    void writesTlp2FormsThatReadBackToTheSameLevel() {
        assertThat(TlpLevels.label(Tlp.AMBER_STRICT)).isEqualTo("TLP:AMBER+STRICT");
        assertThat(TlpLevels.name(Tlp.AMBER_STRICT)).isEqualTo("amber+strict");
        assertThat(TlpLevels.label(Tlp.CLEAR)).isEqualTo("TLP:CLEAR");
        for (Tlp tlp : Tlp.values()) {
            assertThat(TlpLevels.parse(TlpLevels.label(tlp))).contains(tlp);
            assertThat(TlpLevels.parse(TlpLevels.name(tlp))).contains(tlp);
        }
    }

    @Test
    void aMissingLevelIsTheMostRestrictive() {
        assertThat(TlpLevels.rank(null)).isEqualTo(TlpLevels.rank(Tlp.RED));
        assertThat(TlpLevels.label(null)).isEqualTo("TLP:RED");
        assertThat(TlpLevels.rank(Tlp.CLEAR)).isLessThan(TlpLevels.rank(Tlp.GREEN));
        assertThat(TlpLevels.rank(Tlp.GREEN)).isLessThan(TlpLevels.rank(Tlp.AMBER));
        assertThat(TlpLevels.rank(Tlp.AMBER)).isLessThan(TlpLevels.rank(Tlp.AMBER_STRICT));
        assertThat(TlpLevels.rank(Tlp.AMBER_STRICT)).isLessThan(TlpLevels.rank(Tlp.RED));
    }

    @Test
    void theStricterOfTwoLevelsIsTheHigherRankAndAMissingLevelIsRed() {
        assertThat(TlpLevels.stricter(Tlp.GREEN, Tlp.AMBER)).isEqualTo(Tlp.AMBER);
        assertThat(TlpLevels.stricter(Tlp.AMBER_STRICT, Tlp.AMBER)).isEqualTo(Tlp.AMBER_STRICT);
        assertThat(TlpLevels.stricter(Tlp.CLEAR, Tlp.CLEAR)).isEqualTo(Tlp.CLEAR);
        assertThat(TlpLevels.stricter(null, Tlp.GREEN)).isEqualTo(Tlp.RED);
        assertThat(TlpLevels.stricter(Tlp.CLEAR, null)).isEqualTo(Tlp.RED);
    }
}
