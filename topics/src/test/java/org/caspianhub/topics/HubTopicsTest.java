package org.caspianhub.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.caspianhub.parties.PartyId;
import org.junit.jupiter.api.Test;

class HubTopicsTest {

    @Test
    void perPartyTopicsFollowTheNamingScheme() {
        PartyId ir = PartyId.of("ir");
        assertThat(HubTopics.submissions(ir)).isEqualTo("cti.ir.submissions");
        assertThat(HubTopics.sightings(ir)).isEqualTo("cti.ir.sightings");
        assertThat(HubTopics.rejected(ir)).isEqualTo("cti.ir.rejected");
        assertThat(HubTopics.alerts(ir)).isEqualTo("cti.ir.alerts");
        assertThat(HubTopics.alertsDeadLetter(ir)).isEqualTo("cti.ir.alerts.dlq");
    }

    @Test
    void theTopicNotThePayloadTellsWhoseARecordIs() {
        assertThat(HubTopics.partyOf("cti.az.submissions")).isEqualTo(PartyId.of("az"));
        assertThat(HubTopics.partyOf("cti.kz-test.alerts.dlq")).isEqualTo(PartyId.of("kz-test"));
        assertThatThrownBy(() -> HubTopics.partyOf(HubTopics.INDICATORS)).hasMessageContaining("not a per-party topic");
        assertThatThrownBy(() -> HubTopics.partyOf("submissions")).isInstanceOf(IllegalArgumentException.class);
    }
}
