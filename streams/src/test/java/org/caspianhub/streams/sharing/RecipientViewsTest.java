package org.caspianhub.streams.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.streams.sharing.ScenarioFold.T0;
import static org.caspianhub.streams.sharing.ScenarioFold.sight;
import static org.caspianhub.streams.sharing.ScenarioFold.submit;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.avro.Tlp;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.tlp.TlpOrder;

/**
 * A recipient's view of an indicator, computed from the merged state alone (no Kafka, no
 * topology): only what TLP lets it see, everything derived from that alone. Parties ir, az and
 * kz; ir and az have an AMBER agreement; SOC feedback travels as AMBER.
 */
class RecipientViewsTest {

    private static final String VALUE = "nightjar-c2.net";

    private final ScenarioFold hub = new ScenarioFold("ir,az,kz", "ir:az");

    @Example
    void aRecipientSeesOnlyTheContributionsTlpLetsItSee() {
        hub.apply(submit("s1", "ir", VALUE, Tlp.AMBER, "op-nightjar"));
        hub.apply(submit("s2", "kz", VALUE, Tlp.GREEN, "c2"));
        hub.apply(submit("s3", "az", VALUE, Tlp.RED, "internal"));

        assertThat(hub.view(VALUE, "az")).satisfies(v -> {
            assertThat(v.activeParties()).containsExactly("az", "ir", "kz");
            assertThat(v.tags()).containsExactly("c2", "internal", "op-nightjar");
        });
        assertThat(hub.view(VALUE, "ir")).as("AMBER from its partner, GREEN from anyone, not az's RED").satisfies(v -> {
            assertThat(v.activeParties()).containsExactly("ir", "kz");
            assertThat(v.contributions()).extracting(Contribution::getParty).containsExactly("ir", "kz");
            assertThat(v.tags()).containsExactly("c2", "op-nightjar");
        });
        assertThat(hub.view(VALUE, "kz")).as("no agreement: only what crosses every border").satisfies(v -> {
            assertThat(v.activeParties()).containsExactly("kz");
            assertThat(v.tags()).containsExactly("c2");
        });
    }

    @Example
    void amberReachesTheAgreedPartnerOnlyAndStrictOrRedTheContributorOnly() {
        hub.apply(submit("s1", "ir", "amber.example", Tlp.AMBER));
        hub.apply(submit("s2", "ir", "strict.example", Tlp.AMBER_STRICT));
        hub.apply(submit("s3", "ir", "red.example", Tlp.RED));
        hub.apply(submit("s4", "ir", "green.example", Tlp.GREEN));
        hub.apply(submit("s5", "ir", "clear.example", Tlp.CLEAR));

        assertThat(knownTo("ir")).containsExactly("amber.example", "clear.example", "green.example", "red.example",
                "strict.example");
        assertThat(knownTo("az")).containsExactly("amber.example", "clear.example", "green.example");
        assertThat(knownTo("kz")).containsExactly("clear.example", "green.example");
        assertThat(hub.views().expiresAt(hub.state("red.example"), "kz")).isNull();
    }

    @Example
    void theViewsTlpIsTheStrictestLevelItReveals() {
        hub.apply(submit("s1", "kz", VALUE, Tlp.GREEN, "c2"));
        hub.apply(submit("s2", "ir", VALUE, Tlp.AMBER, "op-nightjar"));
        hub.apply(submit("s3", "az", VALUE, Tlp.CLEAR));

        assertThat(hub.view(VALUE, "az").tlp()).isEqualTo(Tlp.AMBER);
        assertThat(hub.view(VALUE, "kz").tlp()).as("ir's AMBER is not revealed to kz").isEqualTo(Tlp.GREEN);

        hub.apply(submit("s4", "kz", "45.83.12.7", Tlp.CLEAR));
        hub.apply(sight("f1", "kz", "45.83.12.7", SightingKind.SIGHTED));
        assertThat(hub.view("45.83.12.7", "kz")).as("its own SOC's report").satisfies(v -> {
            assertThat(v.tlp()).isEqualTo(Tlp.CLEAR);
            assertThat(v.sightings()).isEqualTo(1);
        });
        assertThat(hub.view("45.83.12.7", "az")).as("kz's SOC feedback is AMBER and kz has no agreement").satisfies(v -> {
            assertThat(v.tlp()).isEqualTo(Tlp.CLEAR);
            assertThat(v.sightings()).isZero();
        });

        hub.apply(sight("f2", "az", "45.83.12.7", SightingKind.SIGHTED));
        assertThat(hub.view("45.83.12.7", "ir")).as("az's SOC feedback reaches its partner, as AMBER").satisfies(v -> {
            assertThat(v.tlp()).isEqualTo(Tlp.AMBER);
            assertThat(v.sightings()).isEqualTo(1);
        });
    }

