package org.caspianhub.parties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartiesTest {

    @Test
    void theDefaultsAreIranAndAzerbaijanSharingAmber() {
        Parties parties = Parties.defaults();
        assertThat(parties.all()).extracting(PartyId::value).containsExactly("az", "ir");
        assertThat(parties.shareAmber(PartyId.of("ir"), PartyId.of("az"))).isTrue();
        assertThat(parties.shareAmber(PartyId.of("az"), PartyId.of("ir"))).isTrue();
    }

    @Test
    void aThirdStateJoinsByConfigurationAndSharesAmberOnlyWhereAgreed() {
        Parties parties = Parties.parse("ir, az, kz", "ir:az, az:kz");
        PartyId ir = PartyId.of("ir");
        PartyId kz = PartyId.of("kz");
        assertThat(parties.contains(kz)).isTrue();
        assertThat(parties.shareAmber(ir, kz)).isFalse();
        assertThat(parties.shareAmber(kz, PartyId.of("az"))).isTrue();
        assertThat(parties.shareAmber(kz, kz)).as("a party always shares with itself").isTrue();
        assertThat(Parties.parse("ir,az", "none").shareAmber(ir, PartyId.of("az"))).isFalse();
    }

    @Test
    void badConfigurationIsRefusedWithTheOffendingEntry() {
        assertThatThrownBy(() -> Parties.parse("ir,AZ", "")).hasMessageContaining("'AZ'");
        assertThatThrownBy(() -> Parties.parse("ir,az", "ir:tm")).hasMessageContaining("'tm'");
        assertThatThrownBy(() -> Parties.parse("ir,az", "ir-az")).hasMessageContaining("'ir-az'");
        assertThatThrownBy(() -> Parties.parse("ir,az", "ir:ir")).hasMessageContaining("two different parties");
        assertThatThrownBy(() -> Parties.parse("", "")).hasMessageContaining("at least one party");
        assertThatThrownBy(() -> Parties.parse("ir,hub", "")).hasMessageContaining("reserved");
    }
}
