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
    void aMissingLevelIsWrittenAsRed() {
        assertThat(TlpLevels.label(null)).isEqualTo("TLP:RED");
        assertThat(TlpLevels.name(null)).isEqualTo("red");
    }
}