    @Example
    void aWithdrawnContributionLeavesTheView() {
        hub.apply(submit("s1", "ir", VALUE, Tlp.GREEN, "op-nightjar"));
        hub.apply(new Scenario.Submit("s2", "az", VALUE, Tlp.GREEN, Set.of("c2"), Set.of(), null, 60, Severity.MEDIUM,
                null));
        View both = hub.view(VALUE, "kz");
        assertThat(both.activeParties()).containsExactly("az", "ir");

        hub.apply(new Scenario.Revoke("s3", "ir", VALUE));
        View afterRevocation = hub.view(VALUE, "kz");
        assertThat(afterRevocation.activeParties()).containsExactly("az");
        assertThat(afterRevocation.revokedParties()).containsExactly("ir");
        assertThat(afterRevocation.tags()).as("ir's word is withdrawn").containsExactly("c2");
        assertThat(afterRevocation.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(afterRevocation.score()).isLessThan(both.score());
        assertThat(afterRevocation.status()).isEqualTo(IndicatorStatus.ACTIVE);

        hub.apply(new Scenario.Revoke("s4", "az", VALUE));
        assertThat(hub.view(VALUE, "kz")).satisfies(v -> {
            assertThat(v.activeParties()).isEmpty();
            assertThat(v.revokedParties()).containsExactly("az", "ir");
            assertThat(v.status()).isEqualTo(IndicatorStatus.REVOKED);
            assertThat(v.score()).isZero();
            assertThat(v.expiresAt()).isNull();
        });
    }

    @Example
    void aTighteningLeavesTheViewsThatMayNoLongerSeeItAsARevocationWould() {
        hub.apply(submit("s1", "ir", VALUE, Tlp.GREEN, "c2"));
        hub.apply(submit("s2", "ir", VALUE, Tlp.RED, "op-nightjar"));

        assertThat(hub.view(VALUE, "kz")).satisfies(v -> {
            assertThat(v.activeParties()).isEmpty();
            assertThat(v.revokedParties()).containsExactly("ir");
            assertThat(v.status()).isEqualTo(IndicatorStatus.REVOKED);
            assertThat(v.tlp()).as("the level it was told under").isEqualTo(Tlp.GREEN);
            assertThat(v.contributions()).singleElement().satisfies(c -> assertThat(c.getTags()).containsExactly("c2"));
        });
        ScenarioFold revoked = ScenarioFold.of(new Scenario(List.of("ir", "az", "kz"), "ir:az",
                List.of(submit("s1", "ir", VALUE, Tlp.GREEN, "c2"), new Scenario.Revoke("s2", "ir", VALUE))));
        assertThat(hub.view(VALUE, "kz")).isEqualTo(revoked.view(VALUE, "kz"));
        assertThat(hub.view(VALUE, "ir").tags()).containsExactly("c2", "op-nightjar");
    }

    @Example
    void theViewExpiresAtTheValidUntilOfWhatTheRecipientMaySee() {
        Instant validUntil = T0.plus(Duration.ofDays(2));
        hub.apply(ScenarioFold.validUntil(submit("s1", "ir", VALUE, Tlp.GREEN, "c2"), validUntil));
        RecipientViews views = hub.views();
        IndicatorState state = hub.state(VALUE);

        assertThat(views.expiresAt(state, "kz")).isEqualTo(validUntil);
        assertThat(views.viewFor(state, "kz", validUntil.toEpochMilli() - 1).status()).isEqualTo(IndicatorStatus.ACTIVE);
        assertThat(views.viewFor(state, "kz", validUntil.toEpochMilli())).satisfies(v -> {
            assertThat(v.status()).isEqualTo(IndicatorStatus.EXPIRED);
            assertThat(v.expiresAt()).isEqualTo(validUntil);
        });

        // az's hidden RED report gives no valid-until: it keeps the value alive for az, not for kz
        hub.apply(submit("s2", "az", VALUE, Tlp.RED));
        state = hub.state(VALUE);
        assertThat(views.expiresAt(state, "kz")).isEqualTo(validUntil);
        assertThat(views.viewFor(state, "kz", validUntil.toEpochMilli()).status()).isEqualTo(IndicatorStatus.EXPIRED);
        assertThat(views.expiresAt(state, "az")).as("a domain's lifetime").isEqualTo(T0.plus(Duration.ofDays(90)));
        assertThat(views.viewFor(state, "az", validUntil.toEpochMilli()).status()).isEqualTo(IndicatorStatus.ACTIVE);
    }

    // ---- properties over generated sequences (Scenario.Generated, as the noninterference property's) ----

    /**
     * Noninterference on the views themselves: for any sequence S and recipient R, R's view of
     * every value (and when it expires) is the one it would have had for S↓R, the sequence with
     * every contribution R may not see removed. The whole-topology property checks the same on
     * the bytes R reads; this one runs in milliseconds (20,000 sequences in about a second).
     */
    @Property
    void aRecipientsViewIsTheOneItWouldHaveWithoutWhatItMayNotSee(
            @ForAll(supplier = Scenario.Generated.class) Scenario scenario) {
        ScenarioFold full = ScenarioFold.of(scenario);
        for (String recipient : scenario.parties()) {
            Scenario projected = scenario.without(recipient);
            ScenarioFold alone = ScenarioFold.of(projected);
            Set<String> values = new TreeSet<>(full.states().keySet());
            values.addAll(alone.states().keySet());
            for (String value : values) {
                assertThat(full.view(value, recipient))
                        .as("%s's view of %s, for\n%s\nand for\n%s", recipient, value, scenario, projected)
                        .isEqualTo(alone.view(value, recipient));
                assertThat(expiresAt(full, value, recipient)).as("%s's expiry of %s, for\n%s", recipient, value, scenario)
                        .isEqualTo(expiresAt(alone, value, recipient));
            }
        }
    }

    /** The view for R never names a party whose every contribution R may not see. */
    @Property
    void theViewNeverNamesAPartyTheRecipientMayNotHaveHeardFrom(
            @ForAll(supplier = Scenario.Generated.class) Scenario scenario) {
        forEachView(scenario, (fold, value, recipient, view) -> {
            Set<String> named = new HashSet<>(view.activeParties());
            named.addAll(view.revokedParties());
            view.contributions().forEach(c -> named.add(c.getParty()));
            assertThat(named).as("%s's view of %s, for\n%s", recipient, value, scenario)
                    .isSubsetOf(heardFrom(scenario, recipient, value));
        });
    }

    /**
     * Every level a view reveals may reach its recipient, and the view's TLP is the strictest of
     * them: stricter than every contribution's only for SOC feedback of another party, whose level
     * is the configured one.
     */
    @Property
    void theViewsTlpIsTheStrictestOfTheLevelsItReveals(@ForAll(supplier = Scenario.Generated.class) Scenario scenario) {
        forEachView(scenario, (fold, value, recipient, view) -> {
            Tlp strictest = Tlp.CLEAR;
            for (Contribution c : view.contributions()) {
                assertThat(scenario.mayLearn(recipient, c.getParty(), c.getTlp()))
                        .as("%s's view of %s reveals %s's %s, for\n%s", recipient, value, c.getParty(), c.getTlp(), scenario)
                        .isTrue();
                strictest = TlpOrder.stricter(strictest, c.getTlp());
            }
            boolean othersFeedback = RecipientFolds.feedback(fold.state(value),
                    fold.state(value).getRecipients().get(recipient)).keySet().stream().anyMatch(p -> !p.equals(recipient));
            assertThat(view.tlp()).as("%s's view of %s, for\n%s", recipient, value, scenario)
                    .isEqualTo(othersFeedback ? TlpOrder.stricter(strictest, Scenario.FEEDBACK_TLP) : strictest);
        });
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** A check of one recipient's view of one value. */
    private interface ViewCheck {
        void check(ScenarioFold fold, String value, String recipient, View view);
    }

    /** Runs the scenario and checks every view it leaves: each value the hub holds, for each recipient that knows it. */
    private static void forEachView(Scenario scenario, ViewCheck check) {
        ScenarioFold fold = ScenarioFold.of(scenario);
        for (String value : fold.states().keySet()) {
            for (String recipient : scenario.parties()) {
                View view = fold.view(value, recipient);
                if (view != null) {
                    check.check(fold, value, recipient, view);
                }
            }
        }
    }

    /** The parties that ever said something of {@code value} that {@code recipient} may see. */
    private static Set<String> heardFrom(Scenario scenario, String recipient, String value) {
        Set<String> parties = new HashSet<>();
        for (Scenario.Step step : scenario.steps()) {
            if (step instanceof Scenario.Submit s && s.value().equals(value) && scenario.mayLearn(recipient, s.party(), s.tlp())) {
                parties.add(s.party());
            }
        }
        return parties;
    }

    private static Instant expiresAt(ScenarioFold fold, String value, String recipient) {
        IndicatorState state = fold.state(value);
        return state == null ? null : fold.views().expiresAt(state, recipient);
    }

    /** The values {@code recipient} has a view of, in value order. */
    private List<String> knownTo(String recipient) {
        return hub.states().keySet().stream().filter(value -> hub.view(value, recipient) != null).toList();
    }
}
