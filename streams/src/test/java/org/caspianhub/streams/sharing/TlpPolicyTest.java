package org.caspianhub.streams.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.Parties;
import org.caspianhub.tlp.TlpOrder;

/**
 * The sharing decision alone, without a topology: ir and az have an AMBER agreement, kz has none.
 * Levels are drawn with {@code null} among them (a level this build does not know).
 */
class TlpPolicyTest {

    private static final TlpPolicy POLICY = new TlpPolicy(Parties.parse("ir,az,kz", "ir:az"));

    @Provide
    Arbitrary<String> parties() {
        return Arbitraries.of("ir", "az", "kz");
    }

    @Provide
    Arbitrary<Tlp> levels() {
        return Arbitraries.of(Tlp.class).injectNull(0.2);
    }

    @Property
    void aPartyAlwaysSeesItsOwnContributions(@ForAll("parties") String party, @ForAll("levels") Tlp tlp) {
        assertThat(POLICY.mayLearn(party, party, tlp)).isTrue();
    }

    @Property
    void whatMayReachARecipientAtOneLevelMayAtEveryLessRestrictiveOne(@ForAll("parties") String recipient,
            @ForAll("parties") String contributor, @ForAll("levels") Tlp tlp, @ForAll("levels") Tlp looser) {
        if (POLICY.mayLearn(recipient, contributor, tlp) && TlpOrder.atMost(looser, tlp)) {
            assertThat(POLICY.mayLearn(recipient, contributor, looser)).isTrue();
        }
    }

    @Property
    void anUnknownLevelReachesExactlyWhomRedReaches(@ForAll("parties") String recipient,
                                                    @ForAll("parties") String contributor) {
        assertThat(POLICY.mayLearn(recipient, contributor, null)).isEqualTo(POLICY.mayLearn(recipient, contributor, Tlp.RED));
    }

    @Example
    void tlp20AsTheHubEnforcesIt() {
        assertThat(POLICY.mayLearn("kz", "ir", Tlp.CLEAR)).isTrue();
        assertThat(POLICY.mayLearn("kz", "ir", Tlp.GREEN)).isTrue();
        assertThat(POLICY.mayLearn("az", "ir", Tlp.AMBER)).as("an AMBER agreement").isTrue();
        assertThat(POLICY.mayLearn("ir", "az", Tlp.AMBER)).as("agreements go both ways").isTrue();
        assertThat(POLICY.mayLearn("kz", "ir", Tlp.AMBER)).as("no agreement").isFalse();
        assertThat(POLICY.mayLearn("az", "ir", Tlp.AMBER_STRICT)).isFalse();
        assertThat(POLICY.mayLearn("az", "ir", Tlp.RED)).isFalse();
        assertThat(POLICY.mayLearn("az", "ir", null)).isFalse();
        assertThat(POLICY.recipients()).containsExactly("az", "ir", "kz");
    }
}
